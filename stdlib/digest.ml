(* MD5 digests (16-byte strings), computed by the runtime. *)

type t = string

let compare = String.compare
let equal = String.equal

external unsafe_string : string -> int -> int -> t = "caml_md5_string"
external channel : in_channel -> int -> t = "caml_md5_chan"

let string s = unsafe_string s 0 (String.length s)
let bytes b = string (Bytes.unsafe_to_string b)

let substring s ofs len =
  if ofs < 0 || len < 0 || ofs > String.length s - len then invalid_arg "Digest.substring"
  else unsafe_string s ofs len

let subbytes b ofs len = substring (Bytes.unsafe_to_string b) ofs len

let file name =
  let ic = open_in_bin name in
  match channel ic (-1) with
  | d -> close_in ic; d
  | exception e -> close_in ic; raise e

let output oc d = output_string oc d
let input ic = really_input_string ic 16

let hex_digit n = Char.unsafe_chr (if n < 10 then Char.code '0' + n else Char.code 'a' + n - 10)

let to_hex d =
  if String.length d <> 16 then invalid_arg "Digest.to_hex";
  String.init 32 (fun i ->
    let byte = Char.code d.[i / 2] in
    hex_digit (if i mod 2 = 0 then byte lsr 4 else byte land 15))

let from_hex s =
  if String.length s <> 32 then invalid_arg "Digest.from_hex";
  let value c =
    match c with
    | '0' .. '9' -> Char.code c - Char.code '0'
    | 'a' .. 'f' -> Char.code c - Char.code 'a' + 10
    | 'A' .. 'F' -> Char.code c - Char.code 'A' + 10
    | _ -> invalid_arg "Digest.from_hex"
  in
  String.init 16 (fun i -> Char.chr ((value s.[2 * i] lsl 4) lor value s.[(2 * i) + 1]))
