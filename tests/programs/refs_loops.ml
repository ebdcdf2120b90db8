let () =
  let r = ref 0 in
  for i = 1 to 10 do r := !r + i done;
  Printf.printf "%d\n" !r;
  for i = 10 downto 1 do if i mod 3 = 0 then Printf.printf "%d " i done; print_newline ();
  let n = ref 27 and steps = ref 0 in
  while !n <> 1 do (if !n mod 2 = 0 then n := !n / 2 else n := 3 * !n + 1); incr steps done;
  Printf.printf "collatz 27: %d steps\n" !steps;
  let x = ref 1.0 in
  for _ = 1 to 50 do x := (!x +. 2. /. !x) /. 2. done;
  Printf.printf "sqrt2 %.15f\n" !x;
  let fl = ref [] in
  for i = 1 to 5 do fl := (fun () -> i * 100) :: !fl done;
  List.iter (fun f -> Printf.printf "%d " (f ())) !fl; print_newline ();
  let c = ref 0 in
  (try while true do incr c; if !c = 1000 then raise Exit done with Exit -> ());
  Printf.printf "exit at %d\n" !c;
  let cnt = ref 0 in
  for i = 0 to 999 do for j = 0 to 999 do if (i + j) land 7 = 0 then incr cnt done done;
  Printf.printf "nested %d\n" !cnt;
  decr cnt; Printf.printf "%d\n" !cnt;
  let s = ref "" in for i = 0 to 9 do s := !s ^ string_of_int i done; print_endline !s
