(* Extensible byte buffers: a byte array with spare room, doubled when full. *)

type t = { mutable bytes : bytes; mutable len : int; initial : bytes }

let create n =
  let n = if n < 1 then 1 else if n > Sys.max_string_length then Sys.max_string_length else n in
  let b = Bytes.create n in
  { bytes = b; len = 0; initial = b }

let contents b = Bytes.sub_string b.bytes 0 b.len
let to_bytes b = Bytes.sub b.bytes 0 b.len

let sub b ofs len =
  if ofs < 0 || len < 0 || ofs > b.len - len then invalid_arg "Buffer.sub"
  else Bytes.sub_string b.bytes ofs len

let blit b so dst d len =
  if len < 0 || so < 0 || so > b.len - len || d < 0 || d > Bytes.length dst - len then
    invalid_arg "Buffer.blit"
  else Bytes.unsafe_blit b.bytes so dst d len

let nth b i = if i < 0 || i >= b.len then invalid_arg "Buffer.nth" else Bytes.unsafe_get b.bytes i
let length b = b.len
let clear b = b.len <- 0

let reset b =
  b.len <- 0;
  b.bytes <- b.initial

(* Make room for [more] bytes past the current length. *)
let grow b more =
  let needed = b.len + more in
  if needed > Bytes.length b.bytes then begin
    if needed > Sys.max_string_length || needed < 0 then failwith "Buffer.add: cannot grow buffer";
    let cap = ref (Bytes.length b.bytes) in
    while !cap < needed do
      cap := 2 * !cap
    done;
    let cap = if !cap > Sys.max_string_length then Sys.max_string_length else !cap in
    let nb = Bytes.create cap in
    Bytes.unsafe_blit b.bytes 0 nb 0 b.len;
    b.bytes <- nb
  end

let output_buffer oc b = output oc b.bytes 0 b.len

let truncate b len = if len < 0 || len > b.len then invalid_arg "Buffer.truncate" else b.len <- len

let add_char b c =
  if b.len >= Bytes.length b.bytes then grow b 1;
  Bytes.unsafe_set b.bytes b.len c;
  b.len <- b.len + 1

let add_byte b n = add_char b (Char.unsafe_chr (n land 0xff))

let add_utf_8_uchar b u =
  let c = Uchar.to_int u in
  if c < 0x80 then add_byte b c
  else if c < 0x800 then begin
    add_byte b (0xC0 lor (c lsr 6));
    add_byte b (0x80 lor (c land 0x3F))
  end
  else if c < 0x10000 then begin
    add_byte b (0xE0 lor (c lsr 12));
    add_byte b (0x80 lor ((c lsr 6) land 0x3F));
    add_byte b (0x80 lor (c land 0x3F))
  end
  else begin
    add_byte b (0xF0 lor (c lsr 18));
    add_byte b (0x80 lor ((c lsr 12) land 0x3F));
    add_byte b (0x80 lor ((c lsr 6) land 0x3F));
    add_byte b (0x80 lor (c land 0x3F))
  end

