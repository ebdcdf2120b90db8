let () = print_endline (String.uppercase_ascii "ok")
let () = prnt_endline "typo"
