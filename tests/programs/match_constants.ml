(* Strings, floats, boxed integers, unit, and polymorphic variants in patterns. *)
let keyword = function
  | "let" -> 1 | "in" -> 2 | "if" -> 3 | "then" -> 4 | "else" -> 5 | "match" -> 6 | "with" -> 7
  | "fun" -> 8 | "function" -> 9 | "type" -> 10 | "of" -> 11 | "rec" -> 12 | "and" -> 13
  | "begin" -> 14 | "end" -> 15 | "module" -> 16 | "struct" -> 17 | "sig" -> 18 | "" -> 0
  | "while" | "for" | "do" | "done" -> 20
  | s when String.length s > 8 -> -2
  | _ -> -1

let () =
  List.iter
    (fun s -> Printf.printf "%s=%d " s (keyword s))
    [ "let"; "in"; "if"; "then"; "else"; "match"; "with"; "fun"; "function"; "type"; "of"; "rec"; "and";
      "begin"; "end"; "module"; "struct"; "sig"; ""; "while"; "for"; "do"; "done"; "lets"; "i"; "verylongword"; "mat" ];
  print_newline ()

let pair = function
  | "a", "b" -> "ab"
  | "a", _ -> "a?"
  | _, "b" -> "?b"
  | x, y when x = y -> "same"
  | _ -> "?"

let () = List.iter (fun p -> print_string (pair p ^ " ")) [ ("a", "b"); ("a", "c"); ("c", "b"); ("d", "d"); ("e", "f") ]; print_newline ()

let float_kind = function
  | 0.0 -> "zero"
  | 1.5 -> "one and a half"
  | -2.25 -> "minus"
  | x when x <> x -> "nan"
  | x when x = infinity -> "inf"
  | _ -> "float"

let () = List.iter (fun f -> print_string (float_kind f ^ " ")) [ 0.0; -0.0; 1.5; -2.25; nan; infinity; 3.0 ]; print_newline ()

let boxed a b c =
  match (a, b, c) with
  | 0l, 0L, 0n -> "zeros"
  | 1l, _, _ -> "one32"
  | _, 123456789012L, _ -> "big64"
  | _, _, -5n -> "native"
  | 2147483647l, _, _ -> "max32"
  | _ -> "other"

let () =
  List.iter
    (fun (a, b, c) -> print_string (boxed a b c ^ " "))
    [ (0l, 0L, 0n); (1l, 5L, 5n); (3l, 123456789012L, 0n); (3l, 1L, -5n); (Int32.max_int, 0L, 0n); (7l, 7L, 7n) ];
  print_newline ()

let unit_match () = match () with () -> "unit"
let () = print_endline (unit_match ())

type shape = [ `Circle of float | `Square of float | `Point | `Line of float * float | `Empty ]

let area (s : shape) =
  match s with
  | `Circle r -> 3.0 *. r *. r
  | `Square s -> s *. s
  | `Point | `Empty -> 0.0
  | `Line (a, b) when a = b -> -1.0
  | `Line _ -> 0.5

let () =
  List.iter (fun s -> Printf.printf "%g " (area s)) [ `Circle 1.0; `Square 2.0; `Point; `Empty; `Line (1.0, 1.0); `Line (1.0, 2.0) ];
  print_newline ()

let open_variant = function `A -> 1 | `B n -> n | `C (x, y) -> x + y | _ -> 0
let () = Printf.printf "%d %d %d %d %d\n" (open_variant `A) (open_variant (`B 5)) (open_variant (`C (1, 2))) (open_variant `D) (open_variant (`E 3))
