let () =
  let c = Counter.(incr (incr (make 40))) in
  print_endline (Counter.show c)
