let from_init = 42;;
let () = print_endline "init ran";;
1 + "";;
let after = 1;;
