let rec build n acc = if n = 0 then acc else build (n - 1) (n :: acc)
let rec sum l acc = match l with [] -> acc | x :: r -> sum r (acc + x)
let () = print_int (sum (build 1_000_000 []) 0 + sum (build 1_000 []) 0)
