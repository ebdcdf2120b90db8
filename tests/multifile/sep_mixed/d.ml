let () = print_endline (E.name (E.make (C.name ^ "d")))
