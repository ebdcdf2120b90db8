(* Formatted input. A format (the GADT of CamlinternalFormatBasics) is walked conversion by
   conversion; each conversion reads characters from a scanning buffer into a token buffer,
   converts the token, and the results are collected in a typed list that is finally applied
   to the user's function. *)

module Scanning = struct
  type source =
    | From_channel of Stdlib.in_channel
    | From_file of string * Stdlib.in_channel
    | From_function
    | From_string

  (* A one-character look-ahead over a character source: [current] is valid after a peek and
     until the character is consumed ([consume]). *)
  type in_channel = {
    mutable at_eof : bool;
    mutable current : char;
    mutable has_current : bool;
    mutable chars : int;
    mutable lines : int;
    mutable tokens : int;
    read : unit -> char; (* raises End_of_file *)
    token_buffer : Buffer.t;
    source : source;
  }

  type scanbuf = in_channel
  type file_name = string

  let make source read =
    { at_eof = false; current = '\000'; has_current = false; chars = 0; lines = 0; tokens = 0;
      read; token_buffer = Buffer.create 1024; source }

  let next_char ib =
    match ib.read () with
    | c ->
      ib.current <- c;
      ib.has_current <- true;
      ib.chars <- ib.chars + 1;
      if c = '\n' then ib.lines <- ib.lines + 1;
      c
    | exception End_of_file ->
      ib.current <- '\000';
      ib.has_current <- false;
      ib.at_eof <- true;
      '\000'

  let peek_char ib = if ib.has_current then ib.current else next_char ib

  let checked_peek_char ib =
    let c = peek_char ib in
    if ib.at_eof then raise End_of_file;
    c

  let end_of_input ib = ignore (peek_char ib); ib.at_eof
  let eof ib = ib.at_eof
  let beginning_of_input ib = ib.chars = 0

  let name_of_input ib =
    match ib.source with
    | From_channel _ -> "unnamed Stdlib input channel"
    | From_file (name, _) -> name
    | From_function -> "unnamed function"
    | From_string -> "unnamed character string"

  (* The number of characters consumed (a peeked character is not consumed yet). *)
  let char_count ib = if ib.has_current then ib.chars - 1 else ib.chars
  let line_count ib = ib.lines
  let token_count ib = ib.tokens
  let consume ib = ib.has_current <- false

  let token ib =
    let s = Buffer.contents ib.token_buffer in
    Buffer.clear ib.token_buffer;
    ib.tokens <- ib.tokens + 1;
    s

  let reset_token ib = Buffer.reset ib.token_buffer

  (* Width bookkeeping: each function returns the width left for the current token. *)
  let skip_char width ib = consume ib; width
  let ignore_char width ib = skip_char (width - 1) ib
  let store_char width ib c = Buffer.add_char ib.token_buffer c; ignore_char width ib

  let from_string s =
    let pos = ref 0 in
    make From_string (fun () ->
        if !pos >= String.length s then raise End_of_file
        else begin
          let c = s.[!pos] in
          incr pos;
          c
        end)

  let from_function read = make From_function read

  (* Channels are read by blocks; at the end of input the channel is closed if the scanning
     buffer opened it. *)
  let from_ic ~close source ic =
    let block = Bytes.create 1024 in
    let pos = ref 0 and len = ref 0 in
    let read () =
      if !pos < !len then begin
        let c = Bytes.get block !pos in
        incr pos;
        c
      end
      else begin
        len := input ic block 0 (Bytes.length block);
        if !len = 0 then begin
          if close then Stdlib.close_in ic;
          raise End_of_file
        end;
        pos := 1;
        Bytes.get block 0
      end
    in
    make source read

  let stdin = from_ic ~close:false (From_file ("-", Stdlib.stdin)) Stdlib.stdin
  let stdib = stdin

  let open_in_gen open_channel name =
    if name = "-" then stdin
    else
      let ic = open_channel name in
      from_ic ~close:true (From_file (name, ic)) ic

  let open_in = open_in_gen Stdlib.open_in
  let open_in_bin = open_in_gen Stdlib.open_in_bin
  let from_file = open_in
  let from_file_bin = open_in_bin

  let from_channel ic = from_ic ~close:false (From_channel ic) ic

  (* fscanf keeps one scanning buffer per channel, so that the look-ahead character and the
     rest of a read block are not lost between calls. *)
  let known_channels = ref []

  let memo_from_channel ic =
    match List.assq_opt ic !known_channels with
    | Some ib -> ib
    | None ->
      let ib = from_channel ic in
      known_channels := (ic, ib) :: !known_channels;
      ib

  let close_in ib =
    match ib.source with
    | From_channel ic | From_file (_, ic) -> Stdlib.close_in ic
    | From_function | From_string -> ()
end

open CamlinternalFormatBasics

external magic : 'a -> 'b = "%identity"

type ('a, 'b, 'c, 'd) scanner = ('a, Scanning.in_channel, 'b, 'c, 'a -> 'd, 'd) format6 -> 'c

exception Scan_failure of string

let bad_input message = raise (Scan_failure message)
let character_mismatch expected found = bad_input (Printf.sprintf "looking for %C, found %C" expected found)
let bad_input_escape c = bad_input (Printf.sprintf "illegal escape character %C" c)

let bad_token_length what =
  bad_input (Printf.sprintf "scanning of %s failed: the specified length was too short for token" what)

let bad_end_of_input what =
  bad_input
    (Printf.sprintf "scanning of %s failed: premature end of file occurred before end of token" what)

let bad_float () = bad_input "no dot or exponent part found in float token"
let bad_hex_float () = bad_input "not a valid float in hexadecimal notation"

open Scanning

(* Literal characters of the format: a space matches any amount of white space, a newline
   matches "\n" or "\r\n". *)

let rec skip_whites ib =
  let c = peek_char ib in
  if not (eof ib) then
    match c with
    | ' ' | '\t' | '\n' | '\r' -> consume ib; skip_whites ib
    | _ -> ()

let expect_char ib c =
  let found = checked_peek_char ib in
  if found = c then consume ib else character_mismatch c found

let expect_newline ib =
  match checked_peek_char ib with
  | '\n' -> consume ib
  | '\r' -> consume ib; expect_char ib '\n'
  | found -> character_mismatch '\n' found

let check_char ib = function
  | ' ' -> skip_whites ib
  | '\n' -> expect_newline ib
  | c -> expect_char ib c

(* Integers *)

let is_decimal c = c >= '0' && c <= '9'
let is_binary c = c = '0' || c = '1'
let is_octal c = c >= '0' && c <= '7'
let is_hexadecimal c = is_decimal c || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')

let scan_sign width ib =
  match checked_peek_char ib with
  | ('+' | '-') as c -> store_char width ib c
  | _ -> width

(* Further digits, underscores skipped. *)
let rec digits_star is_digit width ib =
  if width = 0 then width
  else
    let c = peek_char ib in
    if eof ib then width
    else if is_digit c then digits_star is_digit (store_char width ib c) ib
    else if c = '_' then digits_star is_digit (ignore_char width ib) ib
    else width

let decimal_digits_plus width ib =
  if width = 0 then bad_token_length "decimal digits"
  else
    let c = checked_peek_char ib in
    if is_decimal c then digits_star is_decimal (store_char width ib c) ib
    else bad_input (Printf.sprintf "character %C is not a decimal digit" c)

let digits_plus base is_digit width ib =
  if width = 0 then bad_token_length "digits"
  else
    let c = checked_peek_char ib in
    if is_digit c then digits_star is_digit (store_char width ib c) ib
    else bad_input (Printf.sprintf "character %C is not a valid %s digit" c base)

let binary_plus = digits_plus "binary" is_binary
let octal_plus = digits_plus "octal" is_octal
let hexadecimal_plus = digits_plus "hexadecimal" is_hexadecimal

let signed_decimal width ib = decimal_digits_plus (scan_sign width ib) ib

(* %i: decimal, or 0x / 0o / 0b prefixed. *)
let signed_any_base width ib =
  let width = scan_sign width ib in
  match checked_peek_char ib with
  | '0' as c ->
    let width = store_char width ib c in
    if width = 0 then width
    else
      let c = peek_char ib in
      if eof ib then width
      else begin
        match c with
        | 'x' | 'X' -> hexadecimal_plus (store_char width ib c) ib
        | 'o' -> octal_plus (store_char width ib c) ib
        | 'b' -> binary_plus (store_char width ib c) ib
        | _ -> digits_star is_decimal width ib
      end
  | _ -> decimal_digits_plus width ib

(* The scanner and the prefix given to the token before conversion, per conversion letter. *)
let int_scanner_and_prefix iconv =
  match iconv with
  | Int_d | Int_pd | Int_sd | Int_Cd -> (signed_decimal, "")
  | Int_i | Int_pi | Int_si | Int_Ci -> (signed_any_base, "")
  | Int_u | Int_Cu -> (decimal_digits_plus, "")
  | Int_x | Int_Cx | Int_X | Int_CX -> (hexadecimal_plus, "0x")
  | Int_o | Int_Co -> (octal_plus, "0o")

let int_token prefix ib =
  let tok = prefix ^ token ib in
  let len = String.length tok in
  if len > 0 && tok.[0] = '+' then String.sub tok 1 (len - 1) else tok

(* Floats *)

let fraction_part width ib =
  if width = 0 then width
  else
    let c = peek_char ib in
    if eof ib then width
    else if is_decimal c then digits_star is_decimal (store_char width ib c) ib
    else width

let exponent_part width ib =
  if width = 0 then width
  else
    let c = peek_char ib in
    if eof ib then width
    else match c with
      | 'e' | 'E' -> signed_decimal (store_char width ib c) ib
      | _ -> width

(* At most [precision] digits after the dot. *)
let dot_fraction_exponent width precision ib c =
  let width = store_char width ib c in
  let precision = min width precision in
  let width = width - (precision - fraction_part precision ib) in
  exponent_part width ib

let scan_float width precision ib =
  let width = digits_star is_decimal (scan_sign width ib) ib in
  if width = 0 then width
  else
    let c = peek_char ib in
    if eof ib then width
    else match c with
      | '.' -> dot_fraction_exponent width precision ib c
      | _ -> exponent_part width ib

(* Hexadecimal floats: 0x digits [. digits] [p exponent], after the 0x. *)
let hex_float_rest width precision ib =
  let width = if width = 0 then bad_hex_float () else digits_star is_hexadecimal width ib in
  if width = 0 then width
  else
    let c = peek_char ib in
    if eof ib then width
    else
      let width, c =
        if c = '.' then
          let width = store_char width ib c in
          let precision = min width precision in
          let width = width - (precision - digits_star is_hexadecimal precision ib) in
          (width, if width = 0 || (ignore (peek_char ib); eof ib) then ' ' else peek_char ib)
        else (width, c)
      in
      match c with
      | 'p' | 'P' when width > 0 -> signed_decimal (store_char width ib c) ib
      | _ -> width

(* %F: an OCaml float literal, which needs a dot or an exponent (or the 0x form). *)
let scan_caml_float width precision ib =
  if width = 0 then bad_float ()
  else
    let width = scan_sign width ib in
    if width = 0 then bad_float ()
    else
      let decimal_rest width =
        let width = digits_star is_decimal width ib in
        if width = 0 then bad_float ()
        else
          let c = peek_char ib in
          if eof ib then bad_float ()
          else match c with
            | '.' -> dot_fraction_exponent width precision ib c
            | 'e' | 'E' -> exponent_part width ib
            | _ -> bad_float ()
      in
      match checked_peek_char ib with
      | '0' as c ->
        let width = store_char width ib c in
        if width = 0 then bad_float ()
        else
          let c = peek_char ib in
          if eof ib then bad_float ()
          else begin
            match c with
            | 'x' | 'X' -> hex_float_rest (store_char width ib c) precision ib
            | _ -> decimal_rest width
          end
      | '1' .. '9' as c -> decimal_rest (store_char width ib c)
      | _ -> bad_float ()

let float_token ib = float_of_string (token ib)

(* Strings and characters *)

(* A word: up to white space, or up to the stop character [stop] (which is skipped). *)
let scan_string stop width ib =
  let rec loop width =
    if width = 0 then width
    else
      let c = peek_char ib in
      if eof ib then width
      else match stop with
        | Some s when c = s -> skip_char width ib
        | Some _ -> loop (store_char width ib c)
        | None -> (
            match c with
            | ' ' | '\t' | '\n' | '\r' -> width
            | _ -> loop (store_char width ib c))
  in
  loop width

let next_char_of what width ib =
  if width = 0 then bad_token_length what
  else
    let c = peek_char ib in
    if eof ib then bad_end_of_input what else c

let digit_value c =
  match c with
  | '0' .. '9' -> Char.code c - Char.code '0'
  | 'a' .. 'f' -> Char.code c - Char.code 'a' + 10
  | _ -> Char.code c - Char.code 'A' + 10

(* After a backslash: the escaped character is stored. *)
let scan_escape width ib =
  match next_char_of "a Char" width ib with
  | '\\' | '\'' | '"' as c -> store_char width ib c
  | 'n' -> store_char width ib '\n'
  | 't' -> store_char width ib '\t'
  | 'b' -> store_char width ib '\b'
  | 'r' -> store_char width ib '\r'
  | '0' .. '9' as c0 ->
    let digit () = match next_char ib with '0' .. '9' as c -> c | c -> bad_input_escape c in
    let c1 = digit () in
    let c2 = digit () in
    let code = (100 * digit_value c0) + (10 * digit_value c1) + digit_value c2 in
    if code > 255 then bad_input (Printf.sprintf "bad character decimal encoding \\%c%c%c" c0 c1 c2)
    else store_char (width - 2) ib (Char.chr code)
  | 'x' ->
    let digit () = match next_char ib with c when is_hexadecimal c -> c | c -> bad_input_escape c in
    let c1 = digit () in
    let c2 = digit () in
    store_char (width - 2) ib (Char.chr ((16 * digit_value c1) + digit_value c2))
  | c -> bad_input_escape c

let scan_caml_char width ib =
  let close width =
    match next_char_of "a Char" width ib with
    | '\'' -> ignore_char width ib
    | c -> character_mismatch '\'' c
  in
  match checked_peek_char ib with
  | '\'' -> (
      let width = skip_char width ib in
      match next_char_of "a Char" width ib with
      | '\\' -> close (scan_escape (ignore_char width ib) ib)
      | c -> close (store_char width ib c))
  | c -> character_mismatch '\'' c

let scan_caml_string width ib =
  let rec body width =
    match next_char_of "a String" width ib with
    | '"' -> ignore_char width ib
    | '\\' -> backslash (ignore_char width ib)
    | c -> body (store_char width ib c)
  and backslash width =
    match next_char_of "a String" width ib with
    | '\r' -> after_cr (ignore_char width ib)
    | '\n' -> skip_indent (ignore_char width ib)
    | _ -> body (scan_escape width ib)
  and after_cr width =
    match next_char_of "a String" width ib with
    | '\n' -> skip_indent (ignore_char width ib)
    | _ -> body (store_char width ib '\r')
  and skip_indent width =
    match next_char_of "a String" width ib with
    | ' ' -> skip_indent (ignore_char width ib)
    | _ -> body width
  in
  match checked_peek_char ib with
  | '"' -> body (skip_char width ib)
  | c -> character_mismatch '"' c

let scan_bool ib =
  let len =
    match checked_peek_char ib with
    | 't' -> 4
    | 'f' -> 5
    | c -> bad_input (Printf.sprintf "the character %C cannot start a boolean" c)
  in
  ignore (scan_string None len ib)

let bool_token ib =
  match token ib with
  | "true" -> true
  | "false" -> false
  | s -> bad_input (Printf.sprintf "invalid boolean '%s'" s)

(* %[...]: the set is a 256-bit map. *)
let in_char_set set c = (Char.code set.[Char.code c lsr 3] lsr (Char.code c land 7)) land 1 <> 0

let scan_char_set set stop width ib =
  let stop_code = match stop with None -> -1 | Some c -> Char.code c in
  let rec loop n =
    let c = peek_char ib in
    if n > 0 && (not (eof ib)) && in_char_set set c && Char.code c <> stop_code then begin
      ignore (store_char max_int ib c);
      loop (n - 1)
    end
  in
  loop width;
  match stop with
  | None -> ()
  | Some s ->
    if not (eof ib) then begin
      let c = peek_char ib in
      if c = s then consume ib else character_mismatch s c
    end

(* "%s@c": the character after @ stops the word; what follows it in the directive is
   matched literally. *)
let stopper_of_formatting_lit lit =
  if lit = Escaped_percent then ('%', "")
  else
    let text = CamlinternalFormat.string_of_formatting_lit lit in
    (text.[1], String.sub text 2 (String.length text - 2))

(* The results, typed: [(a, r) results] holds the arguments of a function of type [a]
   returning [r]. *)
type ('a, 'r) results =
  | Cons : 'x * ('a, 'r) results -> ('x -> 'a, 'r) results
  | Nil : ('r, 'r) results

