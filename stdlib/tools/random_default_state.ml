(* Prints the initial state of the real OCaml default Random generator (run with `ocaml`);
   random.ml starts from the same state so that unseeded sequences match OCaml. *)
let () =
  let s : Obj.t = Obj.repr (Random.get_state ()) in
  let st : int array = Obj.obj (Obj.field s 0) in
  print_string "[|";
  Array.iteri (fun i x -> if i > 0 then print_string ";"; if i mod 5 = 0 then print_string "\n    "; Printf.printf " 0x%x" x) st;
  Printf.printf " |] idx=%d\n" (Obj.obj (Obj.field s 1))
