(* gc-stress-every 500 *)
let () =
  let a = 123456789l and b = 987654321l in
  Printf.printf "%ld %ld %ld %ld\n" (Int32.add a b) (Int32.mul a b) (Int32.sub a b) (Int32.div b a);
  Printf.printf "%ld %ld\n" Int32.max_int Int32.min_int;
  Printf.printf "%ld\n" (Int32.add Int32.max_int 1l);
  Printf.printf "%lx %lu %lo\n" (-1l) (-1l) 8l;
  Printf.printf "%s %s\n" (Int32.to_string 42l) (Int32.to_string (Int32.neg 42l));
  let x = 1234567890123456789L and y = 987654321L in
  Printf.printf "%Ld %Ld %Ld %Ld\n" (Int64.add x y) (Int64.mul y y) (Int64.rem x y) (Int64.div x y);
  Printf.printf "%Ld %Ld\n" Int64.max_int Int64.min_int;
  Printf.printf "%Ld\n" (Int64.add Int64.max_int 1L);
  Printf.printf "%Lx %LX %Lu\n" 255L 255L (-1L);
  Printf.printf "%Ld %Ld %Ld\n" (Int64.shift_left 1L 62) (Int64.shift_right (-16L) 2) (Int64.shift_right_logical (-16L) 60);
  Printf.printf "%Ld %Ld %Ld\n" (Int64.logand 12L 10L) (Int64.logor 12L 10L) (Int64.logxor 12L 10L);
  Printf.printf "%d %Ld %f\n" (Int64.to_int 77L) (Int64.of_int (-5)) (Int64.to_float 1024L);
  Printf.printf "%Ld\n" (Int64.of_string "-9223372036854775808");
  Printf.printf "%nd %nd\n" (Nativeint.add 5n 6n) Nativeint.max_int;
  Printf.printf "%nx\n" (Nativeint.neg 1n);
  Printf.printf "%b %b %d\n" (Int64.equal 3L 3L) (3L < 4L) (Int64.compare 5L 2L);
  Printf.printf "%ld\n" (Int32.of_float 3.7);
  Printf.printf "%Ld\n" (Int64.bits_of_float 1.0);
  Printf.printf "%f\n" (Int64.float_of_bits 4611686018427387904L);
  let s = ref 0L in
  for i = 1 to 1000000 do s := Int64.add !s (Int64.of_int i) done;
  Printf.printf "sum %Ld\n" !s;
  let h = ref 0l in
  for i = 1 to 100 do h := Int32.add (Int32.mul !h 31l) (Int32.of_int i) done;
  Printf.printf "hash32 %ld\n" !h;
  Printf.printf "%s\n" (String.concat " " (List.map Int64.to_string [0L; -1L; 100L]));
  Printf.printf "%d %d\n" (Int32.to_int (-7l)) (Nativeint.to_int 9n);
  Printf.printf "%5ld|%-5Ld|%05Ld\n" 42l 42L 42L
