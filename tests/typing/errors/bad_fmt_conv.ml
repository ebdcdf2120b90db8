let s = Printf.sprintf "%z" 1
