(* An expect test in the format of OCaml's testsuite: the blocks hold real OCaml's output
   (tests/expect/regen.py). *)

let x = 1
let y = x + 1;;
[%%expect{|
val x : int = 1
val y : int = 2
|}]

type t = A | B of int;;
[%%expect{|
type t = A | B of int
|}]

let f = function
  | A -> 0;;
[%%expect{|
Lines 1-2, characters 8-10:
1 | ........function
2 |   | A -> 0..
Warning 8 [partial-match]: this pattern-matching is not exhaustive.
Here is an example of a case that is not matched:
B _
val f : t -> int = <fun>
|}]

let g = function
  | A -> 0
  | B n -> n + "one";;
[%%expect{|
Line 3, characters 15-20:
3 |   | B n -> n + "one";;
                   ^^^^^
Error: This expression has type string but an expression was expected of type
         int
|}];;

List.map (fun x -> x * 2) [1; 2; 3];;
[%%expect{|
- : int list = [2; 4; 6]
|}];;

let _ = List.hd [];;
[%%expect{|
Exception: Failure "hd".
|}];;

#show t;;
[%%expect{|
type t = A | B of int
|}];;

#foo;;
[%%expect{|
Unknown directive `foo'.
|}];;

let h = f A
let z = y * 10
[%%expect{|
val h : int = 0
val z : int = 20
|}]

let () = ()
[%%expect{|
|}]
