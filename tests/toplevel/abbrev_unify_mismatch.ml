(* An abbreviation never unifies with a type other than its expansion (a plain type linked to
   the abbreviation must still be compared with the expansion), in expressions and in
   signature matching. *)
type t = float;;
let f (x : string) = (x : t);;
let g (x : t) = (x : string);;
let h (x : t) = (x : float) +. 1.;;
type 'a pair = 'a * 'a;;
let p (x : int * string) = (x : int pair);;
let q (x : int * int) = (x : int pair);;
module M : sig type t val x : t end = struct type t = float let x = "" end;;
module M : sig type t = int val x : t end = struct type t = int let x = "" end;;
module M : sig type t val x : t list end = struct type t = int list let x = [[1]] end;;
module M : sig type t val x : t end = struct type t = int let x = 3 end;;
module rec A : sig type t val x : t end = struct type t = int let x = "" end;;
module rec A : sig type t = int val f : t -> B.u end = struct type t = int let f x = B.g x end
and B : sig type u val g : int -> u end = struct type u = string let g = string_of_int end;;
module rec C : sig type t val a : t end = struct type t = int let a = D.b end
and D : sig val b : C.t end = struct let b = C.a end;;
