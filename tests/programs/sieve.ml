let primes n =
  let s = Bytes.make (n + 1) '\001' in
  Bytes.set s 0 '\000'; Bytes.set s 1 '\000';
  let i = ref 2 in
  while !i * !i <= n do
    if Bytes.get s !i = '\001' then begin
      let j = ref (!i * !i) in
      while !j <= n do Bytes.set s !j '\000'; j := !j + !i done
    end;
    incr i
  done;
  let count = ref 0 and last = ref 0 in
  for k = 0 to n do if Bytes.get s k = '\001' then (incr count; last := k) done;
  (!count, !last)
let () =
  List.iter (fun n -> let (c, l) = primes n in Printf.printf "primes <= %d: %d (largest %d)\n" n c l) [10; 100; 1000; 1_000_000; 10_000_000];
  let a = Array.make 100 true in
  a.(0) <- false; a.(1) <- false;
  for i = 2 to 99 do if a.(i) then (let j = ref (2 * i) in while !j < 100 do a.(!j) <- false; j := !j + i done) done;
  Array.iteri (fun i p -> if p then Printf.printf "%d " i) a; print_newline ()
