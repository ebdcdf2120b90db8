(* Exceptions in matches, match-with-exception, and Match_failure locations. *)
exception E of int
exception F of string * int
exception G
exception H = G

let handle f =
  try f () with
  | Not_found -> "not found"
  | E 0 -> "E zero"
  | E n when n > 10 -> "E big"
  | F (s, _) | Failure s -> "F/Failure " ^ s
  | E _ -> "E other"
  | Invalid_argument s when String.length s > 3 -> "invalid " ^ s
  | H -> "H (=G)"
  | Exit -> "exit"

let () =
  List.iter
    (fun f -> print_endline (handle f))
    [ (fun () -> raise Not_found); (fun () -> raise (E 0)); (fun () -> raise (E 11)); (fun () -> raise (E 2));
      (fun () -> raise (F ("f", 1))); (fun () -> failwith "boom"); (fun () -> invalid_arg "long one");
      (fun () -> raise G); (fun () -> raise Exit); (fun () -> "no exception") ]

let () =
  try ignore (handle (fun () -> invalid_arg "ab")) with Invalid_argument s -> print_endline ("re-raised " ^ s)

let lookup k l =
  match List.assoc k l with
  | 0 -> "zero"
  | n -> string_of_int n
  | exception Not_found -> "missing"
  | exception (Failure s | Invalid_argument s) -> s

let () = List.iter (fun k -> print_endline (lookup k [ (1, 0); (2, 5) ])) [ 1; 2; 3 ]

type t = A | B | C of int

let partial = function A -> 1 | C 0 -> 2

let () =
  List.iter
    (fun v -> try Printf.printf "%d\n" (partial v) with Match_failure (f, l, c) -> Printf.printf "Match_failure %s %d %d\n" f l c)
    [ A; C 0; B; C 1 ]

let partial_match x =
  match x with
  | Some 1 -> "one"
  | None -> "none"

let () = try print_endline (partial_match (Some 2)) with Match_failure (_, l, c) -> Printf.printf "failure at %d:%d\n" l c

let guarded x = match x with Some n when n > 0 -> n | None -> 0
let () = try ignore (guarded (Some (-1))) with Match_failure (_, l, c) -> Printf.printf "guard failure at %d:%d\n" l c

let () =
  let f = fun (Some x) -> x in
  try ignore (f None) with Match_failure (_, l, c) -> Printf.printf "fun failure at %d:%d\n" l c

let () =
  let [ x; y ] = [ 1; 2 ] in
  Printf.printf "%d\n" (x + y)

let let_failure (o : int option) =
  let (Some z) = o in
  z + 1

let () = try print_int (let_failure None) with Match_failure (_, l, c) -> Printf.printf "let failure at %d:%d\n" l c

(* Uncaught at the end: the exit code and message come from Match_failure. *)
let () = print_endline (partial_match (Some 3))
