module type ORDERED = sig
  type t
  val compare : t -> t -> int
end
module Make (O : ORDERED) : sig
  type elt = O.t
  type t
  val empty : t
  val add : elt -> t -> t
  val elements : t -> elt list
end
