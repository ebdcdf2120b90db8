(* Immutable strings. Most operations reuse Bytes on a shared, never-mutated view of the
   string (unsafe_of_string) and freeze fresh results (unsafe_to_string). *)

external length : string -> int = "%string_length"
external get : string -> int -> char = "%string_safe_get"
external unsafe_get : string -> int -> char = "%string_unsafe_get"
external create : int -> bytes = "caml_create_bytes"
external set : bytes -> int -> char -> unit = "%bytes_safe_set"
external unsafe_set : bytes -> int -> char -> unit = "%bytes_unsafe_set"
external unsafe_blit : string -> int -> bytes -> int -> int -> unit = "caml_blit_string"
external unsafe_fill : bytes -> int -> int -> char -> unit = "caml_fill_bytes"
external equal : string -> string -> bool = "caml_string_equal"
external compare : string -> string -> int = "caml_string_compare"

type t = string

let bos = Bytes.unsafe_of_string
let bts = Bytes.unsafe_to_string

let make n c = bts (Bytes.make n c)
let init n f = bts (Bytes.init n f)
let empty = ""
let of_bytes = Bytes.to_string
let to_bytes = Bytes.of_string
let copy s = bts (Bytes.copy (bos s))
let sub s ofs len = bts (Bytes.sub (bos s) ofs len)
let fill = Bytes.fill
let blit = Bytes.blit_string

let concat sep parts =
  match parts with
  | [] -> ""
  | _ ->
    let seplen = length sep in
    let total, count =
      List.fold_left
        (fun (total, count) p ->
          let t = total + length p in
          if t < total then invalid_arg "String.concat" else (t, count + 1))
        (0, 0) parts
    in
    let total = total + (seplen * (count - 1)) in
    if total < 0 then invalid_arg "String.concat";
    let r = create total in
    let rec put pos = function
      | [] -> ()
      | [ p ] -> unsafe_blit p 0 r pos (length p)
      | p :: rest ->
        unsafe_blit p 0 r pos (length p);
        unsafe_blit sep 0 r (pos + length p) seplen;
        put (pos + length p + seplen) rest
    in
    put 0 parts;
    bts r

let cat = ( ^ )

let starts_with ~prefix s = Bytes.starts_with ~prefix:(bos prefix) (bos s)
let ends_with ~suffix s = Bytes.ends_with ~suffix:(bos suffix) (bos s)
let contains_from s i c = Bytes.contains_from (bos s) i c
let rcontains_from s i c = Bytes.rcontains_from (bos s) i c
let contains s c = Bytes.contains (bos s) c

let split_on_char sep s = List.map bts (Bytes.split_on_char sep (bos s))

let map f s = bts (Bytes.map f (bos s))
let mapi f s = bts (Bytes.mapi f (bos s))
let fold_left f acc s = Bytes.fold_left f acc (bos s)
let fold_right f s acc = Bytes.fold_right f (bos s) acc
let for_all p s = Bytes.for_all p (bos s)
let exists p s = Bytes.exists p (bos s)
let iter f s = Bytes.iter f (bos s)
let iteri f s = Bytes.iteri f (bos s)

let is_space = function ' ' | '\012' | '\n' | '\r' | '\t' -> true | _ -> false

let trim s =
  let n = length s in
  if n = 0 || not (is_space (unsafe_get s 0) || is_space (unsafe_get s (n - 1))) then s
  else bts (Bytes.trim (bos s))

(* A string that needs no escape is returned as is. *)
let escaped s =
  let rec needs i =
    i < length s
    && (match unsafe_get s i with '"' | '\\' -> true | ' ' .. '~' -> needs (i + 1) | _ -> true)
  in
  if needs 0 then bts (Bytes.escaped (bos s)) else s

let uppercase_ascii s = bts (Bytes.uppercase_ascii (bos s))
let lowercase_ascii s = bts (Bytes.lowercase_ascii (bos s))
let capitalize_ascii s = bts (Bytes.capitalize_ascii (bos s))
let uncapitalize_ascii s = bts (Bytes.uncapitalize_ascii (bos s))
let uppercase s = bts (Bytes.uppercase (bos s))
let lowercase s = bts (Bytes.lowercase (bos s))
let capitalize s = bts (Bytes.capitalize (bos s))
let uncapitalize s = bts (Bytes.uncapitalize (bos s))

let index s c = Bytes.index (bos s) c
let index_opt s c = Bytes.index_opt (bos s) c
let rindex s c = Bytes.rindex (bos s) c
let rindex_opt s c = Bytes.rindex_opt (bos s) c
let index_from s i c = Bytes.index_from (bos s) i c
let index_from_opt s i c = Bytes.index_from_opt (bos s) i c
let rindex_from s i c = Bytes.rindex_from (bos s) i c
let rindex_from_opt s i c = Bytes.rindex_from_opt (bos s) i c

let to_seq s = Bytes.to_seq (bos s)
let to_seqi s = Bytes.to_seqi (bos s)
let of_seq seq = bts (Bytes.of_seq seq)

let get_uint8 s i = Bytes.get_uint8 (bos s) i
let get_int8 s i = Bytes.get_int8 (bos s) i
let get_uint16_ne s i = Bytes.get_uint16_ne (bos s) i
let get_uint16_be s i = Bytes.get_uint16_be (bos s) i
let get_uint16_le s i = Bytes.get_uint16_le (bos s) i
let get_int16_ne s i = Bytes.get_int16_ne (bos s) i
let get_int16_be s i = Bytes.get_int16_be (bos s) i
let get_int16_le s i = Bytes.get_int16_le (bos s) i
let get_int32_ne s i = Bytes.get_int32_ne (bos s) i
let get_int32_be s i = Bytes.get_int32_be (bos s) i
let get_int32_le s i = Bytes.get_int32_le (bos s) i
let get_int64_ne s i = Bytes.get_int64_ne (bos s) i
let get_int64_be s i = Bytes.get_int64_be (bos s) i
let get_int64_le s i = Bytes.get_int64_le (bos s) i

(* UTF decoding (OCaml 4.14), shared with Bytes. *)
let get_utf_8_uchar s i = Bytes.get_utf_8_uchar (Bytes.unsafe_of_string s) i
let is_valid_utf_8 s = Bytes.is_valid_utf_8 (Bytes.unsafe_of_string s)
let get_utf_16be_uchar s i = Bytes.get_utf_16be_uchar (Bytes.unsafe_of_string s) i
let is_valid_utf_16be s = Bytes.is_valid_utf_16be (Bytes.unsafe_of_string s)
let get_utf_16le_uchar s i = Bytes.get_utf_16le_uchar (Bytes.unsafe_of_string s) i
let is_valid_utf_16le s = Bytes.is_valid_utf_16le (Bytes.unsafe_of_string s)
