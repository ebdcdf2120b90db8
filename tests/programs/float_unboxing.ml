(* Floats kept unboxed in let-bound and mutable variables, and boxed where they escape. *)

(* A float let-bound then captured by a closure: the closure must see the value. *)
let make_adder x =
  let y = x *. 2. in
  let f z = y +. z in
  f

let () = Printf.printf "closure: %g %g\n" ((make_adder 1.5) 1.) ((make_adder (-0.25)) 0.5)

(* A float accumulator in a ref that does not escape, in nested loops. *)
let sum_squares n =
  let s = ref 0. in
  for i = 1 to n do
    for j = 1 to i do
      s := !s +. float_of_int (i * j) *. 0.5
    done
  done;
  !s

let () = Printf.printf "loops: %.17g\n" (sum_squares 100)

(* A ref that escapes into a closure keeps its cell: both see the same updates. *)
let counter () =
  let total = ref 0. in
  let add x = total := !total +. x in
  add 1.5; add 2.25;
  let t = !total in
  total := t *. 10.;
  !total

let () = Printf.printf "escaping ref: %g\n" (counter ())

(* A float across a try: the handler and the body see the right values. *)
let safe_div a b =
  let q = a /. b in
  let r = ref q in
  (try if b = 0. then raise Exit else r := !r +. 1. with Exit -> r := -1.);
  (q, !r)

let () =
  let (q, r) = safe_div 3. 2. in
  Printf.printf "try: %g %g\n" q r;
  let (q, r) = safe_div 1. 0. in
  Printf.printf "try: %g %g\n" q r

(* A float bound before a try and used in the body (it is passed to the outlined body). *)
let guarded x =
  let y = x +. 1. in
  try if y > 10. then failwith "big" else y *. 2. with Failure _ -> y

let () = Printf.printf "try body: %g %g\n" (guarded 2.) (guarded 20.)

(* nan and negative zero survive unboxed variables, comparisons and boxing. *)
let () =
  let z = -0. in
  let n = 0. /. 0. in
  let m = ref n in
  Printf.printf "neg zero: %g %b %g\n" z (1. /. z < 0.) (copysign 1. z);
  Printf.printf "nan: %b %b %b %b\n" (n = n) (n <> n) (!m < 1.) (compare !m !m = 0);
  let inf = 1. /. z in
  Printf.printf "inf: %g %g\n" inf (-. inf)

(* if-then-else producing a float, bound and used unboxed. *)
let pick b x y =
  let v = if b then x *. 2. else y -. 1. in
  v +. 0.5

let () = Printf.printf "if: %g %g\n" (pick true 1. 2.) (pick false 1. 2.)

(* Float record fields and float arrays read and written from unboxed variables. *)
type point = { mutable px : float; mutable py : float }

let () =
  let p = { px = 1.; py = 2. } in
  let a = Array.make 4 0.5 in
  for i = 0 to 3 do
    let d = p.px *. float_of_int i in
    a.(i) <- a.(i) +. d;
    p.py <- p.py +. d
  done;
  p.px <- sqrt p.py;
  Printf.printf "record: %g %g\n" p.px p.py;
  Array.iter (Printf.printf "%g ") a;
  print_newline ()

(* Inline primitives. *)
let () =
  let x = 2.5 and y = -2.5 in
  Printf.printf "prims: %g %g %g %g %g %g %g %g\n" (sqrt 2.) (floor x) (floor y) (ceil x) (ceil y)
    (Float.trunc y) (copysign 3. y) (Float.fma 2. 3. 4.);
  Printf.printf "sqrt(-1) is nan: %b\n" (Float.is_nan (sqrt (-1.)));
  Printf.printf "int_of_float: %d %d\n" (int_of_float (x *. 3.)) (int_of_float (y *. 3.))

(* Unboxed floats in a loop that allocates enough to run the GC. *)
let gc_loop () =
  let acc = ref 1. in
  let keep = ref [] in
  for i = 1 to 20000 do
    let x = float_of_int i *. 0.001 in
    keep := [x; !acc] :: (if i mod 100 = 0 then [] else !keep);
    acc := !acc +. x /. (1. +. x)
  done;
  (!acc, List.length !keep)

let () =
  let (a, n) = gc_loop () in
  Printf.printf "gc: %.12g %d\n" a n

(* A float stored in a polymorphic structure and read back. *)
let () =
  let x = 1. /. 3. in
  let l = [x; x +. 1.] in
  let h = Hashtbl.create 1 in
  Hashtbl.add h "k" (x *. 3.);
  Printf.printf "escape: %.17g %.17g %.17g\n" (List.hd l) (List.nth l 1) (Hashtbl.find h "k")

(* Integer refs become variables too. *)
let () =
  let i = ref 0 and n = ref 0 in
  while !i < 10 do incr i; n := !n + !i; decr n done;
  Printf.printf "int refs: %d %d\n" !i !n
