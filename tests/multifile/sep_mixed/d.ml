let () = print_endline (C.name ^ "d")
