(* Unicode scalar values: integers in [0, 0xD7FF] or [0xE000, 0x10FFFF]. *)

type t = int

let min = 0x0000
let max = 0x10FFFF
let bom = 0xFEFF
let rep = 0xFFFD
let last_before_surrogates = 0xD7FF
let first_after_surrogates = 0xE000

external format_int : string -> int -> string = "caml_format_int"

let succ u =
  if u = last_before_surrogates then first_after_surrogates
  else if u = max then invalid_arg "U+10FFFF has no successor"
  else u + 1

let pred u =
  if u = first_after_surrogates then last_before_surrogates
  else if u = min then invalid_arg "U+0000 has no predecessor"
  else u - 1

let is_valid i = (0 <= i && i <= last_before_surrogates) || (first_after_surrogates <= i && i <= max)

let of_int i = if is_valid i then i else invalid_arg (format_int "%X" i ^ " is not an Unicode scalar value")

external unsafe_of_int : int -> t = "%identity"
external to_int : t -> int = "%identity"

let is_char u = u < 256
let of_char c = Char.code c

let to_char u =
  if u > 255 then invalid_arg ("U+" ^ format_int "%04X" u ^ " is not a latin1 character")
  else Char.unsafe_chr u

let unsafe_to_char = Char.unsafe_chr
let equal (a : int) b = a = b
let compare (a : int) b = Stdlib.compare a b
let hash = to_int

(* The result of decoding a character (OCaml 4.14): an immediate integer holding a validity
   bit (bit 27), the number of bytes consumed (bits 24-26) and the character (low 24 bits);
   an invalid decode carries U+FFFD. *)
type utf_decode = int

let utf_decode_is_valid d = (d lsr 27) = 1
let utf_decode_length d = (d lsr 24) land 0b111
let utf_decode_uchar d = unsafe_of_int (d land 0xFFFFFF)
let utf_decode n u = ((8 lor n) lsl 24) lor to_int u
let utf_decode_invalid n = (n lsl 24) lor 0xFFFD

let utf_8_byte_length u =
  match to_int u with
  | n when n <= 0x7F -> 1
  | n when n <= 0x7FF -> 2
  | n when n <= 0xFFFF -> 3
  | _ -> 4

let utf_16_byte_length u = if to_int u <= 0xFFFF then 2 else 4
