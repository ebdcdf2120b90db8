let () = print_endline ("found in " ^ Place.where)
