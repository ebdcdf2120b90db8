exception E0
exception E1 of int
exception E2 of string * int
exception E3 of float * (int * int) * string
exception Custom of string
let show e = print_endline (Printexc.to_string e)
let () =
  List.iter show [ Not_found; Exit; Failure "boom"; Invalid_argument "arg"; Sys_error "sys"; End_of_file;
    Division_by_zero; E0; E1 42; E2 ("s", -1); E3 (1.5, (1, 2), "x"); Out_of_memory; Stack_overflow;
    Match_failure ("f.ml", 3, 4); Assert_failure ("g.ml", 5, 6); Undefined_recursive_module ("h.ml", 7, 8) ];
  Printexc.register_printer (function Custom s -> Some ("custom:" ^ s) | _ -> None);
  show (Custom "hello");
  print_endline (Printexc.to_string_default (Custom "raw"));
  Printexc.register_printer (function Custom _ -> Some "second" | _ -> None);
  show (Custom "x");
  print_endline (Printexc.exn_slot_name (E1 1) ^ " " ^ Printexc.exn_slot_name E0);
  Printf.printf "%B\n" (Printexc.exn_slot_id (E1 1) = Printexc.exn_slot_id (E1 2));
  (* Fun *)
  print_int (Fun.id 3); print_int (Fun.const 4 "x"); print_int (Fun.flip ( - ) 1 10);
  print_endline (string_of_bool (Fun.negate (fun x -> x > 0) 5));
  let r = Fun.protect ~finally:(fun () -> print_endline "finally 1") (fun () -> 10) in
  print_int r; print_newline ();
  (try Fun.protect ~finally:(fun () -> print_endline "finally 2") (fun () -> raise E0) with E0 -> print_endline "caught E0");
  (try Fun.protect ~finally:(fun () -> raise Exit) (fun () -> 1) |> ignore with e -> show e);
  (* Lazy *)
  let count = ref 0 in
  let l = lazy (incr count; !count * 10) in
  let before = Lazy.is_val l in
  let first = Lazy.force l in
  let second = Lazy.force l in
  Printf.printf "%B %d %d %B %d\n" before first second (Lazy.is_val l) !count;
  let bad = lazy (raise E0) in
  (try ignore (Lazy.force bad) with E0 -> print_endline "E0 once");
  (try ignore (Lazy.force bad) with E0 -> print_endline "E0 twice");
  let v = Lazy.from_val 5 in
  (* Arguments are let-bound in order: see stdlib_eval_order for OCaml's right-to-left order. *)
  let is_val = Lazy.is_val v in
  let forced = Lazy.force v in
  Printf.printf "%B %d %d\n" is_val forced (Lazy.force (Lazy.map succ v));
  let f = Lazy.from_fun (fun () -> "fun") in
  print_endline (Lazy.force f);
  let rec self = lazy (Lazy.force self + 1) in
  (try ignore (Lazy.force self) with Lazy.Undefined -> print_endline "Undefined");
  (* Stack and Queue *)
  let s = Stack.create () in
  List.iter (fun x -> Stack.push x s) [ 1; 2; 3 ];
  let popped = Stack.pop s in
  Printf.printf "%d %d %d %B\n" popped (Stack.top s) (Stack.length s) (Stack.is_empty s);
  Stack.iter (Printf.printf "%d ") s; print_newline ();
  (try ignore (Stack.pop (Stack.create ())) with Stack.Empty -> print_endline "Stack.Empty");
  let q = Queue.create () in
  List.iter (fun x -> Queue.add x q) [ 1; 2; 3; 4 ];
  let taken = Queue.take q in
  Printf.printf "%d %d %d\n" taken (Queue.peek q) (Queue.length q);
  let q2 = Queue.of_seq (List.to_seq [ 10; 20 ]) in
  Queue.transfer q q2;
  Queue.iter (Printf.printf "%d ") q2; Printf.printf "| %d %d\n" (Queue.length q) (Queue.fold ( + ) 0 q2);
  (try ignore (Queue.pop q) with Queue.Empty -> print_endline "Queue.Empty");
  (* an uncaught exception at the end: message and exit code 2 *)
  print_string "before uncaught";
  raise (E2 ("end", 2))
