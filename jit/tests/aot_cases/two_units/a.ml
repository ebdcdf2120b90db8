let rec build n acc = if n = 0 then acc else build (n - 1) (n :: acc)
let data = build 1_000 []
