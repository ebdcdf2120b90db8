(* Mutable byte sequences. *)

external length : bytes -> int = "%bytes_length"
external get : bytes -> int -> char = "%bytes_safe_get"
external set : bytes -> int -> char -> unit = "%bytes_safe_set"
external create : int -> bytes = "caml_create_bytes"
external unsafe_get : bytes -> int -> char = "%bytes_unsafe_get"
external unsafe_set : bytes -> int -> char -> unit = "%bytes_unsafe_set"
external unsafe_blit : bytes -> int -> bytes -> int -> int -> unit = "caml_blit_bytes"
external unsafe_blit_string : string -> int -> bytes -> int -> int -> unit = "caml_blit_string"
external unsafe_fill : bytes -> int -> int -> char -> unit = "caml_fill_bytes"
external unsafe_to_string : bytes -> string = "%bytes_to_string"
external unsafe_of_string : string -> bytes = "%bytes_of_string"
external string_length : string -> int = "%string_length"

type t = bytes

let make n c =
  let b = create n in
  unsafe_fill b 0 n c;
  b

let init n f =
  let b = create n in
  for i = 0 to n - 1 do
    unsafe_set b i (f i)
  done;
  b

let empty = create 0

let copy b =
  let n = length b in
  let r = create n in
  unsafe_blit b 0 r 0 n;
  r

let to_string b = unsafe_to_string (copy b)
let of_string s = copy (unsafe_of_string s)

let sub b ofs len =
  if ofs < 0 || len < 0 || ofs > length b - len then invalid_arg "String.sub / Bytes.sub"
  else begin
    let r = create len in
    unsafe_blit b ofs r 0 len;
    r
  end

let sub_string b ofs len = unsafe_to_string (sub b ofs len)

(* Sum of two lengths, failing on overflow like the size checks of the runtime. *)
let add_lengths a b what =
  let s = a + b in
  if (a >= 0 && b >= 0 && s < 0) then invalid_arg what else s

let extend b left right =
  let n = length b in
  let len = add_lengths (add_lengths n left "Bytes.extend") right "Bytes.extend" in
  let r = create len in
  (* the part of b that survives starts at max 0 (-left) in b and at max 0 left in r *)
  let src_ofs, dst_ofs = if left < 0 then (-left, 0) else (0, left) in
  let keep = min (n - src_ofs) (len - dst_ofs) in
  if keep > 0 then unsafe_blit b src_ofs r dst_ofs keep;
  r

let fill b ofs len c =
  if ofs < 0 || len < 0 || ofs > length b - len then invalid_arg "String.fill / Bytes.fill"
  else unsafe_fill b ofs len c

let blit src so dst d len =
  if len < 0 || so < 0 || so > length src - len || d < 0 || d > length dst - len then
    invalid_arg "Bytes.blit"
  else unsafe_blit src so dst d len

let blit_string src so dst d len =
  if len < 0 || so < 0 || so > string_length src - len || d < 0 || d > length dst - len then
    invalid_arg "String.blit / Bytes.blit_string"
  else unsafe_blit_string src so dst d len

let concat sep parts =
  match parts with
  | [] -> empty
  | first :: rest ->
    let seplen = length sep in
    let total =
      List.fold_left (fun acc p -> add_lengths (add_lengths acc seplen "Bytes.concat") (length p) "Bytes.concat")
        (length first) rest
    in
    let r = create total in
    unsafe_blit first 0 r 0 (length first);
    let pos = ref (length first) in
    List.iter
      (fun p ->
        unsafe_blit sep 0 r !pos seplen;
        unsafe_blit p 0 r (!pos + seplen) (length p);
        pos := !pos + seplen + length p)
      rest;
    r

let cat a b =
  let la = length a and lb = length b in
  let r = create (add_lengths la lb "Bytes.cat") in
  unsafe_blit a 0 r 0 la;
  unsafe_blit b 0 r la lb;
  r

