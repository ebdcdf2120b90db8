(* List-heavy code: map, filter, fold, sort, append and association lists over long lists. *)
let () =
  let l = List.init 100_000 (fun i -> (i * 7919) mod 100_003) in
  let total = ref 0 in
  for round = 1 to 20 do
    let m = List.map (fun x -> x + round) l in
    let f = List.filter (fun x -> x mod 3 <> 0) m in
    let s = List.fold_left ( + ) 0 f in
    let r = List.rev_append f m in
    total := !total + s + List.length r
  done;
  let sorted = List.sort compare l in
  let uniq = List.sort_uniq compare (List.map (fun x -> x mod 1000) l) in
  let assoc = List.init 1000 (fun i -> (i, string_of_int i)) in
  let hits = ref 0 in
  for i = 0 to 19_999 do
    if List.mem_assoc (i mod 2000) assoc then incr hits
  done;
  let big = List.concat_map (fun x -> [ x; x + 1 ]) (List.filteri (fun i _ -> i < 50_000) sorted) in
  Printf.printf "total %d first %d uniq %d hits %d big %d\n" !total (List.hd sorted) (List.length uniq) !hits
    (List.length big)
