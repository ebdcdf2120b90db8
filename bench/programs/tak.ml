(* Takeuchi's function: deep non-tail recursion with three arguments. *)
let rec tak x y z = if y < x then tak (tak (x - 1) y z) (tak (y - 1) z x) (tak (z - 1) x y) else z
let () =
  let r = ref 0 in
  for _ = 1 to 400 do r := !r + tak 18 12 6 done;
  print_int !r; print_newline ()
