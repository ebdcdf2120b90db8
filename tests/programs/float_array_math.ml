(* gc-stress-every 500 *)
let () =
  let n = 100 in
  let a = Array.init n (fun i -> float_of_int i *. 0.5) in
  let mean = Array.fold_left (+.) 0. a /. float n in
  let var = Array.fold_left (fun acc x -> acc +. (x -. mean) ** 2.) 0. a /. float n in
  Printf.printf "mean %.4f var %.4f sd %.4f\n" mean var (sqrt var);
  let pts = Array.init 10 (fun i -> (float i, float (i * i))) in
  let (sx, sy) = Array.fold_left (fun (ax, ay) (x, y) -> (ax +. x, ay +. y)) (0., 0.) pts in
  Printf.printf "%g %g\n" sx sy;
  let integrate f lo hi steps = let h = (hi -. lo) /. float steps in
    let s = ref 0. in for i = 0 to steps - 1 do s := !s +. f (lo +. (float i +. 0.5) *. h) done; !s *. h in
  Printf.printf "int sin 0..pi = %.6f\n" (integrate sin 0. Float.pi 100000);
  Printf.printf "int x^2 0..3 = %.6f\n" (integrate (fun x -> x *. x) 0. 3. 1000);
  let rec newton f df x k = if k = 0 then x else newton f df (x -. f x /. df x) (k - 1) in
  Printf.printf "cbrt 10 = %.10f\n" (newton (fun x -> x *. x *. x -. 10.) (fun x -> 3. *. x *. x) 2. 30);
  let m = Array.make_matrix 3 3 0. in
  for i = 0 to 2 do m.(i).(i) <- float (i + 1) done;
  Array.iter (fun r -> Array.iter (Printf.printf "%4.1f") r; print_newline ()) m;
  let fa = Array.make 5 0. in
  Array.iteri (fun i _ -> fa.(i) <- 1. /. float (i + 1)) fa;
  Printf.printf "%s\n" (String.concat " " (Array.to_list (Array.map string_of_float fa)));
  Printf.printf "%b\n" (Array.mem 0.5 fa);
  let boxed = ref 0. in
  for i = 1 to 1_000_000 do boxed := !boxed +. sqrt (float i) done;
  Printf.printf "%.3f\n" !boxed
