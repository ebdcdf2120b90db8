(* Int32: boxed 32-bit integers. Arithmetic is compiler primitives; the rest is here. *)

external neg : int32 -> int32 = "%int32_neg"
external add : int32 -> int32 -> int32 = "%int32_add"
external sub : int32 -> int32 -> int32 = "%int32_sub"
external mul : int32 -> int32 -> int32 = "%int32_mul"
external div : int32 -> int32 -> int32 = "%int32_div"
external rem : int32 -> int32 -> int32 = "%int32_mod"
external logand : int32 -> int32 -> int32 = "%int32_and"
external logor : int32 -> int32 -> int32 = "%int32_or"
external logxor : int32 -> int32 -> int32 = "%int32_xor"
external shift_left : int32 -> int -> int32 = "%int32_lsl"
external shift_right : int32 -> int -> int32 = "%int32_asr"
external shift_right_logical : int32 -> int -> int32 = "%int32_lsr"
external of_int : int -> int32 = "%int32_of_int"
external to_int : int32 -> int = "%int32_to_int"
external of_float : float -> int32
  = "caml_int32_of_float"
external to_float : int32 -> float
  = "caml_int32_to_float"
external of_string : string -> int32 = "caml_int32_of_string"
external bits_of_float : float -> int32
  = "caml_int32_bits_of_float"
external float_of_bits : int32 -> float
  = "caml_int32_float_of_bits"
external format : string -> int32 -> string = "caml_int32_format"

type t = int32

let zero = 0l
let one = 1l
let minus_one = -1l

let min_int = shift_left one (32 - 1)
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

let unsigned_to_int n = Some (to_int n land 0xFFFF_FFFF)

let to_string n = format "%d" n
let of_string_opt s = try Some (of_string s) with Failure _ -> None
