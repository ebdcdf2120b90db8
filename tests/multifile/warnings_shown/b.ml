let () = print_endline (A.classify 1 ^ " " ^ A.old)
let () = let unused = 3 in ()
