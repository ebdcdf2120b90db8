(* A script's stdout stays buffered until exit, so warnings and the uncaught exception, on
   stderr, come first when both streams go to one file. *)
print_string "first line of output\n";;
let partial = function 0 -> "zero";;
prerr_string "on stderr, buffered too\n";;
print_string (partial 0 ^ "\n");;
let () = at_exit (fun () -> print_endline "at exit")
let _ = failwith "stop here";;
print_string "never printed\n";;
