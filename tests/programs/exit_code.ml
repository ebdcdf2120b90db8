let () = print_string "before exit"
let () = exit 3
let () = print_string "never"
