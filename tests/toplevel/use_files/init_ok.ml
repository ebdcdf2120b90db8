let from_init = 40 + 2
let () = print_endline "init ran"
type t = A;;
#print_depth 2;;
let f = function 0 -> 1;;
