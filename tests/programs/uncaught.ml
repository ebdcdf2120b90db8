exception Custom of int * string
let () = print_endline "start"
let f x = if x > 2 then raise (Custom (x, "too big")) else x
let () = ignore (f 1)
let () = ignore (f 5)