let width_of_pad_option = function None -> max_int | Some w -> w

let widths : type x y z. (x, y) padding -> (y, z) precision -> int * int =
  fun pad prec ->
  let width =
    match pad with
    | No_padding -> max_int
    | Lit_padding ((Right | Zeros), w) -> w
    | Lit_padding (Left, _) -> invalid_arg "scanf: bad conversion \"%-\""
    | Arg_padding _ -> invalid_arg "scanf: bad conversion \"%*\""
  in
  let precision =
    match prec with
    | No_precision -> max_int
    | Lit_precision p -> p
    | Arg_precision -> invalid_arg "scanf: bad conversion \"%*\""
  in
  (width, precision)

(* The conversions with a padding (and precision): the padding and precision type
   parameters are equal in scanf formats (no [*]), which [same] recovers. *)
let rec make_scanf : type a c d e f.
  Scanning.in_channel -> (a, Scanning.in_channel, c, d, e, f) fmt -> (d, e) results -> (a, f) results =
  fun ib fmt readers ->
  match fmt with
  | End_of_format -> Nil
  | Char rest ->
    ignore (store_char 0 ib (checked_peek_char ib));
    let c = (token ib).[0] in
    Cons (c, make_scanf ib rest readers)
  | Caml_char rest ->
    ignore (scan_caml_char max_int ib);
    let c = (token ib).[0] in
    Cons (c, make_scanf ib rest readers)
  | String (pad, Formatting_lit (lit, rest)) ->
    let stop, after = stopper_of_formatting_lit lit in
    padded ib pad (fun w -> ignore (scan_string (Some stop) w ib)) token
      (String_literal (after, rest)) readers
  | String (pad, Formatting_gen (Open_tag (Format (inner, _)), rest)) ->
    padded ib pad (fun w -> ignore (scan_string (Some '{') w ib)) token
      (CamlinternalFormatBasics.concat_fmt inner rest) readers
  | String (pad, Formatting_gen (Open_box (Format (inner, _)), rest)) ->
    padded ib pad (fun w -> ignore (scan_string (Some '[') w ib)) token
      (CamlinternalFormatBasics.concat_fmt inner rest) readers
  | String (pad, rest) -> padded ib pad (fun w -> ignore (scan_string None w ib)) token rest readers
  | Caml_string (pad, rest) -> padded ib pad (fun w -> ignore (scan_caml_string w ib)) token rest readers
  | Int (iconv, pad, prec, rest) -> number ib iconv pad prec int_of_string rest readers
  | Int32 (iconv, pad, prec, rest) -> number ib iconv pad prec Int32.of_string rest readers
  | Nativeint (iconv, pad, prec, rest) -> number ib iconv pad prec Nativeint.of_string rest readers
  | Int64 (iconv, pad, prec, rest) -> number ib iconv pad prec Int64.of_string rest readers
  | Float ((_, kind), pad, prec, rest) ->
    let width, precision = widths pad prec in
    (match kind with
     | Float_F -> ignore (scan_caml_float width precision ib)
     | Float_h | Float_H ->
       let w = scan_sign width ib in
       let w = if w > 0 && checked_peek_char ib = '0' then store_char w ib '0' else bad_hex_float () in
       let w =
         if w > 0 then
           match checked_peek_char ib with
           | ('x' | 'X') as c -> store_char w ib c
           | _ -> bad_hex_float ()
         else bad_hex_float ()
       in
       ignore (hex_float_rest w precision ib)
     | Float_CF -> ignore (scan_caml_float width precision ib)
     | Float_f | Float_e | Float_E | Float_g | Float_G -> ignore (scan_float width precision ib));
    let x = float_token ib in
    with_precision pad prec (Cons (x, make_scanf ib rest readers))
  | Bool (pad, rest) ->
    let _ = widths pad No_precision in
    scan_bool ib;
    let b = bool_token ib in
    (match pad with
     | No_padding -> Cons (b, make_scanf ib rest readers)
     | Lit_padding _ -> Cons (b, make_scanf ib rest readers)
     | Arg_padding _ -> invalid_arg "scanf: bad conversion \"%*\"")
  | Flush rest ->
    if end_of_input ib then make_scanf ib rest readers else bad_input "end of input not found"
  | String_literal (s, rest) ->
    String.iter (check_char ib) s;
    make_scanf ib rest readers
  | Char_literal (c, rest) ->
    check_char ib c;
    make_scanf ib rest readers
  | Formatting_lit (lit, rest) ->
    String.iter (check_char ib) (CamlinternalFormat.string_of_formatting_lit lit);
    make_scanf ib rest readers
  | Formatting_gen (Open_tag (Format (inner, _)), rest) ->
    check_char ib '@';
    check_char ib '{';
    make_scanf ib (CamlinternalFormatBasics.concat_fmt inner rest) readers
  | Formatting_gen (Open_box (Format (inner, _)), rest) ->
    check_char ib '@';
    check_char ib '[';
    make_scanf ib (CamlinternalFormatBasics.concat_fmt inner rest) readers
  | Scan_char_set (width, set, Formatting_lit (lit, rest)) ->
    let stop, after = stopper_of_formatting_lit lit in
    scan_char_set set (Some stop) (width_of_pad_option width) ib;
    let s = token ib in
    Cons (s, make_scanf ib (String_literal (after, rest)) readers)
  | Scan_char_set (width, set, rest) ->
    scan_char_set set None (width_of_pad_option width) ib;
    let s = token ib in
    Cons (s, make_scanf ib rest readers)
  | Scan_get_counter (counter, rest) ->
    let n =
      match counter with
      | Line_counter -> line_count ib
      | Char_counter -> char_count ib
      | Token_counter -> token_count ib
    in
    Cons (n, make_scanf ib rest readers)
  | Scan_next_char rest ->
    let c = checked_peek_char ib in
    Cons (c, make_scanf ib rest readers)
  | Reader rest -> (
      match readers with
      | Cons (reader, other_readers) ->
        let x = reader ib in
        Cons (x, make_scanf ib rest other_readers)
      | Nil -> invalid_arg "scanf: missing reader")
  | Ignored_param (ign, rest) -> ignored ib ign rest readers
  | Format_arg (width, ty, rest) ->
    let fmt = read_format ib width (fun s -> CamlinternalFormat.format_of_string_fmtty s ty) in
    Cons (fmt, make_scanf ib rest readers)
  | Format_subst (width, ty, rest) ->
    (* The format read is returned, then its conversions are scanned in turn. *)
    let fmt = read_format ib width (fun s -> CamlinternalFormat.format_of_string_subst s ty) in
    let (Format (inner, _)) = fmt in
    let rest = CamlinternalFormatBasics.concat_fmt (magic inner) rest in
    magic (Cons (fmt, make_scanf ib (magic rest) (magic readers)))
  | Alpha _ -> invalid_arg "scanf: bad conversion \"%a\""
  | Theta _ -> invalid_arg "scanf: bad conversion \"%t\""
  | Custom _ -> invalid_arg "scanf: bad conversion \"%?\" (custom converter)"

