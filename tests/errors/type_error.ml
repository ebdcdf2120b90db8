let x = 1
let () = print_int x
let y = x + "two"
