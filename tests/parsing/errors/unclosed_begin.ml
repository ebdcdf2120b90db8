let f () = begin
  print_endline "a";
;;
