type t = int
type 'a u = 'a list
type ('a, 'b) v = ('a * 'b) -> 'a
type w = A | B of int | C of int * string | D of { x : int; mutable y : float }
type x = | E
type y = { f : int; mutable g : 'a. 'a -> 'a; }
type z = ..
type z += F | G of int
type _ g = Int : int -> int g | Bool : bool g | Pair : 'a g * 'b g -> ('a * 'b) g
type o = < m : int; n : 'a. 'a -> unit; .. >
type o2 = < >
type pv = [ `A | `B of int ] * [> `C ] * [< `D | `E > `D ] * [ `F | pv ]
type f = x:int -> ?y:int -> int -> unit
type c = #cls * int #cls * (int, bool) M.cls
type a = int as 'x
type p = private int
type q = t = A | B
type r = private { x : int }
type +'a cov and -'a contra and !'a inj
type 'a con = 'a list constraint 'a = int
type m = (module S) * (module S with type t = int and type u = bool)
type nonrec t = t
type e = [%ext] * int [@attr]
