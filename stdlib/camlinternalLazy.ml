(* Forcing lazy values. A suspended value is a block with Lazy_tag whose field holds the
   computation; once computed it becomes a Forward_tag block holding the result (which the GC
   may short-circuit). While running, the field holds a function raising Undefined, so a value
   that forces itself fails; if the computation raises, the field re-raises that exception. *)

type 'a t = 'a lazy_t

exception Undefined

external make_forward : Obj.t -> Obj.t -> unit = "caml_obj_make_forward"

let raise_undefined = Obj.repr (fun () -> raise Undefined)

let force_with (run : (unit -> Obj.t) -> Obj.t) (blk : 'a lazy_t) : 'a =
  let b = Obj.repr blk in
  let computation : unit -> Obj.t = Obj.obj (Obj.field b 0) in
  Obj.set_field b 0 raise_undefined;
  let result = run computation in
  make_forward b result;
  Obj.obj result

let force_lazy_block blk =
  force_with
    (fun computation ->
      try computation ()
      with e ->
        Obj.set_field (Obj.repr blk) 0 (Obj.repr (fun () -> raise e));
        raise e)
    blk

(* Like [force_lazy_block] but an exception leaves the value raising Undefined. *)
let force_val_lazy_block blk = force_with (fun computation -> computation ()) blk

let force_gen force_block (lzv : 'a lazy_t) : 'a =
  let x = Obj.repr lzv in
  let t = Obj.tag x in
  if t = Obj.forward_tag then Obj.obj (Obj.field x 0)
  else if t <> Obj.lazy_tag then Obj.obj x
  else force_block lzv

let force lzv = force_gen force_lazy_block lzv
let force_val lzv = force_gen force_val_lazy_block lzv
