(* Script mode: warnings go to stderr and do not stop the script *)
let g = function 0 -> "zero"
let () = print_endline (g 0)
let h x = let unused = x in 3;;
let () = print_int (h 1); print_newline ()
