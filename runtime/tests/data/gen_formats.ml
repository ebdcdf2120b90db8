(* Expected outputs of the runtime's number formatting primitives, from real OCaml.
   Lines: kind TAB format-or-args TAB input TAB output (strings escaped as OCaml escapes them). *)
external format_float : string -> float -> string = "caml_format_float"
external format_int : string -> int -> string = "caml_format_int"
external int32_format : string -> int32 -> string = "caml_int32_format"
external int64_format : string -> int64 -> string = "caml_int64_format"
external nativeint_format : string -> nativeint -> string = "caml_nativeint_format"
external hexstring_of_float : float -> int -> char -> string = "caml_hexstring_of_float"

let floats = [ 0.; -0.; 1.; -1.; 0.1; 0.5; 1.5; 2.5; -2.5; 3.14159265358979; 1e300; 1e-300;
  5e-324; 2.2250738585072014e-308; 123456789.123; 1e15; 1e16; 1e21; 1e22; 100.; 12345.6789;
  -2.5e-7; 0.30000000000000004; 1. /. 3.; max_float; min_float; epsilon_float; nan; -. nan;
  infinity; neg_infinity; 4503599627370496.5; 9007199254740993.; 0.000123; 1e-5; 123456.;
  1234567.; 999999.5; 0.1 +. 0.2; 1e100; 42.; 7e-10 ]

let float_formats = [ "%f"; "%.0f"; "%.3f"; "%.17f"; "%e"; "%.0e"; "%.3e"; "%E"; "%g"; "%.0g";
  "%.1g"; "%.3g"; "%.12g"; "%.15g"; "%.17g"; "%G"; "%10.4f"; "%-12.3e"; "%+g"; "% g"; "%#g";
  "%#.0f"; "%#.3g"; "%012.3f"; "%a"; "%A"; "%.3a"; "%20g"; "%-20g"; "%+.2f";
  "%.30g"; "%F" ]

let ints = [ 0; 1; -1; 42; -42; 255; 1000000; max_int; min_int; 0x1234abcd; -0x1234abcd ]
let int_formats = [ "%d"; "%i"; "%5d"; "%-5d"; "%05d"; "%x"; "%X"; "%o"; "%u"; "%#x"; "%#X";
  "%#o"; "%+d"; "% d"; "%.3d"; "%10.5x"; "%ld"; "%nd"; "%Ld"; "%+5i"; "%-#8x"; "%.0d" ]
let int32s = [ 0l; 1l; -1l; 42l; Int32.max_int; Int32.min_int; 0x1234abl ]
let int64s = [ 0L; 1L; -1L; 42L; Int64.max_int; Int64.min_int; 0x123456789abcdefL ]
let nativeints = [ 0n; 1n; -1n; Nativeint.max_int; Nativeint.min_int ]

let hex_precs = [ -1; 0; 1; 2; 3; 5; 12; 13; 20 ]
let hex_styles = [ '-'; '+'; ' ' ]

let bits f = Printf.sprintf "%016Lx" (Int64.bits_of_float f)
let out kind a b c = Printf.printf "%s\t%s\t%s\t%s\n" kind (String.escaped a) b (String.escaped c)

let () =
  List.iter (fun fmt -> List.iter (fun f ->
    out "float" fmt (bits f) (format_float fmt f)) floats) float_formats;
  List.iter (fun f -> out "string_of_float" "" (bits f) (string_of_float f)) floats;
  List.iter (fun fmt -> List.iter (fun n ->
    out "int" fmt (string_of_int n) (format_int fmt n)) ints) int_formats;
  List.iter (fun fmt -> List.iter (fun n ->
    out "int32" fmt (Int32.to_string n) (int32_format fmt n)) int32s) int_formats;
  List.iter (fun fmt -> List.iter (fun n ->
    out "int64" fmt (Int64.to_string n) (int64_format fmt n)) int64s) int_formats;
  List.iter (fun fmt -> List.iter (fun n ->
    out "nativeint" fmt (Nativeint.to_string n) (nativeint_format fmt n)) nativeints) int_formats;
  List.iter (fun p -> List.iter (fun st -> List.iter (fun f ->
    out "hex" (Printf.sprintf "%d %c" p st) (bits f) (hexstring_of_float f p st))
    floats) hex_styles) hex_precs
