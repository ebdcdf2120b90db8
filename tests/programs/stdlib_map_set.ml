module M = Map.Make (String)
module S = Set.Make (Int)
let pm m = M.iter (fun k v -> Printf.printf "%s=%d " k v) m; print_newline ()
let ps s = S.iter (Printf.printf "%d ") s; print_newline ()
let () =
  let m = List.fold_left (fun m (k, v) -> M.add k v m) M.empty [ ("one", 1); ("two", 2); ("three", 3); ("four", 4); ("five", 5) ] in
  pm m;
  Printf.printf "%d %B %B %d\n" (M.cardinal m) (M.mem "two" m) (M.mem "six" m) (M.find "three" m);
  pm (M.remove "two" m); pm (M.add "two" 22 m);
  pm (M.update "one" (function Some v -> Some (v * 100) | None -> None) m);
  pm (M.update "zero" (fun _ -> Some 0) m);
  pm (M.update "four" (fun _ -> None) m);
  pm (M.filter (fun _ v -> v mod 2 = 1) m);
  pm (M.map (fun v -> v * v) m);
  pm (M.mapi (fun k v -> String.length k + v) m);
  let a, b = M.partition (fun k _ -> k < "p") m in pm a; pm b;
  let l, x, r = M.split "one" m in pm l; (match x with Some v -> print_int v | None -> print_string "-"); print_newline (); pm r;
  let (k, v) = M.min_binding m in Printf.printf "min %s %d\n" k v;
  let (k, v) = M.max_binding m in Printf.printf "max %s %d\n" k v;
  (match M.find_first_opt (fun k -> k >= "g") m with Some (k, _) -> print_endline k | None -> ());
  (match M.find_last_opt (fun k -> k <= "p") m with Some (k, _) -> print_endline k | None -> ());
  let m2 = M.of_seq (List.to_seq [ ("two", 20); ("six", 6) ]) in
  pm (M.union (fun _ a b -> Some (a + b)) m m2);
  pm (M.merge (fun _ a b -> match a, b with Some a, None -> Some a | None, Some b -> Some (-b) | _ -> None) m m2);
  Printf.printf "%d %B\n" (M.compare compare m m2) (M.equal ( = ) m m);
  print_endline (String.concat "," (List.map fst (M.bindings m)));
  Seq.iter (fun (k, _) -> print_string (k ^ " ")) (M.to_rev_seq m); print_newline ();
  Seq.iter (fun (k, _) -> print_string (k ^ " ")) (M.to_seq_from "p" m); print_newline ();
  print_int (M.fold (fun _ v acc -> v + acc) m 0); print_newline ();
  let big = List.fold_left (fun m i -> M.add (string_of_int i) i m) M.empty (List.init 1000 (fun i -> i * 7919 mod 1000)) in
  Printf.printf "big %d %d\n" (M.cardinal big) (M.find "500" big);
  let s = S.of_list [ 5; 3; 9; 1; 7; 3 ] in
  ps s; ps (S.add 4 s); ps (S.remove 9 s);
  let t = S.of_list [ 2; 3; 4; 5 ] in
  ps (S.union s t); ps (S.inter s t); ps (S.diff s t);
  Printf.printf "%B %B %B %d %d\n" (S.subset (S.of_list [ 3; 5 ]) s) (S.disjoint s t) (S.disjoint s (S.of_list [ 100 ])) (S.compare s t) (S.cardinal s);
  ps (S.map (fun x -> x * 10) s); ps (S.filter_map (fun x -> if x > 3 then Some (x - 3) else None) s);
  print_int (S.min_elt s); print_int (S.max_elt s); print_int (S.choose s); print_newline ();
  (match S.find_first_opt (fun x -> x > 4) s with Some x -> print_int x | None -> ()); print_newline ();
  let l, p, r = S.split 5 s in ps l; print_endline (string_of_bool p); ps r;
  print_endline (String.concat " " (List.map string_of_int (S.elements (S.of_seq (List.to_seq (List.init 10 (fun i -> 9 - i)))))));
  let big = S.of_list (List.init 10000 (fun i -> i * 7 mod 10007)) in
  Printf.printf "%d %B\n" (S.cardinal big) (S.mem 5000 big)
