let s = Printf.sprintf "%d" "a"
