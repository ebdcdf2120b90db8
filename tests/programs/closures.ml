let add x y = x + y
let add3 x y z = x + y + z
let inc = add 1
let compose f g x = f (g x)
let twice f = compose f f
let make_counter () =
  let n = ref 0 in
  (fun () -> incr n; !n), (fun () -> n := 0)
let apply_all fs x = List.map (fun f -> f x) fs
let curried = fun a -> fun b -> fun c -> fun d -> a * 1000 + b * 100 + c * 10 + d
let over f = f 1 2
let sub ~from ~amount = from - amount
let greet ?(greeting = "Hello") ?punct name =
  let p = match punct with Some p -> p | None -> "!" in
  greeting ^ ", " ^ name ^ p
let rec sum_opt ?(acc = 0) = function [] -> acc | x :: r -> sum_opt ~acc:(acc + x) r
let () =
  Printf.printf "%d %d %d\n" (inc 41) (add3 1 2 3) ((add3 1) 2 3);
  let p = add3 10 in
  let q = p 20 in
  Printf.printf "%d %d\n" (q 30) (p 1 2);
  Printf.printf "%d\n" (twice (twice inc) 0);
  let next, reset = make_counter () in
  ignore (next ()); ignore (next ());
  Printf.printf "counter %d\n" (next ());
  reset ();
  Printf.printf "after reset %d\n" (next ());
  List.iter (Printf.printf "%d ") (apply_all [inc; add 10; (fun x -> x * x); twice (add 5)] 7);
  print_newline ();
  let c1 = curried 1 in
  let c2 = c1 2 in
  Printf.printf "%d %d %d\n" (c2 3 4) (curried 5 6 7 8) ((c1 9) 9 9);
  Printf.printf "over %d\n" (over (fun a -> fun b -> a + b * 10));
  Printf.printf "over2 %d\n" ((fun f -> f 3) (fun a b -> a - b) 1);
  Printf.printf "sub %d %d\n" (sub ~amount:3 ~from:10) (sub ~from:5 ~amount:1);
  let s = sub ~amount:100 in
  Printf.printf "partial label %d\n" (s ~from:1000);
  print_endline (greet "world");
  print_endline (greet ~greeting:"Bye" "moon");
  print_endline (greet ~punct:"?" "you");
  print_endline (greet ~greeting:"Hi" ~punct:"." "all");
  Printf.printf "sum_opt %d %d\n" (sum_opt [1; 2; 3]) (sum_opt ~acc:100 [1; 2; 3]);
  let fs = List.init 5 (fun i -> fun x -> x * i) in
  List.iter (fun f -> Printf.printf "%d;" (f 10)) fs;
  print_newline ();
  let rec loop i acc = if i = 0 then acc else loop (i - 1) ((fun j -> j + i) :: acc) in
  Printf.printf "%d\n" (List.fold_left (fun a f -> a + f 1) 0 (loop 100 []))
