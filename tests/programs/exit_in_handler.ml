let () = at_exit (fun () -> print_endline "at_exit ran")
let () =
  try
    print_endline "in try";
    failwith "x"
  with Failure _ -> print_endline "handler"; exit 4
