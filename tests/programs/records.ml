type point = { x : int; y : int }
type account = { name : string; mutable balance : int; mutable history : int list }
type vec = { vx : float; vy : float; vz : float }
type mixed = { label : string; weight : float; count : int }
let move p dx = { p with x = p.x + dx }
let deposit a n = a.balance <- a.balance + n; a.history <- n :: a.history
let norm v = sqrt (v.vx *. v.vx +. v.vy *. v.vy +. v.vz *. v.vz)
let scale k v = { vx = k *. v.vx; vy = k *. v.vy; vz = k *. v.vz }
let () =
  let p = { x = 1; y = 2 } in
  let q = move p 10 in
  Printf.printf "p=(%d,%d) q=(%d,%d)\n" p.x p.y q.x q.y;
  Printf.printf "eq %b %b\n" (p = { x = 1; y = 2 }) (p = q);
  let a = { name = "alice"; balance = 0; history = [] } in
  for i = 1 to 10 do deposit a i done;
  Printf.printf "%s %d [%s]\n" a.name a.balance (String.concat ";" (List.map string_of_int a.history));
  let v = { vx = 1.; vy = 2.; vz = 2. } in
  Printf.printf "norm %g scaled %g\n" (norm v) (norm (scale 2.5 v));
  let m = { label = "m"; weight = 1.5; count = 3 } in
  let m2 = { m with weight = m.weight *. 2. } in
  Printf.printf "%s %.1f %d / %.1f\n" m2.label m2.weight m2.count m.weight;
  let vs = Array.init 1000 (fun i -> { vx = float i; vy = 0.; vz = 1. }) in
  let s = Array.fold_left (fun acc v -> acc +. v.vx +. v.vz) 0. vs in
  Printf.printf "sum %.1f\n" s;
  let sorted = List.sort (fun a b -> compare a.y b.y) [{ x = 1; y = 3 }; { x = 2; y = 1 }; { x = 3; y = 2 }] in
  List.iter (fun p -> Printf.printf "(%d,%d)" p.x p.y) sorted; print_newline ();
  let r = ref { x = 0; y = 0 } in
  for i = 1 to 100 do r := { !r with x = !r.x + i } done;
  Printf.printf "r.x=%d\n" !r.x
