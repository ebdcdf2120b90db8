(* Boxed integer arithmetic computed inline: wrap-around, shifts, comparisons, conversions. *)
let () =
  let a = Int32.max_int and b = Int32.min_int in
  Printf.printf "int32: %ld %ld %ld %ld\n" (Int32.add a 1l) (Int32.sub b 1l) (Int32.mul a 3l) (Int32.neg b);
  Printf.printf "int32 shifts: %ld %ld %ld %ld\n" (Int32.shift_left 1l 31) (Int32.shift_right b 4)
    (Int32.shift_right_logical b 4) (Int32.shift_right_logical (-1l) 1);
  Printf.printf "int32 bits: %ld %ld %ld\n" (Int32.logand 0xF0l 0x3Cl) (Int32.logor 0xF0l 0x0Fl) (Int32.logxor (-1l) 5l);
  Printf.printf "int32 conv: %ld %d %b %b\n" (Int32.of_int 0x1_0000_0005) (Int32.to_int b) (a > b) (Int32.equal a a);
  Printf.printf "int32 div: %ld %ld\n" (Int32.div b (-1l)) (Int32.rem 7l (-2l))

let () =
  let a = Int64.max_int and b = Int64.min_int in
  Printf.printf "int64: %Ld %Ld %Ld %Ld\n" (Int64.add a 1L) (Int64.sub b 1L) (Int64.mul a 3L) (Int64.neg b);
  Printf.printf "int64 shifts: %Ld %Ld %Ld\n" (Int64.shift_left 1L 63) (Int64.shift_right b 4)
    (Int64.shift_right_logical b 4);
  Printf.printf "int64 conv: %Ld %d %b %d\n" (Int64.of_int (-5)) (Int64.to_int 0x7FFF_FFFF_FFFFL) (a < b)
    (compare 3L 4L);
  Printf.printf "int64 div: %Ld %Ld\n" (Int64.div b (-1L)) (Int64.rem (-7L) 2L);
  (match Int64.div 1L 0L with _ -> print_endline "no" | exception Division_by_zero -> print_endline "div by zero")

let () =
  let n = Nativeint.of_int 40 in
  Printf.printf "nativeint: %nd %nd %nd\n" (Nativeint.add n 2n) (Nativeint.shift_left n 2) (Nativeint.neg n)

(* A boxed accumulator in a loop (a mutable unboxed variable), escaping at the end. *)
let fnv s =
  let h = ref 0xcbf29ce484222325L in
  String.iter (fun c ->
      ignore c) s;
  for i = 0 to String.length s - 1 do
    h := Int64.mul (Int64.logxor !h (Int64.of_int (Char.code s.[i]))) 0x100000001b3L
  done;
  !h

let () = Printf.printf "fnv: %Lx %Lx\n" (fnv "hello") (fnv "")

let () =
  let acc = ref 0l in
  for i = 1 to 100000 do
    acc := Int32.add (Int32.mul !acc 31l) (Int32.of_int i)
  done;
  let l = [!acc; Int32.succ !acc] in
  Printf.printf "int32 loop: %ld %ld\n" (List.hd l) (List.nth l 1)
