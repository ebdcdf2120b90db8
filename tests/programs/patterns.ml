type shape = Circle of float | Rect of float * float | Tri of { a : float; b : float; c : float }
type tree = Leaf | Node of tree * int * tree
let area = function
  | Circle r -> 3.0 *. r *. r
  | Rect (w, h) -> w *. h
  | Tri { a; b; c } -> let s = (a +. b +. c) /. 2. in sqrt (s *. (s -. a) *. (s -. b) *. (s -. c))
let classify n = match n with
  | 0 -> "zero"
  | 1 | 2 | 3 -> "small"
  | n when n < 0 -> "negative"
  | n when n mod 2 = 0 -> "even"
  | _ -> "odd"
let char_kind c = match c with
  | 'a' .. 'z' -> "lower"
  | 'A' .. 'Z' -> "upper"
  | '0' .. '9' -> "digit"
  | ' ' | '\t' | '\n' -> "space"
  | _ -> "other"
let str_match = function "hello" -> 1 | "world" -> 2 | "" -> 0 | _ -> -1
let arr_match = function [||] -> "empty" | [| x |] -> "one " ^ string_of_int x | [| x; y |] -> Printf.sprintf "two %d %d" x y | _ -> "many"
let rec insert x = function
  | Leaf -> Node (Leaf, x, Leaf)
  | Node (l, v, r) as t -> if x < v then Node (insert x l, v, r) else if x > v then Node (l, v, insert x r) else t
let rec to_list = function Leaf -> [] | Node (l, v, r) -> to_list l @ [v] @ to_list r
let nested = function
  | (Some (x, _), [y]) | (None, [x; y]) -> x + y
  | (Some (a, b), _ :: _ :: _) -> a * b
  | (_, []) -> -1
  | _ -> -2
let list_shape = function
  | [] -> "nil" | [_] -> "single" | [a; b] when a = b -> "pair-same" | _ :: _ :: rest -> Printf.sprintf "long(%d)" (List.length rest)
let tuple3 = function (true, _, _) -> 1 | (false, true, _) -> 2 | (false, false, true) -> 3 | (false, false, false) -> 4
let () =
  List.iter (fun s -> Printf.printf "%.2f\n" (area s)) [Circle 1.0; Rect (2., 3.5); Tri { a = 3.; b = 4.; c = 5. }];
  List.iter (fun n -> Printf.printf "%d:%s " n (classify n)) [0; 1; 3; -5; 8; 9]; print_newline ();
  String.iter (fun c -> Printf.printf "%s " (char_kind c)) "aZ5 !\t"; print_newline ();
  List.iter (fun s -> Printf.printf "%d " (str_match s)) ["hello"; "world"; ""; "x"]; print_newline ();
  List.iter (fun a -> print_endline (arr_match a)) [[||]; [|1|]; [|1; 2|]; [|1; 2; 3|]];
  let t = List.fold_left (fun t x -> insert x t) Leaf [5; 3; 8; 1; 4; 7; 9; 3] in
  List.iter (Printf.printf "%d ") (to_list t); print_newline ();
  Printf.printf "%d %d %d %d %d\n" (nested (Some (1, 2), [3])) (nested (None, [4; 5])) (nested (Some (3, 4), [1; 2])) (nested (None, [])) (nested (None, [1]));
  List.iter (fun l -> print_string (list_shape l ^ " ")) [[]; [1]; [2; 2]; [1; 2]; [1; 2; 3; 4]]; print_newline ();
  List.iter (fun t -> Printf.printf "%d" (tuple3 t)) [(true, false, false); (false, true, true); (false, false, true); (false, false, false)];
  print_newline ();
  let (a, (b, c)), d = (1, (2, 3)), [| 4 |] in
  Printf.printf "%d %d %d %d\n" a b c d.(0);
  match Some [1; 2] with Some (x :: _ as l) -> Printf.printf "%d %d\n" x (List.length l) | _ -> ()
