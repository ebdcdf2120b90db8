(* Large variant matches, nested patterns, or-patterns with bindings, constants. *)
type op =
  | Nop | Push of int | Pop | Add | Sub | Mul | Div | Neg | Dup | Swap | Jmp of int
  | Jz of int | Load of string | Store of string | Print | Halt | Call of int * int
  | Ret | Cmp of char | Label of string

let describe = function
  | Nop -> "nop"
  | Push n when n < 0 -> "push-neg " ^ string_of_int n
  | Push 0 -> "push-zero"
  | Push n -> "push " ^ string_of_int n
  | Pop | Dup | Swap -> "stack"
  | Add | Sub | Mul | Div as o -> (match o with Add -> "+" | Sub -> "-" | Mul -> "*" | _ -> "/")
  | Neg -> "neg"
  | Jmp n | Jz n when n > 100 -> "far jump " ^ string_of_int n
  | Jmp n | Jz n -> "jump " ^ string_of_int n
  | Load s | Store s | Label s -> "name " ^ s
  | Print -> "print"
  | Halt -> "halt"
  | Call (a, 0) | Call (0, a) -> "call1 " ^ string_of_int a
  | Call (a, b) -> Printf.sprintf "call %d %d" a b
  | Ret -> "ret"
  | Cmp ('<' | '>' as c) -> Printf.sprintf "cmp order %c" c
  | Cmp c -> Printf.sprintf "cmp %c" c

let ops =
  [ Nop; Push (-3); Push 0; Push 7; Pop; Dup; Swap; Add; Sub; Mul; Div; Neg; Jmp 5; Jz 500;
    Jz 3; Load "x"; Store "y"; Label "l"; Print; Halt; Call (0, 9); Call (4, 0); Call (0, 0);
    Call (2, 3); Ret; Cmp '<'; Cmp '>'; Cmp '=' ]

let () = List.iter (fun o -> print_endline (describe o)) ops

(* Nested patterns over lists and options. *)
let rec pairs = function
  | [] -> []
  | [ x ] -> [ (x, None) ]
  | x :: (y :: _ as rest) when x = y -> (x, Some y) :: pairs (List.tl rest)
  | x :: y :: rest -> (x, Some y) :: pairs rest

let () =
  List.iter
    (fun (a, b) -> Printf.printf "(%d,%s) " a (match b with None -> "-" | Some b -> string_of_int b))
    (pairs [ 1; 1; 2; 3; 4; 4; 5 ]);
  print_newline ()

let classify l1 l2 =
  match (l1, l2) with
  | [], [] -> "both empty"
  | [], _ :: _ -> "left empty"
  | _ :: _, [] -> "right empty"
  | [ a ], [ b ] when a = b -> "same singleton"
  | a :: _, b :: _ when a > b -> "left bigger head"
  | _ :: (_ :: _ as t), _ -> "left long " ^ string_of_int (List.length t)
  | _, _ -> "other"

let () =
  List.iter
    (fun (a, b) -> print_endline (classify a b))
    [ ([], []); ([], [ 1 ]); ([ 1 ], []); ([ 2 ], [ 2 ]); ([ 3 ], [ 1 ]); ([ 1; 2; 3 ], [ 5 ]); ([ 1 ], [ 5 ]) ]

(* Options of tuples of variants: decision on several columns. *)
type color = Red | Green | Blue | Rgb of int * int * int

let mix a b =
  match (a, b) with
  | Some Red, Some Red -> "red"
  | Some (Red | Green), Some (Green | Red) -> "warm-ish"
  | Some Blue, _ | _, Some Blue -> "has blue"
  | Some (Rgb (r, _, _)), Some (Rgb (_, g, _)) when r = g -> "rgb r=g"
  | Some (Rgb (r, g, b)), _ | _, Some (Rgb (r, g, b)) -> Printf.sprintf "rgb %d %d %d" r g b
  | None, None -> "nothing"
  | _ -> "partial"

let colors = [ None; Some Red; Some Green; Some Blue; Some (Rgb (1, 2, 3)); Some (Rgb (2, 1, 0)) ]
let () = List.iter (fun a -> List.iter (fun b -> print_string (mix a b ^ "; ")) colors; print_newline ()) colors

(* Ints, chars and ranges. *)
let kind c =
  match c with
  | 'a' .. 'z' -> "lower"
  | 'A' .. 'Z' -> "upper"
  | '0' .. '9' -> "digit"
  | ' ' | '\t' | '\n' -> "space"
  | '\128' .. '\255' -> "high"
  | _ -> "punct"

let () =
  String.iter (fun c -> Printf.printf "%d:%s " (Char.code c) (kind c)) "aZ5 \n!\200";
  print_newline ()

let size n =
  match n with
  | 0 -> "zero"
  | 1 | 2 | 3 -> "small"
  | -1 -> "minus one"
  | 1000000 -> "million"
  | 4611686018427387903 -> "max"
  | n when n < 0 -> "negative"
  | _ -> "other"

let () = List.iter (fun n -> print_string (size n ^ " ")) [ 0; 2; -1; 1000000; max_int; min_int; 42 ]; print_newline ()

let bools a b c =
  match (a, b, c) with
  | true, true, _ -> 1
  | _, true, true -> 2
  | false, _, false -> 3
  | _, false, true -> 4
  | true, _, false -> 5

let () =
  List.iter
    (fun (a, b, c) -> Printf.printf "%d " (bools a b c))
    [ (true, true, true); (false, true, true); (false, false, false); (true, false, true); (true, false, false) ];
  print_newline ()
