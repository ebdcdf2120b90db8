(* gc-stress-every 20000 *)
(* Promotion-heavy loop: each round's list survives minor collections, then dies. The major heap
   must be collected as it fills, so it stays near the live size instead of growing each round. *)
let rec build n acc = if n = 0 then acc else build (n - 1) (n :: acc)
let () =
  let peak = ref 0 in
  for _ = 1 to 30 do
    let l = build 500_000 [] in
    ignore (List.length l);
    let s = Gc.quick_stat () in
    peak := max !peak s.Gc.heap_words
  done;
  (* 500_000 cells are 1.5M words live; 30 rounds allocate 45M words. *)
  Printf.printf "heap stays under 8M words: %b\n" (!peak < 8_000_000)
