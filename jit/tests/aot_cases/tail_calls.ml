let rec loop n acc = if n = 0 then acc else loop (n - 1) (acc + 1)
let () = print_int (loop 50_000_000 0)
