type ('a, 'b) either = Left of 'a | Right of 'b
type 'a with_fun = { call : 'a -> 'a; name : string }
type very_long_record_type_name = { first_field_with_long_name : int; second_field_with_long_name : string; third_field : float }
type long_variant = Constructor_one of int | Constructor_two of string * float | Constructor_three | Constructor_four of (int -> int)
type nonrec t = int
type t2 = private A | B
type 'a abs_private = private 'a list
type funs = (int -> int) list
type tup = (int * string) option
let long_function_name_for_testing a_parameter another_parameter yet_another one_more and_more =
  (a_parameter + 1, another_parameter ^ "", yet_another +. 1.0, one_more :: [], [| and_more |])
let higher_order (f : int -> string -> float -> bool -> char -> unit) (g : (int -> int) -> int) = (f, g)
let opt_fun ?(a = 1) ?b ~c d = ignore b; a + c + d
let nested_arrows : (int -> (int -> int) -> int) -> int = fun f -> f 1 succ
let rev_tuple (a, b, c) = (c, b, a)
