module M : sig
  type 'a t = unit -> 'a node
  and 'a node = Nil | Cons of 'a * 'a t
  val map : ('a -> 'b) -> 'a t -> 'b t
  val of_list : 'a list -> 'a t
end = struct
  type 'a t = unit -> 'a node
  and 'a node = Nil | Cons of 'a * 'a t
  let rec map f s () = match s () with Nil -> Nil | Cons (x, r) -> Cons (f x, map f r)
  let rec of_list l () = match l with [] -> Nil | x :: r -> Cons (x, of_list r)
end;;
module C : sig open M val map : ('a -> 'b) -> 'a t -> 'b t end = M;;
module S : sig val map : ('a -> 'b) -> 'a Seq.t -> 'b Seq.t end = Seq;;
module D : sig open Random val get_state : unit -> State.t end = Random;;
let st : Random.State.t = D.get_state ();;
List.of_seq (S.map succ (List.to_seq [1; 2; 3]));;

module A = struct
  module B = struct
    module C = struct type t = T of int let x = T 1 end
    type u
  end
end;;
module K : sig module B : sig module C : sig type t = A.B.C.t val x : t end type u = A.B.u end end = A;;
(match K.B.C.x with A.B.C.T n -> n);;
module A2 : sig module B : sig module C : sig type t val x : t end end end = A;;
let bad : A.B.C.t = A2.B.C.x;;

module type HAS_T = sig type t val v : t end;;
module Abs : HAS_T = struct type t = int let v = 3 end;;
module F (X : HAS_T) = struct let w = X.v end;;
module G = F (Abs);;
let ok : Abs.t = G.w;;
module Same : sig type t = Abs.t val v : t end = Abs;;
let ok2 : Abs.t = Same.v;;
module type T2 = module type of Abs;;
module Bad : sig type t = Abs.t end = (Abs : T2);;
