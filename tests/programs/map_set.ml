(* gc-stress-every 20000 *)
module IM = Map.Make (Int)
module SS = Set.Make (String)
module PM = Map.Make (struct type t = int * int let compare = compare end)
let () =
  let m = List.fold_left (fun m i -> IM.add i (i * i) m) IM.empty (List.init 100_000 (fun i -> i)) in
  Printf.printf "card %d find %d mem %b\n" (IM.cardinal m) (IM.find 300 m) (IM.mem 100_001 m);
  let m = IM.filter (fun k _ -> k mod 1000 = 0) m in
  IM.iter (fun k v -> if k < 5000 then Printf.printf "%d->%d " k v) m; print_newline ();
  Printf.printf "min %d max %d\n" (fst (IM.min_binding m)) (fst (IM.max_binding m));
  let m2 = IM.map (fun v -> v + 1) m in
  Printf.printf "fold %d\n" (IM.fold (fun _ v a -> a + v) m2 0);
  Printf.printf "find_opt %s\n" (match IM.find_opt 7 m2 with None -> "none" | Some v -> string_of_int v);
  (try ignore (IM.find 7 m2) with Not_found -> print_endline "Not_found");
  let s = SS.of_list ["pear"; "apple"; "fig"; "apple"; "kiwi"] in
  Printf.printf "set %d: %s\n" (SS.cardinal s) (String.concat "," (SS.elements s));
  let s2 = SS.union s (SS.of_list ["banana"; "fig"]) in
  let s3 = SS.inter s2 (SS.of_list ["fig"; "kiwi"; "zzz"]) in
  Printf.printf "%s | %s | %b\n" (String.concat "," (SS.elements s2)) (String.concat "," (SS.elements s3)) (SS.mem "kiwi" (SS.diff s2 s3));
  let pm = PM.add (1, 2) "a" (PM.add (0, 5) "b" (PM.singleton (1, 1) "c")) in
  PM.iter (fun (a, b) v -> Printf.printf "(%d,%d)=%s " a b v) pm; print_newline ();
  let big = ref SS.empty in
  for i = 0 to 50_000 do big := SS.add (string_of_int (i * 7919 mod 50_021)) !big done;
  Printf.printf "big set %d\n" (SS.cardinal !big);
  let b = IM.bindings (IM.remove 0 (IM.add 0 0 (IM.singleton 1 1))) in
  List.iter (fun (k, v) -> Printf.printf "%d:%d\n" k v) b
