exception Found of int
exception Pair of string * int
exception Empty
let rec deep n = if n = 0 then raise (Found 42) else 1 + deep (n - 1)
let find_first p l =
  try List.iter (fun x -> if p x then raise (Found x)) l; None with Found x -> Some x
let () =
  (match deep 10000 with _ -> print_endline "no" | exception Found n -> Printf.printf "caught Found %d\n" n);
  let count = ref 0 in
  for i = 1 to 100000 do
    try if i mod 3 = 0 then raise Empty else incr count with Empty -> ()
  done;
  Printf.printf "count %d\n" !count;
  (match find_first (fun x -> x > 10) [1; 5; 12; 20] with Some x -> Printf.printf "first %d\n" x | None -> ());
  (match find_first (fun x -> x > 100) [1; 5] with Some _ -> () | None -> print_endline "none");
  (try ignore (List.assoc "z" ["a", 1]) with Not_found -> print_endline "Not_found from List.assoc");
  (try ignore (Hashtbl.find (Hashtbl.create 1) 3) with Not_found -> print_endline "Not_found from Hashtbl");
  (try raise (Pair ("x", 3)) with Pair (s, n) -> Printf.printf "Pair %s %d\n" s n);
  let reraised = try (try raise (Found 1) with Found n -> raise (Found (n + 1))) with Found n -> n in
  Printf.printf "reraised %d\n" reraised;
  let finally_ran = ref false in
  let with_finally f = match f () with v -> finally_ran := true; v | exception e -> finally_ran := true; raise e in
  (try ignore (with_finally (fun () -> raise Exit)) with Exit -> Printf.printf "Exit, finally %b\n" !finally_ran);
  let r = Fun.protect ~finally:(fun () -> print_endline "protect finally") (fun () -> 7) in
  Printf.printf "protect %d\n" r;
  (try failwith "boom" with Failure m -> Printf.printf "Failure %s\n" m);
  (try invalid_arg "bad" with Invalid_argument m -> Printf.printf "Invalid_argument %s\n" m);
  (try ignore (List.nth [1] 5) with Failure m -> Printf.printf "nth: %s\n" m | Invalid_argument m -> Printf.printf "nth inv: %s\n" m);
  (try ignore ([| 1; 2 |].(5)) with Invalid_argument m -> Printf.printf "array: %s\n" m);
  (try ignore ("abc".[10]) with Invalid_argument m -> Printf.printf "string: %s\n" m);
  (try ignore (int_of_string "12x") with Failure m -> Printf.printf "int_of_string: %s\n" m);
  (try assert (1 > 2) with Assert_failure (f, l, c) -> Printf.printf "assert %s %d %d\n" f l c);
  let rec nested n = if n = 0 then 0 else try nested (n - 1) + 1 with Not_found -> -1 in
  Printf.printf "nested %d\n" (nested 1000);
  let e = Pair ("p", 9) in
  print_endline (Printexc.to_string e);
  print_endline (Printexc.to_string (Found 3));
  print_endline (Printexc.to_string Not_found);
  print_endline (Printexc.to_string (Failure "f"));
  let total = ref 0 in
  for i = 1 to 1000 do
    total := !total + (try if i mod 7 = 0 then raise (Found i) else 0 with Found k -> k)
  done;
  Printf.printf "total %d\n" !total
