(* Values registered under a name, for C code (and the runtime) to find them. *)

external register_named_value : string -> Obj.t -> unit = "caml_register_named_value"

let register name v = register_named_value name (Obj.repr v)

(* For an exception, what is registered is its constructor (the slot that identifies it). *)
let register_exception name (e : exn) =
  let e = Obj.repr e in
  let slot = if Obj.tag e = Obj.object_tag then e else Obj.field e 0 in
  register_named_value name slot
