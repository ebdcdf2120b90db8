(* Characters (bytes). *)

external code : char -> int = "%identity"
external unsafe_chr : int -> char = "%identity"

let chr n = if n < 0 || n > 255 then invalid_arg "Char.chr" else unsafe_chr n

external bytes_create : int -> bytes = "caml_create_bytes"
external bytes_unsafe_set : bytes -> int -> char -> unit = "%bytes_unsafe_set"
external bytes_unsafe_to_string : bytes -> string = "%bytes_to_string"

(* The escaped form as an OCaml character literal would write it, without the quotes. *)
let escaped c =
  let of_chars l =
    let b = bytes_create (List.length l) in
    List.iteri (fun i c -> bytes_unsafe_set b i c) l;
    bytes_unsafe_to_string b
  in
  match c with
  | '\'' -> "\\'"
  | '\\' -> "\\\\"
  | '\n' -> "\\n"
  | '\t' -> "\\t"
  | '\r' -> "\\r"
  | '\b' -> "\\b"
  | ' ' .. '~' -> of_chars [ c ]
  | _ ->
    let n = code c in
    let digit d = unsafe_chr (48 + d) in
    of_chars [ '\\'; digit (n / 100); digit (n / 10 mod 10); digit (n mod 10) ]

let lowercase_ascii = function 'A' .. 'Z' as c -> unsafe_chr (code c + 32) | c -> c
let uppercase_ascii = function 'a' .. 'z' as c -> unsafe_chr (code c - 32) | c -> c

(* The deprecated versions also map the Latin-1 letters. *)
let lowercase c =
  match c with
  | 'A' .. 'Z' | '\192' .. '\214' | '\216' .. '\222' -> unsafe_chr (code c + 32)
  | _ -> c

let uppercase c =
  match c with
  | 'a' .. 'z' | '\224' .. '\246' | '\248' .. '\254' -> unsafe_chr (code c - 32)
  | _ -> c

type t = char

let compare (a : char) b = code a - code b
let equal (a : char) b = a = b
