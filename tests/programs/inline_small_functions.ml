(* Small known functions are inlined into their callers: the results must be those of calls
   (argument evaluation order, shadowing, local exits and handlers in the copied body, functions
   used as values, partial and over-application, floats and refs through inlined bodies). *)

let trace = ref []
let note s x = trace := s :: !trace; x

let add3 a b c = a + b + c
let () =
  (* Arguments are evaluated right to left, before the body, even when inlined. *)
  let r = add3 (note "a" 1) (note "b" 2) (note "c" 3) in
  Printf.printf "%d %s\n" r (String.concat "," (List.rev !trace))

(* A float function: the inlined body feeds the caller's arithmetic. *)
let a i j = 1. /. float_of_int ((i + j) * (i + j + 1) / 2 + i + 1)
let () =
  let s = ref 0. in
  for i = 0 to 9 do for j = 0 to 9 do s := !s +. a i j *. float_of_int j done done;
  Printf.printf "%.12f\n" !s

(* The same body inlined twice in one function: its local variables and exits stay apart. *)
let classify x = match x with 0 -> "zero" | 1 | 2 | 3 -> "small" | n when n < 0 -> "negative" | _ -> "big"
let () =
  let pair x y = classify x ^ "/" ^ classify y in
  print_endline (pair 0 2); print_endline (pair (-4) 100)

(* A `try` in an inlined body. *)
let safe_div x y = try x / y with Division_by_zero -> max_int
let () = Printf.printf "%d %d\n" (safe_div 7 2) (safe_div 1 0)

(* Exceptions raised from an inlined body reach the caller's handler. *)
let get arr i = arr.(i) + 1
let () =
  let arr = [| 1; 2; 3 |] in
  (try Printf.printf "%d\n" (get arr 1 + get arr 5) with Invalid_argument m -> print_endline m);
  (try ignore (10 / (get arr 0 - 2)) with Division_by_zero -> print_endline "div")

(* Partial application and over-application of a small function. *)
let mul x y = x * y
let twice f x = f (f x)
let pick b = if b then (fun x -> x + 1) else (fun x -> x - 1)
let () =
  let m3 = mul 3 in
  Printf.printf "%d %d %d\n" (m3 5) (twice (mul 2) 5) (pick true 10 + pick false 10)

(* A local function whose uses are all inlined; a local one that escapes. *)
let () =
  let sq x = x *. x in
  let cube x = x *. sq x in
  Printf.printf "%g %g\n" (sq 1.5) (cube 2.);
  let inc n = n + 1 in
  let fs = List.map inc [1; 2; 3] in
  Printf.printf "%d %d\n" (inc 41) (List.fold_left ( + ) 0 fs)

(* Refs passed to inlined functions. *)
let bump r = r := !r + 1
let () =
  let c = ref 0 in
  for _ = 1 to 5 do bump c done;
  Printf.printf "%d\n" !c

(* Arrays of records, of constant variants, of abbreviations of float. *)
type body = { mutable x : float; mass : float }
type color = Red | Green | Blue
type len = float
type wrapped = { w : float } [@@unboxed]
let () =
  let bs = [| { x = 1.; mass = 2. }; { x = 3.; mass = 4. } |] in
  bs.(1) <- { x = 5.; mass = 6. };
  bs.(0).x <- bs.(0).x +. bs.(1).mass;
  Printf.printf "%g %g\n" bs.(0).x bs.(1).x;
  let cs = [| Red; Green |] in
  cs.(0) <- Blue;
  print_endline (match cs.(0), cs.(1) with Blue, Green -> "blue green" | _ -> "?");
  let ls : len array = [| 1.5; 2.5 |] in
  ls.(0) <- ls.(1) +. 1.;
  Printf.printf "%g %b\n" ls.(0) (Obj.tag (Obj.repr ls) = Obj.double_array_tag);
  let ws = [| { w = 1.25 }; { w = 2. } |] in
  ws.(1) <- { w = ws.(0).w *. 2. };
  Printf.printf "%g %g\n" ws.(0).w ws.(1).w;
  let m = Array.make_matrix 2 2 { x = 0.; mass = 0. } in
  m.(1).(1) <- { x = 7.; mass = 8. };
  Printf.printf "%g\n" (m.(1).(1).x +. m.(0).(0).mass)