and padded : type x a c d e f.
  Scanning.in_channel -> (x, string -> a) padding -> (int -> unit) -> (Scanning.in_channel -> string) ->
  (a, Scanning.in_channel, c, d, e, f) fmt -> (d, e) results -> (x, f) results =
  fun ib pad scan read rest readers ->
  match pad with
  | No_padding ->
    scan max_int;
    let s = read ib in
    Cons (s, make_scanf ib rest readers)
  | Lit_padding ((Right | Zeros), w) ->
    scan w;
    let s = read ib in
    Cons (s, make_scanf ib rest readers)
  | Lit_padding (Left, _) -> invalid_arg "scanf: bad conversion \"%-\""
  | Arg_padding _ -> invalid_arg "scanf: bad conversion \"%*\""

and number : type x y n a c d e f.
  Scanning.in_channel -> int_conv -> (x, y) padding -> (y, n -> a) precision -> (string -> n) ->
  (a, Scanning.in_channel, c, d, e, f) fmt -> (d, e) results -> (x, f) results =
  fun ib iconv pad prec convert rest readers ->
  let width, _ = widths pad prec in
  let scan, prefix = int_scanner_and_prefix iconv in
  ignore (scan width ib);
  let n = convert (int_token prefix ib) in
  with_precision pad prec (Cons (n, make_scanf ib rest readers))

