let () = print_int (Counter.hidden_helper 1)
