(* Interface of Oo: declarations after OCaml's documented Stdlib API. *)

val copy : (< .. > as 'a) -> 'a

external id : < .. > -> int = "%field1"

val new_method : string -> CamlinternalOO.tag
val public_method_label : string -> CamlinternalOO.tag
