(* Expected results of bigarray primitives, from real OCaml. Lines: name TAB result.
   The Rust test (prims_bigarray.rs) performs the same operations by name. *)
open Bigarray
let out name r = Printf.printf "%s\t%s\n" name r
let attempt f = try f () with Invalid_argument m -> "EXN:" ^ m
let floats l = String.concat " " (List.map (Printf.sprintf "%h") l)
let ints l = String.concat " " (List.map string_of_int l)

let () =
  (* 1. float64, C layout *)
  let a = Array1.create float64 c_layout 5 in
  for i = 0 to 4 do a.{i} <- float i *. 1.5 done;
  out "f64_elems" (floats (List.init 5 (fun i -> a.{i})));
  out "f64_hash" (string_of_int (Hashtbl.hash a));
  out "f64_oob" (attempt (fun () -> string_of_float a.{5}));
  out "f64_sub" (let s = Array1.sub a 1 3 in floats (List.init (Array1.dim s) (fun i -> s.{i})));
  out "f64_sub_bad" (attempt (fun () -> ignore (Array1.sub a 3 3); "ok"));
  (* 2. int32, Fortran layout, 2 x 3 *)
  let g = Array2.create int32 fortran_layout 2 3 in
  for i = 1 to 2 do for j = 1 to 3 do g.{i, j} <- Int32.of_int (i * 10 + j) done done;
  out "i32_hash" (string_of_int (Hashtbl.hash g));
  let gg = genarray_of_array2 g in
  let sl = Genarray.slice_right gg [| 2 |] in
  out "i32_slice" (ints (List.init (Genarray.nth_dim sl 0) (fun i ->
    Int32.to_int (Genarray.get sl [| i + 1 |]))));
  let sr = Genarray.sub_right gg 2 2 in
  out "i32_sub_right_dims" (ints (Array.to_list (Genarray.dims sr)));
  out "i32_sub_right" (ints (List.concat (List.init 2 (fun i -> List.init 2 (fun j ->
    Int32.to_int (Genarray.get sr [| i + 1; j + 1 |])))))) ;
  let c = Genarray.change_layout gg c_layout in
  out "i32_c_dims" (ints (Array.to_list (Genarray.dims c)));
  out "i32_c_elems" (ints (List.concat (List.init 3 (fun i -> List.init 2 (fun j ->
    Int32.to_int (Genarray.get c [| i; j |]))))));
  out "i32_wrong_indices" (attempt (fun () -> ignore (Genarray.get gg [| 1 |]); "ok"));
  (* 3. small integer kinds wrap *)
  let s8 = Array1.create int8_signed c_layout 1 in s8.{0} <- 200;
  let u8 = Array1.create int8_unsigned c_layout 1 in u8.{0} <- 300;
  let s16 = Array1.create int16_signed c_layout 1 in s16.{0} <- 40000;
  let u16 = Array1.create int16_unsigned c_layout 1 in u16.{0} <- -1;
  out "wrap" (ints [ s8.{0}; u8.{0}; s16.{0}; u16.{0} ]);
  (* 4. compare *)
  let f l = let a = Array1.create float64 c_layout (List.length l) in
    List.iteri (fun i x -> a.{i} <- x) l; a in
  let cmp a b = Printf.sprintf "%d %b %b" (compare a b) (a = b) (a < b) in
  out "cmp_equal" (cmp (f [1.; 2.]) (f [1.; 2.]));
  out "cmp_less" (cmp (f [1.; 2.]) (f [1.; 3.]));
  out "cmp_size" (cmp (f [1.; 2.; 0.]) (f [1.; 3.]));
  out "cmp_nan" (cmp (f [nan]) (f [nan]));
  out "cmp_nan_num" (cmp (f [nan]) (f [1.]));
  out "cmp_kind" (Printf.sprintf "%d" (compare (Obj.repr (f [1.])) (Obj.repr (Array1.create float32 c_layout 1))));
  out "cmp_layout" (Printf.sprintf "%d" (compare (Obj.repr (f [1.]))
    (Obj.repr (Array1.change_layout (f [1.]) fortran_layout))));
  (* 5. errors *)
  out "create_neg" (attempt (fun () -> ignore (Genarray.create float64 c_layout [| 2; -1 |]); "ok"));
  out "reshape_bad" (attempt (fun () -> ignore (reshape (genarray_of_array1 (f [1.; 2.; 3.])) [| 2; 2 |]); "ok"));
  out "reshape_ok" (let r = reshape (genarray_of_array1 (f [1.; 2.; 3.; 4.])) [| 2; 2 |] in
    floats [ Genarray.get r [| 1; 0 |] ]);
  out "blit_bad" (attempt (fun () -> Array1.blit (f [1.]) (f [1.; 2.]); "ok"));
  (* 6. complex64 *)
  let z = Array1.create complex64 c_layout 2 in
  z.{0} <- { Complex.re = 1.; im = 2. }; z.{1} <- { Complex.re = -0.5; im = 3. };
  out "complex" (floats [ z.{1}.Complex.re; z.{1}.Complex.im ]);
  out "complex_hash" (string_of_int (Hashtbl.hash z));
  (* 7. hashes of other kinds *)
  let ch = Array1.create char c_layout 5 in String.iteri (fun i c -> ch.{i} <- c) "hello";
  out "char_hash" (string_of_int (Hashtbl.hash ch));
  let i16 = Array1.create int16_signed c_layout 3 in List.iteri (fun i x -> i16.{i} <- x) [ 1; 2; -3 ];
  out "i16_hash" (string_of_int (Hashtbl.hash i16));
  let i64 = Array1.create int64 c_layout 2 in i64.{0} <- -1L; i64.{1} <- 0x123456789L;
  out "i64_hash" (string_of_int (Hashtbl.hash i64));
  let f32 = Array1.create float32 c_layout 3 in f32.{0} <- nan; f32.{1} <- -0.; f32.{2} <- 1.5;
  out "f32_hash" (string_of_int (Hashtbl.hash f32));
  let ci = Array1.create int c_layout 3 in List.iteri (fun i x -> ci.{i} <- x) [ 1; -1; max_int ];
  out "int_hash" (string_of_int (Hashtbl.hash ci));
  let big = Array1.create int8_unsigned c_layout 1000 in Array1.fill big 7;
  out "big_u8_hash" (string_of_int (Hashtbl.hash big))
