(* An exception escaping the program, with OCAMLRUNPARAM=b (backtrace_uncaught.ocamlrunparam):
   the report is followed by the backtrace. at_exit runs first and its own exceptions are not
   recorded. *)
exception Boom of string

let[@inline never] check n = if n > 2 then raise (Boom "too big") else n
let[@inline never] rec count n acc = if n = 0 then acc else count (n - 1) (acc + check n)
let[@inline never] run () = 1 + count 5 0

let () =
  at_exit (fun () -> (try raise Exit with Exit -> ()); print_endline "at_exit");
  print_endline "start";
  Printf.printf "%d\n" (run ())
