let () = print_int (Counter.make 1 + 1)
