(* Stack safety: these overflow OCaml 4.13's default bytecode stack (its List.map and @ are
   not tail-recursive); ours must not. The oracle runs with a large stack (see regen.sh). *)
let n = 3_000_000
let l = List.init n (fun i -> i)
let () =
  print_int (List.length (List.map succ l)); print_newline ();
  print_int (List.length (l @ [ 1 ])); print_newline ();
  print_int (List.length (List.append l l)); print_newline ();
  print_int (List.fold_left ( + ) 0 (List.mapi (fun i x -> i + x) l)); print_newline ();
  print_int (List.fold_right (fun x acc -> x + acc) l 0); print_newline ();
  print_int (List.length (List.concat_map (fun x -> [ x; x ]) l)); print_newline ();
  print_int (List.length (List.map2 ( + ) l l)); print_newline ();
  print_int (List.length (List.combine l l)); print_newline ();
  print_int (List.length (List.filter (fun x -> x mod 2 = 0) l)); print_newline ();
  print_int (List.hd (List.sort (fun a b -> compare b a) l)); print_newline ();
  print_int (List.length (List.of_seq (List.to_seq l))); print_newline ();
  print_int (List.length (List.concat [ l; l; [ 1 ] ])); print_newline ();
  let a, b = List.split (List.combine l l) in
  print_int (List.length a + List.length b); print_newline ()
