(* The object system's runtime support, in part (see the interface). *)

type tag = int

(* A method's label is a hash of its name, the same the compiler computes for a method call:
   base 223, reduced to 31 bits, signed. *)
let public_method_label name : tag =
  let h = ref 0 in
  String.iter (fun c -> h := (223 * !h) + Char.code c) name;
  let h = !h land ((1 lsl 31) - 1) in
  if h > 0x3FFFFFFF then h - (1 lsl 31) else h

(* Objects are blocks (Object_tag) whose field 1 is a unique id: a copy gets a new one. *)
external set_id : 'a -> 'a = "caml_set_oo_id"

let copy o = set_id (Obj.obj (Obj.dup (Obj.repr o)))
