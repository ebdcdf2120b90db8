(* Two-dimensional vectors. *)
type t = { x : float; y : float }
val add : t -> t -> t
val scale : float -> t -> t
val to_string : t -> string
