(* Named values shared by the generators (the Rust tests build the same values by name). *)
type v = A | B of int | C of int * int
type fr = { x : float; y : float }

let rec deep n = if n = 0 then Obj.repr 0 else Obj.repr (Some (deep (n - 1)))

let values : (string * Obj.t) list = [
  "int_0", Obj.repr 0; "int_1", Obj.repr 1; "int_m1", Obj.repr (-1);
  "int_42", Obj.repr 42; "int_max", Obj.repr max_int; "int_min", Obj.repr min_int;
  "int_big", Obj.repr 0x123456789ab;
  "str_empty", Obj.repr ""; "str_a", Obj.repr "a"; "str_ab", Obj.repr "ab";
  "str_abc", Obj.repr "abc"; "str_abd", Obj.repr "abd"; "str_abcd", Obj.repr "abcd";
  "str_abcde", Obj.repr "abcde"; "str_long", Obj.repr (String.make 100 'x' ^ "yz");
  "str_bin", Obj.repr "\000\255\128\001";
  "float_0", Obj.repr 0.; "float_m0", Obj.repr (-0.); "float_1", Obj.repr 1.;
  "float_m1", Obj.repr (-1.); "float_nan", Obj.repr nan;
  "float_nan2", Obj.repr (Int64.float_of_bits 0xfff8000000000000L);
  "float_inf", Obj.repr infinity; "float_minf", Obj.repr neg_infinity;
  "float_pi", Obj.repr 3.14159; "float_tiny", Obj.repr 5e-324;
  "i64_0", Obj.repr 0L; "i64_m1", Obj.repr (-1L); "i64_big", Obj.repr 0x123456789abcdefL;
  "i64_min", Obj.repr Int64.min_int; "i32_m1", Obj.repr (-1l); "i32_5", Obj.repr 5l;
  "n_m1", Obj.repr (-1n); "n_big", Obj.repr 0x123456789an;
  "list_12", Obj.repr [1; 2]; "list_13", Obj.repr [1; 3]; "list_123", Obj.repr [1; 2; 3];
  "list_100", Obj.repr (List.init 100 Fun.id); "list_1000", Obj.repr (List.init 1000 Fun.id);
  "none", Obj.repr None; "some_1", Obj.repr (Some 1); "some_2", Obj.repr (Some 2);
  "some_str", Obj.repr (Some "abc");
  "pair_1a", Obj.repr (1, "a"); "pair_1b", Obj.repr (1, "b"); "pair_nan", Obj.repr (nan, 1);
  "triple", Obj.repr (1, 2.5, "x");
  "A", Obj.repr A; "B5", Obj.repr (B 5); "C12", Obj.repr (C (1, 2)); "C13", Obj.repr (C (1, 3));
  "rec_f", Obj.repr { x = 1.; y = 2. }; "rec_nan", Obj.repr { x = 1.; y = nan };
  "farr", Obj.repr [| 1.; 2.; 3. |]; "arr_empty", Obj.repr [||];
  "arr_int", Obj.repr [| 1; 2; 3 |]; "arr_str", Obj.repr [| "a"; "b" |];
  "nested", Obj.repr [ (1, "one", [ 1.5 ]); (2, "two", [ 2.5; 3.5 ]) ];
  "deep", deep 50;
  "exn_not_found", Obj.repr Not_found; "exn_failure", Obj.repr (Failure "x");
  "closure", Obj.repr (fun x -> x + 1);
]
