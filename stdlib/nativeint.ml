(* Nativeint: boxed machine-word integers. Arithmetic is compiler primitives; the rest is here. *)

external neg : nativeint -> nativeint = "%nativeint_neg"
external add : nativeint -> nativeint -> nativeint = "%nativeint_add"
external sub : nativeint -> nativeint -> nativeint = "%nativeint_sub"
external mul : nativeint -> nativeint -> nativeint = "%nativeint_mul"
external div : nativeint -> nativeint -> nativeint = "%nativeint_div"
external rem : nativeint -> nativeint -> nativeint = "%nativeint_mod"
external logand : nativeint -> nativeint -> nativeint = "%nativeint_and"
external logor : nativeint -> nativeint -> nativeint = "%nativeint_or"
external logxor : nativeint -> nativeint -> nativeint = "%nativeint_xor"
external shift_left : nativeint -> int -> nativeint = "%nativeint_lsl"
external shift_right : nativeint -> int -> nativeint = "%nativeint_asr"
external shift_right_logical :
  nativeint -> int -> nativeint = "%nativeint_lsr"
external of_int : int -> nativeint = "%nativeint_of_int"
external to_int : nativeint -> int = "%nativeint_to_int"
external of_float : float -> nativeint
  = "caml_nativeint_of_float"
external to_float : nativeint -> float
  = "caml_nativeint_to_float"
external of_int32 : int32 -> nativeint = "caml_nativeint_of_int32"
external to_int32 : nativeint -> int32 = "caml_nativeint_to_int32"
external of_string : string -> nativeint = "caml_nativeint_of_string"
external format : string -> nativeint -> string = "caml_nativeint_format"

type t = nativeint

let zero = 0n
let one = 1n
let minus_one = -1n
let size = Sys.word_size
let min_int = shift_left one (size - 1)
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