let iter f b =
  for i = 0 to length b - 1 do
    f (unsafe_get b i)
  done

let iteri f b =
  for i = 0 to length b - 1 do
    f i (unsafe_get b i)
  done

let map f b =
  let n = length b in
  if n = 0 then b
  else begin
    let r = create n in
    for i = 0 to n - 1 do
      unsafe_set r i (f (unsafe_get b i))
    done;
    r
  end

let mapi f b =
  let n = length b in
  if n = 0 then b
  else begin
    let r = create n in
    for i = 0 to n - 1 do
      unsafe_set r i (f i (unsafe_get b i))
    done;
    r
  end

let fold_left f acc b =
  let acc = ref acc in
  for i = 0 to length b - 1 do
    acc := f !acc (unsafe_get b i)
  done;
  !acc

let fold_right f b acc =
  let acc = ref acc in
  for i = length b - 1 downto 0 do
    acc := f (unsafe_get b i) !acc
  done;
  !acc

let for_all p b =
  let n = length b in
  let rec go i = i >= n || (p (unsafe_get b i) && go (i + 1)) in
  go 0

let exists p b =
  let n = length b in
  let rec go i = i < n && (p (unsafe_get b i) || go (i + 1)) in
  go 0

let is_space = function ' ' | '\012' | '\n' | '\r' | '\t' -> true | _ -> false

let trim b =
  let n = length b in
  let i = ref 0 in
  while !i < n && is_space (unsafe_get b !i) do
    incr i
  done;
  let j = ref (n - 1) in
  while !j >= !i && is_space (unsafe_get b !j) do
    decr j
  done;
  if !j >= !i then sub b !i (!j - !i + 1) else empty

(* The escaped form of one byte inside an OCaml string literal. *)
let escape_char c =
  match c with
  | '"' -> "\\\""
  | '\\' -> "\\\\"
  | '\n' -> "\\n"
  | '\t' -> "\\t"
  | '\r' -> "\\r"
  | '\b' -> "\\b"
  | ' ' .. '~' -> ""
  | _ -> Char.escaped c

let escaped b =
  let n = length b in
  let extra = ref 0 in
  for i = 0 to n - 1 do
    let e = string_length (escape_char (unsafe_get b i)) in
    if e > 0 then extra := !extra + e - 1
  done;
  if !extra = 0 then copy b
  else begin
    let r = create (n + !extra) in
    let pos = ref 0 in
    for i = 0 to n - 1 do
      let c = unsafe_get b i in
      let e = escape_char c in
      let el = string_length e in
      if el = 0 then (unsafe_set r !pos c; incr pos)
      else (unsafe_blit_string e 0 r !pos el; pos := !pos + el)
    done;
    r
  end

(* Searching *)

let rec index_rec b n i c =
  if i >= n then raise Not_found else if unsafe_get b i = c then i else index_rec b n (i + 1) c

let rec index_rec_opt b n i c =
  if i >= n then None else if unsafe_get b i = c then Some i else index_rec_opt b n (i + 1) c

let index b c = index_rec b (length b) 0 c
let index_opt b c = index_rec_opt b (length b) 0 c

let index_from b i c =
  let n = length b in
  if i < 0 || i > n then invalid_arg "String.index_from / Bytes.index_from" else index_rec b n i c

let index_from_opt b i c =
  let n = length b in
  if i < 0 || i > n then invalid_arg "String.index_from_opt / Bytes.index_from_opt"
  else index_rec_opt b n i c

let rec rindex_rec b i c =
  if i < 0 then raise Not_found else if unsafe_get b i = c then i else rindex_rec b (i - 1) c

let rec rindex_rec_opt b i c =
  if i < 0 then None else if unsafe_get b i = c then Some i else rindex_rec_opt b (i - 1) c

let rindex b c = rindex_rec b (length b - 1) c
let rindex_opt b c = rindex_rec_opt b (length b - 1) c

