module type ORD = sig type t val compare : t -> t -> int end;;
module MakeSet (O : ORD) = struct
  type elt = O.t
  type t = elt list
  let empty = []
  let rec add x = function
    | [] -> [x]
    | y :: r as l -> let c = O.compare x y in if c = 0 then l else if c < 0 then x :: l else y :: add x r
  let elements s = s
end;;
module IntOrd = struct type t = int let compare a b = a - b end;;
module S = MakeSet (IntOrd);;
S.elements (S.add 3 (S.add 1 (S.add 2 S.empty)));;
module type SET = sig type elt type t val empty : t val add : elt -> t -> t val elements : t -> elt list end;;
module MakeAbs (O : ORD) : SET with type elt = O.t = MakeSet (O);;
module Counter () = struct let n = ref 0 let next () = incr n; !n end;;
module C1 = Counter ();;
module C2 = Counter ();;
C1.next ();;
C1.next ();;
C2.next ();;
module Compose (F : functor (X : ORD) -> sig val elements : X.t list -> X.t list end) (X : ORD) = struct let f l = F(X).elements l end;;
module Pair (A : ORD) (B : ORD) = struct type t = A.t * B.t let compare (a1, b1) (a2, b2) = let c = A.compare a1 a2 in if c <> 0 then c else B.compare b1 b2 end;;
module P = Pair (IntOrd) (IntOrd);;
P.compare (1, 2) (1, 3);;
let x : Pair(IntOrd)(IntOrd).t = (4, 5);;
module Sub = struct module Inner = struct let v = 10 end let w = Inner.v + 1 end;;
Sub.w;;
Sub.Inner.v;;
module Restricted : sig module Inner : sig end val w : int end = Sub;;
Restricted.w;;
module Apply (X : sig val v : int end) = struct let double = 2 * X.v end;;
module D = Apply (Sub.Inner);;
D.double;;
module D2 = Apply (struct let v = 21 let unused = "x" end);;
D2.double;;
let f () = let module L = Apply (struct let v = 4 end) in L.double;;
f ();;
