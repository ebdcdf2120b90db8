let rec deep n = if n = 0 then raise Not_found else 1 + deep (n - 1)
let () = print_int ((try deep 10000 with _ -> 42) + (try 7 with _ -> 0))
