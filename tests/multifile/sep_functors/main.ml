module S = Mkset.Make (String)
let () =
  let s = List.fold_left (fun s x -> S.add x s) S.empty ["pear"; "apple"; "fig"; "apple"] in
  print_endline (String.concat " " (S.elements s));
  let i = Intset.of_list [5; 3; 9; 3; 1] in
  print_endline (String.concat " " (List.map string_of_int (Intset.elements i)));
  let a = [| 1; 2; 3 |] in
  Printf.printf "%d\n" a.(2)
