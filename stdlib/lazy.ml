(* Deferred computations. [force] is a compiler primitive (inline tag test, then
   CamlinternalLazy.force_lazy_block). *)

type 'a t = 'a CamlinternalLazy.t

exception Undefined = CamlinternalLazy.Undefined

external make_forward : 'a -> 'a lazy_t = "caml_lazy_make_forward"
external force : 'a t -> 'a = "%lazy_force"

let force_val = CamlinternalLazy.force_val

let from_fun (f : unit -> 'a) : 'a t =
  let blk = Obj.new_block Obj.lazy_tag 1 in
  Obj.set_field blk 0 (Obj.repr f);
  Obj.obj blk

(* A value that is not itself a block that could be mistaken for a lazy one is stored
   directly; otherwise it is wrapped in a forward block. *)
let from_val (v : 'a) : 'a t =
  let r = Obj.repr v in
  if Obj.is_int r then (Obj.magic v : 'a t)
  else
    let t = Obj.tag r in
    if t = Obj.forward_tag || t = Obj.lazy_tag || t = Obj.double_tag then make_forward v
    else (Obj.magic v : 'a t)

let is_val (l : 'a t) = Obj.tag (Obj.repr l) <> Obj.lazy_tag
let lazy_from_fun = from_fun
let lazy_from_val = from_val
let lazy_is_val = is_val
let map f x = lazy (f (force x))
let map_val f x = if is_val x then from_val (f (force x)) else lazy (f (force x))
