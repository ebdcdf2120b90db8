(* Expected results of polymorphic hash and compare on a fixed set of named values, from real
   OCaml. The Rust tests build the same values by name.
   Lines: "hash" TAB name TAB count limit seed TAB result
          "cmp" TAB name1 TAB name2 TAB compare = <> < <= > >= (or EXN:message) *)
#use "named_values.ml"

let hash_params = [ (10, 100, 0); (1, 1, 0); (5, 10, 0); (100, 256, 0); (10, 100, 42);
  (1000, 1000, 7); (0, 100, 0); (10, -1, 3) ]

let attempt f = try f () with Invalid_argument m -> "EXN:" ^ m

let () =
  List.iter (fun (name, v) ->
    if name <> "closure" then
      List.iter (fun (c, l, s) ->
        Printf.printf "hash\t%s\t%d %d %d\t%d\n" name c l s (Hashtbl.seeded_hash_param c l s v))
        hash_params) values;
  List.iter (fun (n1, v1) -> List.iter (fun (n2, v2) ->
    let r = attempt (fun () ->
      Printf.sprintf "%d %b %b %b %b %b %b" (compare v1 v2) (v1 = v2) (v1 <> v2) (v1 < v2)
        (v1 <= v2) (v1 > v2) (v1 >= v2)) in
    Printf.printf "cmp\t%s\t%s\t%s\n" n1 n2 r) values) values
