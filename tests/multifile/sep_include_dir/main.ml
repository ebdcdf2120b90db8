let () =
  print_endline (Util.greet "world");
  print_endline (Util.greet "again");
  Printf.printf "%d greetings\n" !Util.count