let rindex_from b i c =
  if i < -1 || i >= length b then invalid_arg "String.rindex_from / Bytes.rindex_from"
  else rindex_rec b i c

let rindex_from_opt b i c =
  if i < -1 || i >= length b then invalid_arg "String.rindex_from_opt / Bytes.rindex_from_opt"
  else rindex_rec_opt b i c

let contains_from b i c =
  let n = length b in
  if i < 0 || i > n then invalid_arg "String.contains_from / Bytes.contains_from"
  else index_rec_opt b n i c <> None

let contains b c = contains_from b 0 c

let rcontains_from b i c =
  if i < 0 || i >= length b then invalid_arg "String.rcontains_from / Bytes.rcontains_from"
  else rindex_rec_opt b i c <> None

(* Case mapping *)

let uppercase_ascii b = map Char.uppercase_ascii b
let lowercase_ascii b = map Char.lowercase_ascii b
let uppercase b = map Char.uppercase b
let lowercase b = map Char.lowercase b

let map_first f b =
  if length b = 0 then b
  else begin
    let r = copy b in
    unsafe_set r 0 (f (unsafe_get b 0));
    r
  end

let capitalize_ascii b = map_first Char.uppercase_ascii b
let uncapitalize_ascii b = map_first Char.lowercase_ascii b
let capitalize b = map_first Char.uppercase b
let uncapitalize b = map_first Char.lowercase b

(* Comparison *)

external compare : t -> t -> int = "caml_bytes_compare"
external equal : t -> t -> bool = "caml_bytes_equal"

let starts_with ~prefix b =
  let n = length b and np = length prefix in
  let rec same i = i >= np || (unsafe_get b i = unsafe_get prefix i && same (i + 1)) in
  n >= np && same 0

let ends_with ~suffix b =
  let n = length b and ns = length suffix in
  let rec same i = i >= ns || (unsafe_get b (n - ns + i) = unsafe_get suffix i && same (i + 1)) in
  n >= ns && same 0

let split_on_char sep b =
  let rec go acc stop i =
    if i < 0 then sub b 0 stop :: acc
    else if unsafe_get b i = sep then go (sub b (i + 1) (stop - i - 1) :: acc) i (i - 1)
    else go acc stop (i - 1)
  in
  let n = length b in
  go [] n (n - 1)

(* Sequences: bytes are read when the sequence is forced. *)

let to_seq b =
  let rec from i () = if i >= length b then Seq.Nil else Seq.Cons (unsafe_get b i, from (i + 1)) in
  from 0

let to_seqi b =
  let rec from i () = if i >= length b then Seq.Nil else Seq.Cons ((i, unsafe_get b i), from (i + 1)) in
  from 0

let of_seq s =
  let buf = ref (create 16) and len = ref 0 in
  Seq.iter
    (fun c ->
      if !len >= length !buf then begin
        let cap = min (2 * length !buf) Sys.max_string_length in
        if cap <= !len then failwith "Bytes.of_seq: cannot grow bytes";
        let bigger = create cap in
        unsafe_blit !buf 0 bigger 0 !len;
        buf := bigger
      end;
      unsafe_set !buf !len c;
      incr len)
    s;
  sub !buf 0 !len

(* Binary encodings. The runtime reads and writes in the machine's order ("ne"); the other
   order is a byte swap. *)

external get16_ne : bytes -> int -> int = "caml_bytes_get16"
external get32_ne : bytes -> int -> int32 = "caml_bytes_get32"
external get64_ne : bytes -> int -> int64 = "caml_bytes_get64"
external set16_ne : bytes -> int -> int -> unit = "caml_bytes_set16"
external set32_ne : bytes -> int -> int32 -> unit = "caml_bytes_set32"
external set64_ne : bytes -> int -> int64 -> unit = "caml_bytes_set64"
external swap16 : int -> int = "caml_bswap16"
external swap32 : int32 -> int32 = "caml_int32_bswap"
external swap64 : int64 -> int64 = "caml_int64_bswap"

