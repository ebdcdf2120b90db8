let rec fib n = if n < 2 then n else fib (n - 1) + fib (n - 2)
let rec ack m n =
  if m = 0 then n + 1
  else if n = 0 then ack (m - 1) 1
  else ack (m - 1) (ack m (n - 1))
let rec hanoi n a b c acc =
  if n = 0 then acc else hanoi (n - 1) a c b (hanoi (n - 1) c b a (acc + 1))
let rec gcd a b = if b = 0 then a else gcd b (a mod b)
let rec power b e = if e = 0 then 1 else if e mod 2 = 0 then let h = power b (e / 2) in h * h else b * power b (e - 1)
let () =
  for i = 0 to 25 do Printf.printf "fib %d = %d\n" i (fib i) done;
  Printf.printf "fib 30 = %d\n" (fib 30);
  for m = 0 to 3 do
    for n = 0 to 4 do Printf.printf "ack %d %d = %d\n" m n (ack m n) done
  done;
  Printf.printf "hanoi 20 moves = %d\n" (hanoi 20 1 2 3 0);
  Printf.printf "gcd 1071 462 = %d\n" (gcd 1071 462);
  Printf.printf "2^62 = %d, 3^20 = %d\n" (power 2 62) (power 3 20)