(* A literal padding or precision consumes no argument: the result list has the right type
   once the padding and precision types are matched. *)
and with_precision : type x y z a f. (x, y) padding -> (y, z -> a) precision -> (z -> a, f) results -> (x, f) results =
  fun pad prec results ->
  match pad, prec with
  | No_padding, No_precision -> results
  | No_padding, Lit_precision _ -> results
  | Lit_padding _, No_precision -> results
  | Lit_padding _, Lit_precision _ -> results
  | _, Arg_precision -> invalid_arg "scanf: bad conversion \"%*\""
  | Arg_padding _, _ -> invalid_arg "scanf: bad conversion \"%*\""

(* "%_x": scan as for "%x" and drop the result. *)
and ignored : type x y a c d e f.
  Scanning.in_channel -> (a, Scanning.in_channel, c, d, y, x) ignored ->
  (x, Scanning.in_channel, c, y, e, f) fmt -> (d, e) results -> (a, f) results =
  fun ib ign rest readers ->
  let drop () = ignore (token ib) in
  match ign with
  | Ignored_char -> ignore (store_char 0 ib (checked_peek_char ib)); drop (); make_scanf ib rest readers
  | Ignored_caml_char -> ignore (scan_caml_char max_int ib); drop (); make_scanf ib rest readers
  | Ignored_string width ->
    ignore (scan_string None (width_of_pad_option width) ib); drop (); make_scanf ib rest readers
  | Ignored_caml_string width ->
    ignore (scan_caml_string (width_of_pad_option width) ib); drop (); make_scanf ib rest readers
  | Ignored_int (iconv, width) -> ignored_int ib iconv width; make_scanf ib rest readers
  | Ignored_int32 (iconv, width) -> ignored_int ib iconv width; make_scanf ib rest readers
  | Ignored_nativeint (iconv, width) -> ignored_int ib iconv width; make_scanf ib rest readers
  | Ignored_int64 (iconv, width) -> ignored_int ib iconv width; make_scanf ib rest readers
  | Ignored_float (width, precision) ->
    let precision = match precision with None -> max_int | Some p -> p in
    ignore (scan_float (width_of_pad_option width) precision ib);
    ignore (float_token ib);
    make_scanf ib rest readers
  | Ignored_bool _ -> scan_bool ib; ignore (bool_token ib); make_scanf ib rest readers
  | Ignored_scan_char_set (width, set) ->
    scan_char_set set None (width_of_pad_option width) ib; drop (); make_scanf ib rest readers
  | Ignored_scan_get_counter _ -> make_scanf ib rest readers
  | Ignored_scan_next_char -> ignore (checked_peek_char ib); make_scanf ib rest readers
  | Ignored_reader -> (
      match readers with
      | Cons (reader, other_readers) -> ignore (reader ib); make_scanf ib rest other_readers
      | Nil -> invalid_arg "scanf: missing reader")
  | Ignored_format_arg (width, ty) ->
    ignore (read_format ib width (fun s -> CamlinternalFormat.format_of_string_fmtty s ty));
    make_scanf ib rest readers
  | Ignored_format_subst (width, ty) -> (
      (* Scanned as "%( %)", dropping the format read but not what it scans. *)
      match make_scanf ib (magic (Format_subst (width, magic ty, rest))) readers with
      | Cons (_, args) -> magic args
      | Nil -> invalid_arg "scanf: bad conversion \"%_(\"")