let sign_extend bits n = (n lsl (Sys.int_size - bits)) asr (Sys.int_size - bits)

let get_uint8 b i = Char.code (get b i)
let get_int8 b i = sign_extend 8 (get_uint8 b i)
let get_uint16_ne b i = get16_ne b i
let get_uint16_le b i = if Sys.big_endian then swap16 (get16_ne b i) else get16_ne b i
let get_uint16_be b i = if Sys.big_endian then get16_ne b i else swap16 (get16_ne b i)
let get_int16_ne b i = sign_extend 16 (get_uint16_ne b i)
let get_int16_le b i = sign_extend 16 (get_uint16_le b i)
let get_int16_be b i = sign_extend 16 (get_uint16_be b i)
let get_int32_ne b i = get32_ne b i
let get_int32_le b i = if Sys.big_endian then swap32 (get32_ne b i) else get32_ne b i
let get_int32_be b i = if Sys.big_endian then get32_ne b i else swap32 (get32_ne b i)
let get_int64_ne b i = get64_ne b i
let get_int64_le b i = if Sys.big_endian then swap64 (get64_ne b i) else get64_ne b i
let get_int64_be b i = if Sys.big_endian then get64_ne b i else swap64 (get64_ne b i)

let set_uint8 b i n = set b i (Char.unsafe_chr (n land 0xff))
let set_int8 = set_uint8
let set_uint16_ne b i n = set16_ne b i n
let set_uint16_le b i n = if Sys.big_endian then set16_ne b i (swap16 n) else set16_ne b i n
let set_uint16_be b i n = if Sys.big_endian then set16_ne b i n else set16_ne b i (swap16 n)
let set_int16_ne = set_uint16_ne
let set_int16_le = set_uint16_le
let set_int16_be = set_uint16_be
let set_int32_ne b i n = set32_ne b i n
let set_int32_le b i n = if Sys.big_endian then set32_ne b i (swap32 n) else set32_ne b i n
let set_int32_be b i n = if Sys.big_endian then set32_ne b i n else set32_ne b i (swap32 n)
let set_int64_ne b i n = set64_ne b i n
let set_int64_le b i n = if Sys.big_endian then set64_ne b i (swap64 n) else set64_ne b i n
let set_int64_be b i n = if Sys.big_endian then set64_ne b i n else set64_ne b i (swap64 n)

(* UTF-8 and UTF-16 (OCaml 4.14). Invalid input decodes to U+FFFD over the longest prefix of a
   well-formed sequence (at least one byte), as Unicode recommends. *)

let check_utf_index b i = if i < 0 || i >= length b then invalid_arg "index out of bounds"

let get_utf_8_uchar b i =
  check_utf_index b i;
  let last = length b - 1 in
  let byte k = Char.code (unsafe_get b k) in
  let cont k = i + k <= last && byte (i + k) land 0xC0 = 0x80 in
  let in_range k lo hi = i + k <= last && byte (i + k) >= lo && byte (i + k) <= hi in
  let b0 = byte i in
  let decoded n code = Uchar.utf_decode n (Uchar.unsafe_of_int code) in
  let c k = byte (i + k) land 0x3F in
  if b0 <= 0x7F then decoded 1 b0
  else if b0 <= 0xC1 then Uchar.utf_decode_invalid 1
  else if b0 <= 0xDF then
    if cont 1 then decoded 2 (((b0 land 0x1F) lsl 6) lor c 1) else Uchar.utf_decode_invalid 1
  else if b0 <= 0xEF then
    let lo, hi = match b0 with 0xE0 -> (0xA0, 0xBF) | 0xED -> (0x80, 0x9F) | _ -> (0x80, 0xBF) in
    if not (in_range 1 lo hi) then Uchar.utf_decode_invalid 1
    else if not (cont 2) then Uchar.utf_decode_invalid 2
    else decoded 3 (((b0 land 0x0F) lsl 12) lor (c 1 lsl 6) lor c 2)
  else if b0 <= 0xF4 then
    let lo, hi = match b0 with 0xF0 -> (0x90, 0xBF) | 0xF4 -> (0x80, 0x8F) | _ -> (0x80, 0xBF) in
    if not (in_range 1 lo hi) then Uchar.utf_decode_invalid 1
    else if not (cont 2) then Uchar.utf_decode_invalid 2
    else if not (cont 3) then Uchar.utf_decode_invalid 3
    else decoded 4 (((b0 land 0x07) lsl 18) lor (c 1 lsl 12) lor (c 2 lsl 6) lor c 3)
  else Uchar.utf_decode_invalid 1

