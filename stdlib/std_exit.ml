(* Run the functions registered with [at_exit] when the program ends normally. *)
let () = do_at_exit ()
