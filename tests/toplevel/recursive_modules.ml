module rec A : sig type t = Leaf | Node of B.t val size : t -> int end = struct
  type t = Leaf | Node of B.t
  let size = function Leaf -> 0 | Node b -> 1 + B.total b
end
and B : sig type t = A.t list val total : t -> int end = struct
  type t = A.t list
  let total l = List.fold_left (fun acc a -> acc + A.size a) 0 l
end;;
A.size (A.Node [A.Leaf; A.Node [A.Leaf]]);;
module rec Even : sig val even : int -> bool end = struct let even n = n = 0 || Odd.odd (n - 1) end
and Odd : sig val odd : int -> bool end = struct let odd n = n <> 0 && Even.even (n - 1) end;;
Even.even 10, Odd.odd 7;;
module rec Bad : sig val f : int -> int end = struct let f = Bad.f end;;
module type T = sig module rec X : sig type t = int list val x : t end and Y : sig val y : X.t end end;;
module rec M : sig module S : sig val v : unit -> int end end = struct module S = struct let v () = 3 end end;;
M.S.v ();;
module rec A : sig val f : int -> int end = struct let f x = if x = 0 then 0 else B.g (x-1) end and B : sig val g : int -> int end = struct let g x = A.f x + 1 end;;
A.f 5;;
module rec C : sig val x : int end = struct let x = D.y end and D : sig val y : int end = struct let y = 1 end;;
module rec T : sig type t = Leaf of int | Node of TS.t val compare : t -> t -> int end = struct
  type t = Leaf of int | Node of TS.t
  let compare a b = match a, b with
    | Leaf x, Leaf y -> compare x y
    | Leaf _, Node _ -> -1
    | Node _, Leaf _ -> 1
    | Node s, Node t -> TS.compare s t
end
and TS : Set.S with type elt = T.t = Set.Make(T);;
let s = TS.of_list [T.Leaf 3; T.Node (TS.singleton (T.Leaf 1)); T.Leaf 1];;
TS.cardinal s;;
List.length (TS.elements s);;
