(* gc-stress-every 500 *)
type expr = Num of int | Add of expr * expr | Mul of expr * expr | Neg of expr | Var of string
type color = Red | Green | Blue | Rgb of int * int * int
let rec eval env = function
  | Num n -> n
  | Add (a, b) -> eval env a + eval env b
  | Mul (a, b) -> eval env a * eval env b
  | Neg e -> - (eval env e)
  | Var s -> List.assoc s env
let rec show = function
  | Num n -> string_of_int n
  | Add (a, b) -> "(" ^ show a ^ " + " ^ show b ^ ")"
  | Mul (a, b) -> show a ^ " * " ^ show b
  | Neg e -> "-" ^ show e
  | Var s -> s
let rec simplify = function
  | Add (Num 0, e) | Add (e, Num 0) -> simplify e
  | Mul (Num 1, e) | Mul (e, Num 1) -> simplify e
  | Mul (Num 0, _) | Mul (_, Num 0) -> Num 0
  | Add (a, b) -> Add (simplify a, simplify b)
  | Mul (a, b) -> Mul (simplify a, simplify b)
  | Neg (Neg e) -> simplify e
  | e -> e
let to_rgb = function Red -> (255, 0, 0) | Green -> (0, 255, 0) | Blue -> (0, 0, 255) | Rgb (r, g, b) -> (r, g, b)
let () =
  let e = Add (Mul (Num 3, Var "x"), Neg (Add (Num 0, Var "y"))) in
  print_endline (show e);
  Printf.printf "%d\n" (eval ["x", 5; "y", 2] e);
  print_endline (show (simplify (Mul (Num 1, Add (Num 0, Neg (Neg (Var "z")))))));
  List.iter (fun c -> let (r, g, b) = to_rgb c in Printf.printf "%d,%d,%d " r g b) [Red; Green; Blue; Rgb (1, 2, 3)];
  print_newline ();
  let opt = [Some 1; None; Some 3] in
  List.iter (function Some x -> Printf.printf "Some %d " x | None -> print_string "None ") opt; print_newline ();
  Printf.printf "%d\n" (Option.value ~default:0 None + Option.get (Some 4));
  Printf.printf "%b %b\n" (Option.is_some (Some ())) (Option.is_none (Some 1));
  let r : (int, string) result list = [Ok 1; Error "bad"; Ok 3] in
  List.iter (function Ok v -> Printf.printf "Ok %d " v | Error s -> Printf.printf "Error %s " s) r; print_newline ();
  Printf.printf "%b %b\n" (Red < Blue) (Rgb (1, 2, 3) > Rgb (1, 2, 2));
  Printf.printf "%b\n" (Some [1; 2] = Some [1; 2]);
  let big = ref (Num 0) in
  for i = 1 to 100_000 do big := Add (!big, Num i) done;
  Printf.printf "big %d\n" (eval [] !big)
