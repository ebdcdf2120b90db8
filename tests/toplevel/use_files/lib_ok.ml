let a = 1
let b = a + 1;;
type t = X | Y
let () = print_endline "loaded"