(* Returns the number of bytes written, 0 when the character does not fit. *)
let set_utf_8_uchar b i u =
  check_utf_index b i;
  let n = Uchar.to_int u in
  let room = length b - i in
  let put k v = unsafe_set b (i + k) (Char.unsafe_chr v) in
  if n <= 0x7F then (put 0 n; 1)
  else if n <= 0x7FF then
    if room < 2 then 0 else (put 0 (0xC0 lor (n lsr 6)); put 1 (0x80 lor (n land 0x3F)); 2)
  else if n <= 0xFFFF then
    if room < 3 then 0
    else begin
      put 0 (0xE0 lor (n lsr 12));
      put 1 (0x80 lor ((n lsr 6) land 0x3F));
      put 2 (0x80 lor (n land 0x3F));
      3
    end
  else if room < 4 then 0
  else begin
    put 0 (0xF0 lor (n lsr 18));
    put 1 (0x80 lor ((n lsr 12) land 0x3F));
    put 2 (0x80 lor ((n lsr 6) land 0x3F));
    put 3 (0x80 lor (n land 0x3F));
    4
  end

let is_valid_with get b =
  let rec from i =
    i >= length b
    || (let d = get b i in Uchar.utf_decode_is_valid d && from (i + Uchar.utf_decode_length d))
  in
  from 0

let is_valid_utf_8 b = is_valid_with get_utf_8_uchar b

(* UTF-16: a high surrogate must be followed by a low one; a truncated sequence is invalid
   over the bytes that remain. *)
let get_utf_16_uchar read b i =
  check_utf_index b i;
  let last = length b - 1 in
  if i = last then Uchar.utf_decode_invalid 1
  else
    let w = read b i in
    if w < 0xD800 || w > 0xDFFF then Uchar.utf_decode 2 (Uchar.unsafe_of_int w)
    else if w > 0xDBFF then Uchar.utf_decode_invalid 2
    else if i + 3 > last then Uchar.utf_decode_invalid (last - i + 1)
    else
      let lo = read b (i + 2) in
      if lo < 0xDC00 || lo > 0xDFFF then Uchar.utf_decode_invalid 2
      else
        Uchar.utf_decode 4 (Uchar.unsafe_of_int ((((w land 0x3FF) lsl 10) lor (lo land 0x3FF)) + 0x10000))

let set_utf_16_uchar write b i u =
  check_utf_index b i;
  let n = Uchar.to_int u in
  let room = length b - i in
  if n <= 0xFFFF then if room < 2 then 0 else (write b i n; 2)
  else if room < 4 then 0
  else begin
    let m = n - 0x10000 in
    write b i (0xD800 lor (m lsr 10));
    write b (i + 2) (0xDC00 lor (m land 0x3FF));
    4
  end

let get_utf_16be_uchar b i = get_utf_16_uchar get_uint16_be b i
let set_utf_16be_uchar b i u = set_utf_16_uchar set_uint16_be b i u
let is_valid_utf_16be b = is_valid_with get_utf_16be_uchar b
let get_utf_16le_uchar b i = get_utf_16_uchar get_uint16_le b i
let set_utf_16le_uchar b i u = set_utf_16_uchar set_uint16_le b i u
let is_valid_utf_16le b = is_valid_with get_utf_16le_uchar b
