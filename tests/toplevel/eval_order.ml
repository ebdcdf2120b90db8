(* Evaluation order in the toplevel: each phrase's effects print the letters of its operands
   in the order they ran (right to left for applications, data and primitives; left to right
   for `&&`, `let ... and`, a matched tuple and the arguments after a gap in a partial
   application). Functions of earlier phrases are inlined across phrases: the order stays. *)
let pr s x = print_string s; x;;
let add a b = a + b;;
add (pr "a" 1) (pr "b" 2);;
(pr "F" add) (pr "a" 1) (pr "b" 2);;
let add3 a b c = a + b + c;;
add3 (pr "a" 1) (pr "b" 2) (pr "c" 3);;
(pr "a" 1, pr "b" 2, pr "c" 3);;
[pr "a" 1; pr "b" 2; pr "c" 3];;
[|pr "a" 1.; pr "b" 2.|];;
Some (pr "a" 1, pr "b" 2);;
type r = { x : int; y : int };;
{ y = pr "y" 1; x = pr "x" 2 };;
let r0 = { x = 0; y = 0 };;
{ (pr "e" r0) with y = pr "y" 1 };;
pr "a" 1 + pr "b" 2 * pr "c" 3;;
pr "a" "x" ^ pr "b" "y";;
pr "a" 1 :: pr "b" [];;
pr "a" [1] = pr "b" [2];;
pr "a" true && pr "b" false;;
pr "a" false || pr "b" true;;
let a = pr "a" 1 and b = pr "b" 2;;
let c, d = (pr "c" 1, pr "d" 2);;
match pr "a" 1, pr "b" 2 with (x, y) -> x + y;;
match (pr "a" 1, pr "b" 2) with t -> t;;
let arr = [| 1; 2 |];;
(pr "a" arr).(pr "i" 0) <- pr "v" 3;;
(pr "a" arr).(pr "i" 1);;
let cell = ref 0;;
(pr "r" cell) := pr "v" 1;;
let lab ~a ~b = a - b;;
lab ~b:(pr "b" 1) ~a:(pr "a" 2);;
let g = (pr "F" lab) ~b:(pr "b" 1);;
g ~a:(pr "a" 5);;
let opt ?(o = 10) ~x () = x + o;;
let h = (pr "F" opt) ~x:(pr "x" 1);;
h ();;
h ~o:(pr "o" 2) ();;
let k = opt ~o:(pr "o" 3);;
k ~x:(pr "x" 1) ();;
Printf.printf "%d %d\n" (pr "a" 1) (pr "b" 2);;
pr "a" 1 |> pr "F" succ;;
for i = pr "a" 1 to pr "b" 2 do print_int i done;;
