(* Functions registered with at_exit run when the program ends normally, newest first, each
   once; Format's standard formatter is flushed by one of them (registered when Format starts,
   here before the others). An exception escaping one of them is uncaught (exit code 2) and the
   remaining ones still run. *)
let () = Format.printf "@[queued in Format@ until exit@]"
let () = at_exit (fun () -> print_endline "first registered, runs last")
let () = at_exit (fun () -> print_endline "raising"; failwith "boom")
let () = at_exit (fun () -> print_endline "last registered, runs first")
let () = print_endline "main done"
