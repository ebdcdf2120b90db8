(* An interface that hides the representation and one helper. *)
type t
val make : int -> t
val incr : t -> t
val show : t -> string
