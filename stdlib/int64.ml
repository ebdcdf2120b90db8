(* Int64: boxed 64-bit integers. Arithmetic is compiler primitives; the rest is here. *)

external neg : int64 -> int64 = "%int64_neg"
external add : int64 -> int64 -> int64 = "%int64_add"
external sub : int64 -> int64 -> int64 = "%int64_sub"
external mul : int64 -> int64 -> int64 = "%int64_mul"
external div : int64 -> int64 -> int64 = "%int64_div"
external rem : int64 -> int64 -> int64 = "%int64_mod"
external logand : int64 -> int64 -> int64 = "%int64_and"
external logor : int64 -> int64 -> int64 = "%int64_or"
external logxor : int64 -> int64 -> int64 = "%int64_xor"
external shift_left : int64 -> int -> int64 = "%int64_lsl"
external shift_right : int64 -> int -> int64 = "%int64_asr"
external shift_right_logical : int64 -> int -> int64 = "%int64_lsr"
external of_int : int -> int64 = "%int64_of_int"
external to_int : int64 -> int = "%int64_to_int"
external of_float : float -> int64
  = "caml_int64_of_float"
external to_float : int64 -> float
  = "caml_int64_to_float"
external of_int32 : int32 -> int64 = "caml_int64_of_int32"
external to_int32 : int64 -> int32 = "caml_int64_to_int32"
external of_nativeint : nativeint -> int64 = "caml_int64_of_nativeint"
external to_nativeint : int64 -> nativeint = "caml_int64_to_nativeint"
external of_string : string -> int64 = "caml_int64_of_string"
external bits_of_float : float -> int64
  = "caml_int64_bits_of_float"
external float_of_bits : int64 -> float
  = "caml_int64_float_of_bits"
external format : string -> int64 -> string = "caml_int64_format"

type t = int64

let zero = 0L
let one = 1L
let minus_one = -1L

let min_int = shift_left one (64 - 1)
let max_int = sub min_int one
let succ n = add n one
let pred n = sub n one
let compare (a : t) b = Stdlib.compare a b
let equal a b = compare a b = 0
let min (a : t) b = if a <= b then a else b
let max (a : t) b = if a >= b then a else b
let abs n = if compare n zero >= 0 then n else neg n
let lognot n = logxor n minus_one

(* Unsigned order: shifting both by min_int maps it onto the signed order. *)
let unsigned_compare a b = compare (sub a min_int) (sub b min_int)

(* Unsigned division from signed division: halve the dividend (logically) so it is
   non-negative, divide, double, then correct the quotient by at most one. *)
let unsigned_div n d =
  if compare d zero < 0 then (if unsigned_compare n d < 0 then zero else one)
  else begin
    let q = shift_left (div (shift_right_logical n 1) d) 1 in
    let r = sub n (mul q d) in
    if unsigned_compare r d >= 0 then succ q else q
  end

let unsigned_rem n d = sub n (mul (unsigned_div n d) d)

let unsigned_to_int n = if compare zero n <= 0 && compare n (of_int Stdlib.max_int) <= 0 then Some (to_int n) else None

let to_string n = format "%d" n
let of_string_opt s = try Some (of_string s) with Failure _ -> None
