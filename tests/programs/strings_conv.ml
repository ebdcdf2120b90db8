let () =
  List.iter (fun s -> Printf.printf "%s -> %d\n" s (int_of_string s)) ["0"; "42"; "-17"; "0x7fff"; "0b1010"; "0o17"; "1_000_000"];
  List.iter (fun s -> Printf.printf "%s -> %s\n" s (match int_of_string_opt s with Some n -> string_of_int n | None -> "None")) ["12"; "abc"; ""; "99999999999999999999"];
  List.iter (fun s -> Printf.printf "%s -> %g\n" s (float_of_string s)) ["3.5"; "-0.25"; "1e3"; "inf"; "7"];
  Printf.printf "%s\n" (match float_of_string_opt "x1" with None -> "None" | Some _ -> "Some");
  Printf.printf "%s %s %s\n" (string_of_int 0) (string_of_int (-99)) (string_of_int max_int);
  let csv = "name,age,city\nann,31,paris\nbob,25,rome" in
  let rows = List.map (String.split_on_char ',') (String.split_on_char '\n' csv) in
  List.iter (fun r -> print_endline (String.concat " | " r)) rows;
  let ages = List.filter_map (fun r -> match r with [_; a; _] -> int_of_string_opt a | _ -> None) rows in
  Printf.printf "ages sum %d\n" (List.fold_left (+) 0 ages);
  let s = Printf.sprintf "%d items at %.2f = %s" 3 1.5 (string_of_float (3. *. 1.5)) in
  print_endline s;
  print_endline (String.concat "" (List.rev (List.map (String.make 1) (List.init 5 (fun i -> "hello".[i])))))
