let () = print_int (B.get () + A.v); print_newline ()
