let rec build n acc = if n = 0 then acc else build (n - 1) (n :: acc)
let rec sum l acc = match l with [] -> acc | x :: r -> sum r (acc + x)
let rec map f l = match l with [] -> [] | x :: r -> let y = f x in y :: map f r
let add a b = a + b
let () = print_int (sum (map (add 3) (build 2_000 [])) 0)
