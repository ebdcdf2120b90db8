let () =
  (try ignore (Errors.check (-3)) with Errors.Bad_input s -> Printf.printf "bad input %s\n" s);
  at_exit (fun () -> print_endline "at exit");
  print_endline (Printexc.to_string (Errors.Internal (7, "x")));
  raise (Errors.Internal (42, "fatal"))