(* UTF-16: code points above 0xFFFF become a surrogate pair. *)
let add_utf_16 add_unit b u =
  let c = Uchar.to_int u in
  if c < 0x10000 then add_unit b c
  else begin
    let c' = c - 0x10000 in
    add_unit b (0xD800 lor (c' lsr 10));
    add_unit b (0xDC00 lor (c' land 0x3FF))
  end

let add_unit_be b n = add_byte b (n lsr 8); add_byte b n
let add_unit_le b n = add_byte b n; add_byte b (n lsr 8)
let add_utf_16be_uchar b u = add_utf_16 add_unit_be b u
let add_utf_16le_uchar b u = add_utf_16 add_unit_le b u

(* The room check is made here so that the common case makes no call to [grow]. *)
let add_substring b s ofs len =
  if ofs < 0 || len < 0 || ofs > String.length s - len then invalid_arg "Buffer.add_substring/add_subbytes"
  else begin
    if b.len + len > Bytes.length b.bytes then grow b len;
    Bytes.unsafe_blit_string s ofs b.bytes b.len len;
    b.len <- b.len + len
  end

let add_subbytes b by ofs len = add_substring b (Bytes.unsafe_to_string by) ofs len

let add_string b s =
  let len = String.length s in
  if b.len + len > Bytes.length b.bytes then grow b len;
  Bytes.unsafe_blit_string s 0 b.bytes b.len len;
  b.len <- b.len + len
let add_bytes b by = add_string b (Bytes.unsafe_to_string by)
let add_buffer b other = add_subbytes b other.bytes 0 other.len

(* Reads up to n bytes; on end of file the bytes read so far stay in the buffer and
   End_of_file is raised. *)
let add_channel b ic n =
  if n < 0 || n > Sys.max_string_length then invalid_arg "Buffer.add_channel"
  else begin
    grow b n;
    let rec read got =
      if got < n then begin
        let r = input ic b.bytes (b.len + got) (n - got) in
        if r = 0 then got else read (got + r)
      end
      else got
    in
    let got = read 0 in
    b.len <- b.len + got;
    if got < n then raise End_of_file
  end

(* Substitution of $name, $(name) and ${name}; a backslash before $ makes it literal. *)
let add_substitute b f s =
  let n = String.length s in
  let is_ident_char = function 'A' .. 'Z' | 'a' .. 'z' | '0' .. '9' | '_' -> true | _ -> false in
  (* the variable starting at i (just after '$'): its name and the index after it *)
  let variable i =
    if i >= n then raise Not_found
    else
      match s.[i] with
      | ('(' | '{') as opening ->
        let closing = if opening = '(' then ')' else '}' in
        let rec close j depth =
          if j >= n then raise Not_found
          else if s.[j] = opening then close (j + 1) (depth + 1)
          else if s.[j] = closing then (if depth = 0 then j else close (j + 1) (depth - 1))
          else close (j + 1) depth
        in
        let j = close (i + 1) 0 in
        (String.sub s (i + 1) (j - i - 1), j + 1)
      | _ ->
        let j = ref i in
        while !j < n && is_ident_char s.[!j] do
          incr j
        done;
        (String.sub s i (!j - i), !j)
  in
  let rec scan i escaped =
    if i >= n then (if escaped then add_char b '\\')
    else
      match s.[i] with
      | '$' when escaped -> add_char b '$'; scan (i + 1) false
      | '$' ->
        let name, next = variable (i + 1) in
        add_string b (f name);
        scan next false
      | c when escaped -> add_char b '\\'; add_char b c; scan (i + 1) false
      | '\\' -> scan (i + 1) true
      | c -> add_char b c; scan (i + 1) false
  in
  scan 0 false

let to_seq b =
  let rec from i () = if i >= b.len then Seq.Nil else Seq.Cons (Bytes.get b.bytes i, from (i + 1)) in
  from 0

let to_seqi b =
  let rec from i () = if i >= b.len then Seq.Nil else Seq.Cons ((i, Bytes.get b.bytes i), from (i + 1)) in
  from 0

let add_seq b seq = Seq.iter (add_char b) seq

let of_seq seq =
  let b = create 32 in
  add_seq b seq;
  b

(* Binary encodings, through a small scratch array and the Bytes setters. *)
let add_encoded b size set v =
  let scratch = Bytes.create size in
  set scratch 0 v;
  add_bytes b scratch

let add_uint8 b n = add_byte b n
let add_int8 b n = add_byte b n
let add_uint16_ne b n = add_encoded b 2 Bytes.set_uint16_ne n
let add_uint16_be b n = add_encoded b 2 Bytes.set_uint16_be n
let add_uint16_le b n = add_encoded b 2 Bytes.set_uint16_le n
let add_int16_ne b n = add_encoded b 2 Bytes.set_int16_ne n
let add_int16_be b n = add_encoded b 2 Bytes.set_int16_be n
let add_int16_le b n = add_encoded b 2 Bytes.set_int16_le n
let add_int32_ne b n = add_encoded b 4 Bytes.set_int32_ne n
let add_int32_be b n = add_encoded b 4 Bytes.set_int32_be n
let add_int32_le b n = add_encoded b 4 Bytes.set_int32_le n
let add_int64_ne b n = add_encoded b 8 Bytes.set_int64_ne n
let add_int64_be b n = add_encoded b 8 Bytes.set_int64_be n
let add_int64_le b n = add_encoded b 8 Bytes.set_int64_le n
