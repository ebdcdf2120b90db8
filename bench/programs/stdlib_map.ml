(* Map and Set from the Stdlib: building, looking up, folding and removing in balanced trees
   keyed by ints and by strings. *)
module IM = Map.Make (Int)
module SM = Map.Make (String)
module IS = Set.Make (Int)

let () =
  let n = 100_000 in
  let m = ref IM.empty in
  for i = 0 to n - 1 do
    m := IM.add ((i * 7919) mod n) i !m
  done;
  let hits = ref 0 in
  for i = 0 to (2 * n) - 1 do
    if IM.mem i !m then incr hits
  done;
  let sum = IM.fold (fun k v acc -> acc + k + v) !m 0 in
  let evens = IM.filter (fun k _ -> k mod 2 = 0) !m in
  let sm = ref SM.empty in
  for i = 0 to (n / 2) - 1 do
    sm := SM.add ("key" ^ string_of_int i) i !sm
  done;
  let found = ref 0 in
  for i = 0 to n - 1 do
    match SM.find_opt ("key" ^ string_of_int i) !sm with Some v -> found := !found + v | None -> ()
  done;
  let s = ref IS.empty in
  for i = 0 to n - 1 do
    s := IS.add (i * i mod 100_003) !s
  done;
  let removed = ref !s in
  for i = 0 to 50_000 do
    removed := IS.remove i !removed
  done;
  Printf.printf "hits %d sum %d evens %d found %d set %d after removal %d\n" !hits sum (IM.cardinal evens)
    !found (IS.cardinal !s) (IS.cardinal !removed)
