(* Expected results of parsing and float-to-int primitives, from real OCaml.
   Lines: kind TAB input (escaped) TAB result, or FAIL:message when it raises. *)
let int_inputs = [ "0"; "-0"; "+5"; "123"; "-123"; "0x1F"; "0X1f"; "0o17"; "0O17"; "0b101";
  "0B11"; "0u123"; "1_000"; "_1"; "1_"; "1__2"; ""; "-"; "+"; "0x"; "0x_1"; " 1"; "1 "; "12a";
  "0b2"; "0o8"; "1e3"; "abc"; "\000"; "1\0002"; "--1"; "-+1"; "0xg";
  "4611686018427387903"; "4611686018427387904"; "-4611686018427387904";
  "-4611686018427387905"; "0x3fffffffffffffff"; "0x4000000000000000"; "0x7fffffffffffffff";
  "0x8000000000000000"; "0xffffffffffffffff"; "0x10000000000000000"; "-0x1"; "-0xffffffff";
  "9223372036854775807"; "9223372036854775808"; "-9223372036854775808";
  "-9223372036854775809"; "2147483647"; "2147483648"; "-2147483648"; "-2147483649";
  "0xffffffff"; "0x100000000"; "0x7fffffff"; "0x80000000"; "0u4611686018427387904";
  "0u9223372036854775808"; "0u18446744073709551615"; "0u18446744073709551616";
  "0b111111111111111111111111111111111111111111111111111111111111111"; "0o777"; "00012" ]

let float_inputs = [ "0"; "1.5"; "-1.5"; "+1.5"; "1e10"; "1E-5"; "1_000.5"; "_1"; "1_"; ".5";
  "5."; "inf"; "-inf"; "infinity"; "INF"; "nan"; "-nan"; "NaN"; "0x1p3"; "0x1.8p1"; "0X1P-2";
  "-0x1p3"; "+0x1p3"; "0x.8"; "0x1p"; "0x"; "0xg"; "0x1p+3"; "0x1p-3"; "0x1_0p0"; "0x1p1_0";
  "0x1.fffffffffffff8p1023"; "0x1.fffffffffffffp1023"; "0x1p-1074"; "0x1p-1075";
  "0x1.8p-1074"; "0x1.0000000000000000001p0"; "0x123456789abcdef123p0";
  "0x1.fffffffffffffffp0"; "0x1.00000000000008p0"; "0x1.00000000000018p0"; "0x1p99999999999";
  "0x1p-99999999999"; "0x0p99999999999"; "1e400"; "-1e400"; "1e-400"; ""; " 1.5"; "1.5 ";
  "1.5x"; "--1"; "1e"; "1e+"; "0.1"; "123456789012345678901234567890"; "2.2250738585072011e-308";
  "4.9e-324"; "1.7976931348623157e308"; "0x1.2p3_"; "1\0002"; "_"; "0x_"; "0x.p1"; "0x1.2.3";
  "00.5"; "1.e5"; "0x1P"; "0xap0"; "0xA.8p0"; "1e5_0"; "0.000001" ]

let floats_to_int = [ 0.; -0.; 3.7; -3.7; 0.5; -0.5; 1e9; 2147483647.5; 2147483648.;
  -2147483648.; -2147483649.; 4294967296.; 4611686018427387904.; -4611686018427387904.;
  9223372036854775807.; 9223372036854775808.; -9223372036854775808.; -9223372036854777856.;
  1e19; 1e300; -1e300; nan; infinity; neg_infinity ]

let bits f = Printf.sprintf "%016Lx" (Int64.bits_of_float f)
let out kind input result = Printf.printf "%s\t%s\t%s\n" kind (String.escaped input) result
let attempt f = try f () with Failure m -> "FAIL:" ^ m | Invalid_argument m -> "INVALID:" ^ m

let () =
  List.iter (fun s ->
    out "int" s (attempt (fun () -> string_of_int (int_of_string s)));
    out "int32" s (attempt (fun () -> Int32.to_string (Int32.of_string s)));
    out "int64" s (attempt (fun () -> Int64.to_string (Int64.of_string s)));
    out "nativeint" s (attempt (fun () -> Nativeint.to_string (Nativeint.of_string s))))
    int_inputs;
  List.iter (fun s -> out "float" s (attempt (fun () -> bits (float_of_string s)))) float_inputs;
  List.iter (fun f ->
    out "int_of_float" (bits f) (string_of_int (int_of_float f));
    out "int32_of_float" (bits f) (Int32.to_string (Int32.of_float f));
    out "int64_of_float" (bits f) (Int64.to_string (Int64.of_float f));
    out "nativeint_of_float" (bits f) (Nativeint.to_string (Nativeint.of_float f)))
    floats_to_int