(* "%{ %}" and "%( %)": a format written as an OCaml string, checked by [of_string]. *)
and read_format : type r. Scanning.in_channel -> pad_option -> (string -> r) -> r =
  fun ib width of_string ->
  ignore (scan_caml_string (width_of_pad_option width) ib);
  let s = token ib in
  try of_string s with Failure message -> bad_input message

and ignored_int ib iconv width =
  let scan, prefix = int_scanner_and_prefix iconv in
  ignore (scan (width_of_pad_option width) ib);
  ignore (int_of_string (int_token prefix ib))

(* Before scanning, the "%r" readers are taken as the first arguments of the scanner. *)
let rec take_readers : type a c d e f.
  ((d, e) results -> e) -> (a, Scanning.in_channel, c, d, e, f) fmt -> d =
  fun k fmt ->
  match fmt with
  | Reader rest -> fun reader -> take_readers (fun others -> k (Cons (reader, others))) rest
  | Ignored_param (ign, rest) -> take_ignored_readers k ign rest
  | End_of_format -> k Nil
  | Char rest -> take_readers k rest
  | Caml_char rest -> take_readers k rest
  | String (_, rest) -> take_readers k rest
  | Caml_string (_, rest) -> take_readers k rest
  | Int (_, _, _, rest) -> take_readers k rest
  | Int32 (_, _, _, rest) -> take_readers k rest
  | Nativeint (_, _, _, rest) -> take_readers k rest
  | Int64 (_, _, _, rest) -> take_readers k rest
  | Float (_, _, _, rest) -> take_readers k rest
  | Bool (_, rest) -> take_readers k rest
  | Flush rest -> take_readers k rest
  | String_literal (_, rest) -> take_readers k rest
  | Char_literal (_, rest) -> take_readers k rest
  | Format_arg (_, _, rest) -> take_readers k rest
  | Format_subst (_, ty, rest) -> take_fmtty_readers k (magic ty) (magic rest)
  | Alpha rest -> take_readers k rest
  | Theta rest -> take_readers k rest
  | Formatting_lit (_, rest) -> take_readers k rest
  | Formatting_gen (Open_tag (Format (inner, _)), rest) ->
    take_readers k (CamlinternalFormatBasics.concat_fmt inner rest)
  | Formatting_gen (Open_box (Format (inner, _)), rest) ->
    take_readers k (CamlinternalFormatBasics.concat_fmt inner rest)
  | Scan_char_set (_, _, rest) -> take_readers k rest
  | Scan_get_counter (_, rest) -> take_readers k rest
  | Scan_next_char rest -> take_readers k rest
  | Custom (_, _, rest) -> take_readers k rest

