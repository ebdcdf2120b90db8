let () = print_int (10 / Sys.opaque_identity 0)
