(* Records (mutable fields included), arrays, lazy patterns, aliases, inline records. *)
type point = { x : int; y : int; mutable hits : int }

let where p =
  match p with
  | { x = 0; y = 0; _ } -> "origin"
  | { x = 0; _ } -> "on y axis"
  | { y = 0; hits } when hits > 2 -> "on x axis, hit"
  | { y = 0; _ } -> "on x axis"
  | { x; y; _ } when x = y -> "diagonal"
  | { hits = 0 | 1; _ } -> "rarely hit"
  | _ -> "elsewhere"

let () =
  List.iter
    (fun p -> print_endline (where p))
    [ { x = 0; y = 0; hits = 0 }; { x = 0; y = 3; hits = 0 }; { x = 2; y = 0; hits = 5 }; { x = 2; y = 0; hits = 1 };
      { x = 4; y = 4; hits = 9 }; { x = 1; y = 2; hits = 1 }; { x = 1; y = 2; hits = 8 } ]

(* A guard that mutates the field being matched: the value read before stays the one matched. *)
let r = { x = 1; y = 1; hits = 0 }

let () =
  let res =
    match r with
    | { hits = 0; _ } when (r.hits <- 1; false) -> "first"
    | { hits = 0; _ } -> "still zero"
    | { hits = 1; _ } -> "one"
    | _ -> "other"
  in
  Printf.printf "%s %d\n" res r.hits

let arr a =
  match a with
  | [||] -> "empty"
  | [| x |] -> "one " ^ string_of_int x
  | [| 0; _ |] | [| _; 0 |] -> "pair with zero"
  | [| x; y |] -> Printf.sprintf "pair %d" (x + y)
  | [| _; _; _ |] -> "three"
  | _ -> Printf.sprintf "long %d" (Array.length a)

let () = List.iter (fun a -> print_endline (arr a)) [ [||]; [| 4 |]; [| 0; 5 |]; [| 5; 0 |]; [| 2; 3 |]; [| 1; 2; 3 |]; [| 1; 2; 3; 4 |] ]

let farr = function [| 1.0; x |] -> x | [| x |] -> x | _ -> -1.0
let () = Printf.printf "%g %g %g\n" (farr [| 1.0; 2.5 |]) (farr [| 7.0 |]) (farr [||])

let lz v =
  match v with
  | lazy 0 -> "zero"
  | lazy n when n < 0 -> "neg"
  | lazy n -> string_of_int n

let () =
  let count = ref 0 in
  let mk n = lazy (incr count; n) in
  List.iter (fun v -> print_string (lz v ^ " ")) [ mk 0; mk (-1); mk 5 ];
  Printf.printf "forced %d\n" !count

let lazies = function
  | (lazy (Some x), _) -> x
  | (_, lazy (Some y)) -> y
  | _ -> 0

let () =
  let trace = Buffer.create 10 in
  let l name v = lazy (Buffer.add_string trace name; v) in
  let a = lazies (l "a" (Some 1), l "b" (Some 2)) in
  let b = lazies (l "c" None, l "d" (Some 3)) in
  let c = lazies (l "e" None, l "f" None) in
  Printf.printf "%d %d %d %s\n" a b c (Buffer.contents trace)

type tree = Leaf | Node of { left : tree; value : int; right : tree; mutable size : int }

let rec sum = function Leaf -> 0 | Node { left; value; right; _ } -> sum left + value + sum right

let rec describe t =
  match t with
  | Leaf -> "."
  | Node { left = Leaf; right = Leaf; value; _ } -> string_of_int value
  | Node ({ left = Node _ as l; right = Leaf; _ } as n) -> "(" ^ describe l ^ " <" ^ string_of_int n.value ^ ")"
  | Node { left; value; right; size } -> Printf.sprintf "(%s %d %s #%d)" (describe left) value (describe right) size

let t = Node { left = Node { left = Leaf; value = 1; right = Leaf; size = 1 }; value = 2; right = Node { left = Node { left = Leaf; value = 3; right = Leaf; size = 1 }; value = 4; right = Leaf; size = 2 }; size = 4 }
let () = Printf.printf "%d %s\n" (sum t) (describe t)

(* Aliases at several levels. *)
let alias = function
  | (Some (1 | 2 as n) as o), (_ :: _ as l) -> Printf.sprintf "%d %b %d" n (o = Some n) (List.length l)
  | (Some n as o), [] -> Printf.sprintf "%d %b" n (o = None)
  | None, l -> string_of_int (List.length l)
  | Some _, _ -> "other"

let () = List.iter (fun x -> print_endline (alias x)) [ (Some 1, [ 1; 2 ]); (Some 2, []); (Some 3, [ 1 ]); (None, [ 1; 2; 3 ]) ]

type unboxed = U of int [@@unboxed]
type single = S of int * string
let un (U n) (S (a, b)) = n + a + String.length b
let () = print_int (un (U 3) (S (4, "five"))); print_newline ()

(* let-patterns and function parameters. *)
let (a, (b, c)), d = ((1, (2, 3)), 4)
let f (x, y) { x = px; _ } = x + y + px
let () = Printf.printf "%d %d\n" (a + b + c + d) (f (1, 2) { x = 10; y = 0; hits = 0 })