(* The readers a "%( %)" substitution will ask for, from its argument types. *)
and take_fmtty_readers : type x1 x2 x3 x4 x5 x6 a c d e f.
  ((d, e) results -> e) -> (x1, x2, x3, x4, x5, x6) fmtty -> (a, Scanning.in_channel, c, d, e, f) fmt -> d =
  fun k ty rest ->
  let reader r = magic (fun reader -> take_fmtty_readers (fun others -> k (magic (Cons (reader, others)))) r rest) in
  match ty with
  | End_of_fmtty -> take_readers k rest
  | Reader_ty r -> reader r
  | Ignored_reader_ty r -> reader r
  | Char_ty r -> take_fmtty_readers k r rest
  | String_ty r -> take_fmtty_readers k r rest
  | Int_ty r -> take_fmtty_readers k r rest
  | Int32_ty r -> take_fmtty_readers k r rest
  | Nativeint_ty r -> take_fmtty_readers k r rest
  | Int64_ty r -> take_fmtty_readers k r rest
  | Float_ty r -> take_fmtty_readers k r rest
  | Bool_ty r -> take_fmtty_readers k r rest
  | Format_arg_ty (_, r) -> take_fmtty_readers k r rest
  | Format_subst_ty (sub, _, r) ->
    take_fmtty_readers k (magic (CamlinternalFormatBasics.concat_fmtty (magic sub) (magic r))) rest
  | Alpha_ty r -> take_fmtty_readers k r rest
  | Theta_ty r -> take_fmtty_readers k r rest
  | Any_ty r -> take_fmtty_readers k r rest

