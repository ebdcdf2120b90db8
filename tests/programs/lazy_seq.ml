let () =
  let count = ref 0 in
  let l = lazy (incr count; 42) in
  Printf.printf "forced %d %d count %d\n" (Lazy.force l) (Lazy.force l) !count;
  let rec nat n = Seq.Cons (n, fun () -> nat (n + 1)) in
  let rec take k s = if k = 0 then [] else match s () with Seq.Nil -> [] | Seq.Cons (x, r) -> x :: take (k - 1) r in
  print_endline (String.concat " " (List.map string_of_int (take 10 (fun () -> nat 0))));
  let sq = Seq.map (fun x -> x * x) (List.to_seq [1; 2; 3]) in
  Printf.printf "%d\n" (Seq.fold_left (+) 0 sq);
  let ev = Seq.filter (fun x -> x mod 2 = 0) (List.to_seq (List.init 20 (fun i -> i))) in
  print_endline (String.concat "," (List.map string_of_int (List.of_seq ev)));
  let lz = Lazy.from_fun (fun () -> print_endline "computing"; "v") in
  Printf.printf "is_val %b\n" (Lazy.is_val lz);
  print_endline (Lazy.force lz);
  Printf.printf "is_val %b\n" (Lazy.is_val lz)
