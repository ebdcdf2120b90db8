let () = raise (Failure "boom")