and take_ignored_readers : type x y a c d e f.
  ((d, e) results -> e) -> (a, Scanning.in_channel, c, d, y, x) ignored ->
  (x, Scanning.in_channel, c, y, e, f) fmt -> d =
  fun k ign rest ->
  match ign with
  | Ignored_reader -> fun reader -> take_readers (fun others -> k (Cons (reader, others))) rest
  | Ignored_char -> take_readers k rest
  | Ignored_caml_char -> take_readers k rest
  | Ignored_string _ -> take_readers k rest
  | Ignored_caml_string _ -> take_readers k rest
  | Ignored_int _ -> take_readers k rest
  | Ignored_int32 _ -> take_readers k rest
  | Ignored_nativeint _ -> take_readers k rest
  | Ignored_int64 _ -> take_readers k rest
  | Ignored_float _ -> take_readers k rest
  | Ignored_bool _ -> take_readers k rest
  | Ignored_format_arg _ -> take_readers k rest
  | Ignored_format_subst (_, ty) -> take_fmtty_readers k (magic ty) (magic rest)
  | Ignored_scan_char_set _ -> take_readers k rest
  | Ignored_scan_get_counter _ -> take_readers k rest
  | Ignored_scan_next_char -> take_readers k rest

let rec apply : type a r. a -> (a, r) results -> r =
  fun f args -> match args with Nil -> f | Cons (x, rest) -> apply (f x) rest

