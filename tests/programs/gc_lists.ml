(* gc-stress-every 20000 *)
let rec build n acc = if n = 0 then acc else build (n - 1) (n :: acc)
let () =
  let total = ref 0 in
  for round = 1 to 10 do
    let l = build 1_000_000 [] in
    let l2 = List.rev_map (fun x -> x * 2) l in
    total := !total + List.length l2 + round
  done;
  Printf.printf "total %d\n" !total;
  let keep = ref [] in
  for i = 1 to 200_000 do
    let tmp = List.init 10 (fun j -> i + j) in
    if i mod 1000 = 0 then keep := tmp :: !keep
  done;
  Printf.printf "kept %d sum %d\n" (List.length !keep) (List.fold_left (fun a l -> a + List.fold_left (+) 0 l) 0 !keep);
  let strs = List.init 100_000 (fun i -> string_of_int i) in
  let joined = String.concat "" strs in
  Printf.printf "strlen %d\n" (String.length joined);
  let arrs = Array.init 1000 (fun i -> Array.make 1000 i) in
  Printf.printf "arrs %d\n" (Array.fold_left (fun a r -> a + r.(999)) 0 arrs);
  let m = List.map (fun x -> (x, float x)) (build 100_000 []) in
  Printf.printf "pairs %.1f\n" (List.fold_left (fun a (_, f) -> a +. f) 0. m);
  let big = Array.make 3_000_000 1.0 in
  Printf.printf "floats %.1f\n" (Array.fold_left (+.) 0. big);
  Gc.full_major ();
  Printf.printf "after gc %d\n" (List.length (List.hd !keep))
