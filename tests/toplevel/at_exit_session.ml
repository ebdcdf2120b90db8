(* The end of a toplevel session runs the at_exit functions, newest first. *)
at_exit (fun () -> print_endline "registered first, runs last");;
at_exit (fun () -> print_endline "registered second, runs first");;
print_endline "session";;
