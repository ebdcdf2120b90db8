(* Records with polymorphic fields: building them, reading, pattern matching, updating. *)
type printer = { pr : 'a. ('a -> string) -> 'a list -> string }

let p = { pr = (fun f l -> "[" ^ String.concat "; " (List.map f l) ^ "]") }

type 'k dict = { find : 'v. 'k -> ('k * 'v) list -> 'v option; name : string }

let assoc = { find = (fun k l -> List.assoc_opt k l); name = "assoc" }

type state = { mutable empty : 'a. 'a list; count : int }

let use { pr } = pr string_of_int [1; 2; 3] ^ " " ^ pr (fun s -> s) ["a"; "b"]

let () =
  print_endline (p.pr string_of_float [1.5; 2.]);
  print_endline (use p);
  (match assoc.find 2 [(1, "one"); (2, "two")] with Some s -> print_endline s | None -> ());
  (match assoc.find 3 [(3, 3.5)] with Some f -> Printf.printf "%g\n" f | None -> ());
  let s = { empty = []; count = 0 } in
  s.empty <- [];
  let s' = { s with count = 1 } in
  Printf.printf "%d %d %d\n" (List.length s'.empty) s'.count (List.length (1 :: s.empty));
  let many = List.init 1000 (fun i -> { pr = (fun f l -> string_of_int i ^ String.concat "" (List.map f l)) }) in
  Gc.full_major ();
  print_endline ((List.nth many 999).pr Char.escaped ['x'; 'y'])
