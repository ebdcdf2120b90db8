module type ORDERED = sig
  type t
  val compare : t -> t -> int
end
module Make (O : ORDERED) = struct
  type elt = O.t
  type t = elt list
  let empty = []
  let rec add x = function
    | [] -> [x]
    | y :: r as l -> let c = O.compare x y in if c = 0 then l else if c < 0 then x :: l else y :: add x r
  let elements s = s
end
