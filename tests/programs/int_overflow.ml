let () =
  Printf.printf "%d %d\n" max_int min_int;
  Printf.printf "%d %d\n" (max_int + 1) (min_int - 1);
  Printf.printf "%d\n" (max_int * 2);
  Printf.printf "%d %d\n" (-7 / 2) (-7 mod 2);
  Printf.printf "%d %d\n" (7 / -2) (7 mod -2);
  Printf.printf "%d %d %d\n" (1 lsl 62) (1 lsl 63) (-1 lsr 1);
  Printf.printf "%d %d\n" (-16 asr 2) (-16 lsr 60);
  Printf.printf "%d %d %d %d\n" (12 land 10) (12 lor 10) (12 lxor 10) (lnot 0);
  Printf.printf "%d\n" (abs min_int);
  Printf.printf "%x %X %o\n" 255 255 8;
  Printf.printf "%x\n" (-1);
  Printf.printf "%d\n" (min_int / -1);
  let h = ref 0 in
  for i = 0 to 1000 do h := !h * 1000003 + i done;
  Printf.printf "hash %d\n" !h;
  Printf.printf "%d %d\n" (Int.max_int / 3) (succ max_int = min_int |> Bool.to_int);
  (try Printf.printf "%d\n" (1 / 0) with Division_by_zero -> print_endline "Division_by_zero /");
  (try Printf.printf "%d\n" (1 mod 0) with Division_by_zero -> print_endline "Division_by_zero mod");
  let z = ref 0 in
  (try Printf.printf "%d\n" (10 / !z) with Division_by_zero -> print_endline "Division_by_zero var");
  (try ignore (Int64.div 1L 0L) with Division_by_zero -> print_endline "Division_by_zero int64");
  (try ignore (Int32.rem 1l 0l) with Division_by_zero -> print_endline "Division_by_zero int32");
  Printf.printf "%f\n" (1. /. 0.);
  Printf.printf "%d %d\n" (compare max_int min_int) (compare (-1) 0);
  Printf.printf "%5d|%-5d|%05d\n" 42 42 42
