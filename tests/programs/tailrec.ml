(* gc-stress-every 20000 *)
let rec loop i acc = if i = 0 then acc else loop (i - 1) (acc + 1)
let rec even n = if n = 0 then true else odd (n - 1)
and odd n = if n = 0 then false else even (n - 1)
let rec count_list l acc = match l with [] -> acc | _ :: r -> count_list r (acc + 1)
let sum_to n = let rec go i s = if i > n then s else go (i + 1) (s + i) in go 1 0
let rec f3 a b c n = if n = 0 then a + b + c else f3 b c (a + 1) (n - 1)
let () =
  Printf.printf "loop %d\n" (loop 100_000_000 0);
  Printf.printf "even %b odd %b\n" (even 10_000_001) (odd 10_000_001);
  Printf.printf "count %d\n" (count_list (List.init 1_000_000 (fun i -> i)) 0);
  Printf.printf "sum_to %d\n" (sum_to 10_000_000);
  Printf.printf "f3 %d\n" (f3 0 0 0 30_000_000);
  let rec k_loop n k = if n = 0 then k 0 else k_loop (n - 1) (fun x -> k (x + 1)) in
  Printf.printf "cps %d\n" (k_loop 100_000 (fun x -> x));
  Printf.printf "fold %d\n" (List.fold_left (+) 0 (List.init 1_000_000 (fun i -> i)))
