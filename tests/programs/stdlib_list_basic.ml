let pl l = print_string "["; List.iteri (fun i x -> if i > 0 then print_string "; "; print_int x) l; print_endline "]"
let pb b = print_endline (string_of_bool b)
let po = function None -> print_endline "None" | Some x -> print_string "Some "; print_int x; print_newline ()
let catch f = try f () with
  | Failure m -> print_endline ("Failure " ^ m)
  | Invalid_argument m -> print_endline ("Invalid_argument " ^ m)
  | Not_found -> print_endline "Not_found"
let l = [ 5; 3; 8; 1; 9; 2; 8 ]
let () =
  print_int (List.length l); print_newline ();
  print_int (List.compare_lengths l [ 1 ]); print_int (List.compare_lengths [] l); print_int (List.compare_lengths [1] [2]); print_newline ();
  print_int (List.compare_length_with l 7); print_int (List.compare_length_with l 3); print_int (List.compare_length_with l 10); print_newline ();
  pl (List.cons 0 l); print_int (List.hd l); pl (List.tl l);
  catch (fun () -> ignore (List.hd [])); catch (fun () -> ignore (List.tl []));
  print_int (List.nth l 2); print_newline ();
  catch (fun () -> ignore (List.nth l 20)); catch (fun () -> ignore (List.nth l (-1)));
  po (List.nth_opt l 3); po (List.nth_opt l 30); catch (fun () -> ignore (List.nth_opt l (-1)));
  pl (List.rev l); pl (List.init 5 (fun i -> i * i)); catch (fun () -> ignore (List.init (-1) (fun i -> i)));
  pl (List.append l [ 0 ]); pl (List.rev_append [ 1; 2 ] [ 3; 4 ]);
  pl (List.concat [ [ 1 ]; []; [ 2; 3 ] ]); pl (List.flatten [ [ 4 ]; [ 5; 6 ] ]);
  pb (List.equal ( = ) l l); pb (List.equal ( = ) l [ 1 ]);
  print_int (List.compare compare [ 1; 2 ] [ 1; 3 ]); print_int (List.compare compare [ 1; 2 ] [ 1 ]); print_newline ();
  List.iter (fun x -> print_int x) l; print_newline ();
  pl (List.map (fun x -> x * 2) l); pl (List.mapi (fun i x -> i + x) l); pl (List.rev_map succ l);
  pl (List.filter_map (fun x -> if x > 4 then Some (x * 10) else None) l);
  pl (List.concat_map (fun x -> [ x; -x ]) [ 1; 2 ]);
  let acc, r = List.fold_left_map (fun acc x -> (acc + x, acc)) 0 l in print_int acc; pl r;
  print_int (List.fold_left ( - ) 100 l); print_int (List.fold_right ( - ) l 100); print_newline ();
  List.iter2 (fun a b -> print_int (a * b)) [ 1; 2 ] [ 3; 4 ]; print_newline ();
  catch (fun () -> List.iter2 (fun _ _ -> ()) [ 1 ] []);
  pl (List.map2 ( + ) [ 1; 2 ] [ 10; 20 ]); catch (fun () -> ignore (List.map2 ( + ) [ 1 ] []));
  pl (List.rev_map2 ( + ) [ 1; 2 ] [ 10; 20 ]); catch (fun () -> ignore (List.rev_map2 ( + ) [ 1 ] []));
  print_int (List.fold_left2 (fun a x y -> a + (x * y)) 0 [ 1; 2 ] [ 3; 4 ]); print_newline ();
  print_int (List.fold_right2 (fun x y a -> a - (x * y)) [ 1; 2 ] [ 3; 4 ] 0); print_newline ();
  catch (fun () -> ignore (List.fold_left2 (fun a _ _ -> a) 0 [ 1 ] []));
  catch (fun () -> ignore (List.fold_right2 (fun _ _ a -> a) [ 1 ] [] 0));
  pb (List.for_all (fun x -> x > 0) l); pb (List.exists (fun x -> x > 8) l);
  pb (List.for_all2 ( < ) [ 1 ] [ 2 ]); pb (List.exists2 ( > ) [ 1 ] [ 2 ]); catch (fun () -> ignore (List.exists2 ( > ) [ 1 ] []));
  pb (List.mem 9 l); pb (List.memq 9 l); pb (List.mem 10 l);
  print_int (List.find (fun x -> x > 5) l); print_newline (); catch (fun () -> ignore (List.find (fun x -> x > 50) l));
  po (List.find_opt (fun x -> x > 5) l); po (List.find_map (fun x -> if x > 7 then Some (x + 1) else None) l);
  pl (List.filter (fun x -> x mod 2 = 0) l); pl (List.find_all (fun x -> x > 4) l); pl (List.filteri (fun i _ -> i mod 2 = 0) l);
  let a, b = List.partition (fun x -> x > 4) l in pl a; pl b;
  let a, b = List.partition_map (fun x -> if x > 4 then Either.Left x else Either.Right (-x)) l in pl a; pl b;
  let al = [ (1, 10); (2, 20); (1, 30) ] in
  print_int (List.assoc 1 al); po (List.assoc_opt 3 al); print_int (List.assq 2 al); po (List.assq_opt 2 al); print_newline ();
  catch (fun () -> ignore (List.assoc 5 al));
  pb (List.mem_assoc 2 al); pb (List.mem_assq 5 al);
  List.iter (fun (a, b) -> print_int a; print_int b; print_string " ") (List.remove_assoc 1 al); print_newline ();
  List.iter (fun (a, b) -> print_int a; print_int b; print_string " ") (List.remove_assq 2 al); print_newline ();
  let a, b = List.split al in pl a; pl b;
  List.iter (fun (a, b) -> print_int a; print_int b; print_string " ") (List.combine [ 1; 2 ] [ 3; 4 ]); print_newline ();
  catch (fun () -> ignore (List.combine [ 1 ] []));
  pl (List.sort compare l); pl (List.stable_sort (fun a b -> compare b a) l); pl (List.fast_sort compare l);
  pl (List.sort_uniq compare l); pl (List.merge compare [ 1; 4; 6 ] [ 2; 4; 5; 7 ]);
  (* stability: sort pairs by first component only *)
  let pairs = [ (2, 1); (1, 2); (2, 3); (1, 4); (0, 5); (2, 6) ] in
  List.iter (fun (a, b) -> print_int a; print_int b; print_string " ") (List.stable_sort (fun (a, _) (b, _) -> compare a b) pairs); print_newline ();
  List.iter (fun (a, b) -> print_int a; print_int b; print_string " ") (List.sort_uniq (fun (a, _) (b, _) -> compare a b) pairs); print_newline ();
  pl (List.of_seq (List.to_seq l));
  pl (List.sort compare (List.init 100 (fun i -> (i * 37) mod 101)))
