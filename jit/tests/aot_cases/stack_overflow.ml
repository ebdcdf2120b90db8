let rec deep n = if n = 0 then 0 else 1 + deep (n - 1)
let attempt () = try deep 100_000_000 with Stack_overflow -> -1
let () = print_int (attempt () + attempt ())
