(* Script mode: warnings go to stderr, #show prints to stdout, an unknown directive ends the
   script with exit code 2. *)
let f = function 0 -> 1
let () = print_endline "first";;
#show f;;
#print_depth 5;;
let () = print_endline "second";;
#foo;;
let () = print_endline "never";;
