(* gc-stress-every 500 *)
let () =
  let xs = [0.; 1.; -1.5; 3.14159265358979; 1e10; 1.5e-7; 123456.789; 2. /. 3.; 1e300 *. 10.; 0.1 +. 0.2] in
  List.iter (fun x -> Printf.printf "%f | %g | %e | %.17g | %s\n" x x x x (string_of_float x)) xs;
  Printf.printf "%.0f %.1f %.3f %10.2f|%-10.2f|\n" 2.5 0.05 1.0005 3.14159 2.71828;
  Printf.printf "%5.1e %G %E\n" 12345.678 1e-10 0.000123;
  let nan = 0. /. 0. and inf = 1. /. 0. in
  Printf.printf "%f %f %f %g\n" nan inf (-. inf) nan;
  print_endline (string_of_float nan ^ " " ^ string_of_float inf ^ " " ^ string_of_float neg_infinity);
  Printf.printf "%b %b %b\n" (nan = nan) (nan <> nan) (compare nan nan = 0);
  Printf.printf "%b %b\n" (Float.is_nan nan) (Float.is_integer 3.0);
  Printf.printf "%f %f %f %f\n" (floor 2.7) (ceil 2.1) (Float.round 2.5) (Float.round (-2.5));
  Printf.printf "%d %d %d\n" (truncate 3.99) (int_of_float (-3.99)) (int_of_float 1e18);
  Printf.printf "%f %f\n" (float_of_int 7) (float_of_string "2.5e3");
  Printf.printf "%g %g %g %g\n" (sqrt 2.) (exp 1.) (log 10.) (sin 1.);
  Printf.printf "%g %g %g\n" (2. ** 10.) (atan2 1. 1.) (Float.abs (-3.));
  Printf.printf "%g %g\n" (mod_float 7.5 2.) (fst (modf 3.75));
  Printf.printf "%s %s %s\n" (string_of_float 1.) (string_of_float 100.) (string_of_float 1e25);
  Printf.printf "%s %s\n" (string_of_float 0.1) (string_of_float (-0.));
  Printf.printf "%g %g\n" max_float min_float;
  Printf.printf "%.17g\n" epsilon_float;
  let acc = ref 0. in
  for i = 1 to 1000000 do acc := !acc +. 1. /. float i done;
  Printf.printf "harmonic %.12f\n" !acc;
  Printf.printf "%b %b %b\n" (1.0 < 2.0) (compare 1.0 2.0 < 0) (max 1.5 2.5 = 2.5);
  Printf.printf "%h\n" 1.0;
  Printf.printf "%d\n" (Float.to_int 42.9);
  Printf.printf "%F %F\n" 1.0 0.5
