(* gc-stress-every 20000 *)
let () =
  let h = Hashtbl.create 16 in
  for i = 0 to 999_999 do Hashtbl.replace h i (i * 2) done;
  Printf.printf "length %d\n" (Hashtbl.length h);
  let s = ref 0 in
  for i = 0 to 999_999 do s := !s + Hashtbl.find h i done;
  Printf.printf "sum %d\n" !s;
  for i = 0 to 499_999 do Hashtbl.remove h (2 * i) done;
  Printf.printf "after remove %d mem %b %b\n" (Hashtbl.length h) (Hashtbl.mem h 2) (Hashtbl.mem h 3);
  let hs = Hashtbl.create 100 in
  for i = 0 to 99_999 do Hashtbl.add hs (string_of_int i) i done;
  Printf.printf "strings %d %d\n" (Hashtbl.length hs) (Hashtbl.find hs "4242");
  Hashtbl.add hs "4242" (-1);
  Printf.printf "shadow %d all %d\n" (Hashtbl.find hs "4242") (List.length (Hashtbl.find_all hs "4242"));
  let total = Hashtbl.fold (fun _ v acc -> acc + v) hs 0 in
  Printf.printf "fold %d\n" total;
  Printf.printf "find_opt %s\n" (match Hashtbl.find_opt hs "nope" with None -> "None" | Some _ -> "Some");
  let pairs = Hashtbl.create 10 in
  Hashtbl.replace pairs (1, "a") 1.5; Hashtbl.replace pairs (2, "b") 2.5;
  Printf.printf "tuple key %g\n" (Hashtbl.find pairs (2, "b"));
  Printf.printf "hash eq %b\n" (Hashtbl.hash "abc" = Hashtbl.hash ("ab" ^ "c"));
  let counts = Hashtbl.create 10 in
  String.iter (fun c -> Hashtbl.replace counts c (1 + try Hashtbl.find counts c with Not_found -> 0)) "mississippi";
  List.iter (fun c -> Printf.printf "%c=%d " c (Hashtbl.find counts c)) ['m'; 'i'; 's'; 'p']; print_newline ()