type ('a, 'r) outcome = Results of ('a, 'r) results | Failed of exn

let kscanf ib on_error (Format (fmt, text)) =
  let k readers f =
    reset_token ib;
    let outcome =
      try Results (make_scanf ib fmt readers) with
      | (Scan_failure _ | Failure _ | End_of_file) as e -> Failed e
      | Invalid_argument msg -> invalid_arg (msg ^ " in format \"" ^ String.escaped text ^ "\"")
    in
    match outcome with
    | Results args -> apply f args
    | Failed e -> on_error ib e
  in
  take_readers k fmt

(* The scanning functions report failures with the position reached. *)
let report_failure ib = function
  | Scan_failure message | Failure message ->
    bad_input (Printf.sprintf "scanf: bad input at char number %i: %s" (char_count ib) message)
  | e -> raise e

let bscanf ib fmt = kscanf ib report_failure fmt
let ksscanf s on_error fmt = kscanf (from_string s) on_error fmt
let sscanf s fmt = kscanf (from_string s) report_failure fmt
let scanf fmt = kscanf Scanning.stdin report_failure fmt
let kfscanf ic on_error fmt = kscanf (memo_from_channel ic) on_error fmt
let fscanf ic fmt = kscanf (memo_from_channel ic) report_failure fmt

let unescaped s = sscanf ("\"" ^ s ^ "\"") "%S%!" (fun x -> x)

(* A format written as an OCaml string in the input, checked against [format]'s type. *)
let bscanf_format ib format f =
  ignore (scan_caml_string max_int ib);
  let s = token ib in
  let fmt = try CamlinternalFormat.format_of_string_format s format with Failure m -> bad_input m in
  f fmt

let sscanf_format s format f = bscanf_format (from_string s) format f

let format_from_string s format = sscanf_format ("\"" ^ String.escaped s ^ "\"") format (fun x -> x)
