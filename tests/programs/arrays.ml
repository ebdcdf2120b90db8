let print_arr a = Array.iter (Printf.printf "%d ") a; print_newline ()
let () =
  let a = Array.make 5 7 in
  print_arr a;
  let b = Array.init 10 (fun i -> i * i) in
  print_arr b;
  Array.blit b 0 a 1 3; print_arr a;
  let c = Array.append a b in
  Printf.printf "len %d\n" (Array.length c);
  let d = Array.copy c in
  Array.sort (fun x y -> compare y x) d; print_arr d;
  Array.stable_sort compare d; print_arr d;
  print_arr (Array.sub d 2 4);
  print_arr (Array.map (fun x -> x + 1) b);
  print_arr (Array.of_list [3; 1; 2]);
  Printf.printf "list %s\n" (String.concat "," (List.map string_of_int (Array.to_list b)));
  Printf.printf "exists %b forall %b mem %b\n" (Array.exists (fun x -> x > 80) b) (Array.for_all (fun x -> x >= 0) b) (Array.mem 49 b);
  let f = Array.make 4 1.5 in
  f.(2) <- 3.25;
  Array.iter (Printf.printf "%g ") f; print_newline ();
  let fs = Array.init 8 (fun i -> float i /. 4.) in
  Printf.printf "fsum %g\n" (Array.fold_left (+.) 0. fs);
  let m = Array.make_matrix 3 4 0 in
  for i = 0 to 2 do for j = 0 to 3 do m.(i).(j) <- i * 10 + j done done;
  Array.iter print_arr m;
  let mul a b =
    let n = Array.length a and p = Array.length b.(0) and k = Array.length b in
    Array.init n (fun i -> Array.init p (fun j -> let s = ref 0. in for x = 0 to k - 1 do s := !s +. a.(i).(x) *. b.(x).(j) done; !s)) in
  let ma = [| [| 1.; 2. |]; [| 3.; 4. |] |] in
  let mm = mul ma ma in
  Array.iter (fun r -> Array.iter (Printf.printf "%g ") r; print_newline ()) mm;
  let big = Array.make 1_000_000 0 in
  for i = 0 to Array.length big - 1 do big.(i) <- i land 255 done;
  Printf.printf "big %d\n" (Array.fold_left (+) 0 big);
  let fill = Array.make 10 0 in Array.fill fill 2 5 9; print_arr fill;
  Array.iteri (fun i x -> if i < 3 then Printf.printf "%d:%d " i x) b; print_newline ();
  Printf.printf "%d\n" (Array.length [||]);
  let strs = [| "pear"; "apple"; "fig" |] in
  Array.sort compare strs; Array.iter print_endline strs;
  let fa = [| 3.5; -1.; 2. |] in Array.sort compare fa; Array.iter (Printf.printf "%.1f ") fa; print_newline ()
