let () = print_endline "before"
let () = flush stdout
let tbl = Hashtbl.create 1
let () = print_int (Hashtbl.find tbl "missing")
