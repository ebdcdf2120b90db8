(* The representation is hidden from other units. *)
type t
val make : int -> t
val incr : t -> t
val show : t -> string
