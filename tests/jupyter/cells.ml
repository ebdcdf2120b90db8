(* cell *)
let x = 1 + 2;;
(* cell: sent without its final ;; *)
let y = x * 2;;
(* cell *)
print_string "hi"; 1;;
(* cell *)
1 + "a";;
(* cell *)
raise Not_found;;
(* cell: sent without its final ;; *)
let a = 10;;
let b = a + y;;
(* cell *)
print_endline "one";;
let z = String.length "four";;
Printf.printf "%d\n" z;;
(* cell *)
prerr_string "err"; flush stderr;;
(* cell *)
let f = function 0 -> 1;;
(* cell *)
type t = A | B of int;;
[A; B 3];;
(* cell *)
"caf\xc3\xa9 \xff";;
