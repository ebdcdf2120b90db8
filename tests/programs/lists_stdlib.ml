(* gc-stress-every 500 *)
let pr l = print_endline (String.concat " " (List.map string_of_int l))
let () =
  let l = List.init 10 (fun i -> i) in
  pr l; pr (List.rev l); pr (List.map (fun x -> x * 3) l); pr (List.filter (fun x -> x mod 2 = 0) l);
  Printf.printf "%d %d %d\n" (List.fold_left (+) 0 l) (List.fold_right (fun x a -> x - a) l 0) (List.length l);
  pr (List.sort (fun a b -> compare b a) [5; 2; 8; 1; 9]);
  pr (List.sort_uniq compare [3; 1; 3; 2; 1]);
  pr (List.append [1; 2] [3]); pr ([0] @ l);
  pr (List.concat [[1]; [2; 3]; []; [4]]);
  pr (List.flatten (List.map (fun x -> [x; x]) [1; 2]));
  let (a, b) = List.partition (fun x -> x < 5) l in pr a; pr b;
  let (x, y) = List.split [(1, 'a'); (2, 'b')] in pr x; print_endline (String.init 2 (List.nth y));
  Printf.printf "%b %b %b\n" (List.mem 3 l) (List.exists (fun x -> x > 8) l) (List.for_all (fun x -> x < 5) l);
  Printf.printf "%d\n" (List.find (fun x -> x * x > 20) l);
  Printf.printf "%s\n" (match List.find_opt (fun x -> x > 100) l with None -> "None" | Some _ -> "Some");
  Printf.printf "%d\n" (List.assoc 2 [(1, 10); (2, 20)]);
  pr (List.mapi (fun i x -> i * x) [5; 5; 5]);
  pr (List.rev_append [1; 2] [3; 4]);
  pr (List.filter_map (fun x -> if x mod 3 = 0 then Some (x / 3) else None) l);
  pr (List.combine [1; 2] [3; 4] |> List.map (fun (a, b) -> a * b));
  Printf.printf "%d\n" (List.compare compare [1; 2] [1; 3]);
  List.iteri (fun i x -> Printf.printf "%d=%d " i x) [7; 8]; print_newline ();
  Printf.printf "%d\n" (List.hd (List.tl l));
  (try ignore (List.hd []) with Failure m -> print_endline m);
  pr (List.init 3 (fun i -> i) |> List.map succ |> List.rev);
  let long = List.init 100_000 (fun i -> i) in
  Printf.printf "long %d %d\n" (List.length (List.map (fun x -> x + 1) long)) (List.fold_left max 0 (List.rev long));
  Printf.printf "%d\n" (List.length (List.merge compare [1; 3; 5] [2; 4]));
  let assoc = List.remove_assoc 1 [(1, "a"); (2, "b")] in print_endline (snd (List.hd assoc));
  print_endline (String.concat "," (List.map (Printf.sprintf "%.1f") [1.; 2.5]))
