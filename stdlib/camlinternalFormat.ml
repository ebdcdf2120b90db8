(* The engine behind Printf (and later Format): it walks a format, the typed GADT that the
   compiler builds from a format literal (CamlinternalFormatBasics.fmt), takes one argument per
   conversion, and collects the output in an accumulator. When the format ends, a continuation
   receives the accumulator and decides where the text goes (a channel, a buffer, a string). *)

open CamlinternalFormatBasics

external format_int : string -> int -> string = "caml_format_int"
external format_int32 : string -> int32 -> string = "caml_int32_format"
external format_nativeint : string -> nativeint -> string = "caml_nativeint_format"
external format_int64 : string -> int64 -> string = "caml_int64_format"
external format_float : string -> float -> string = "caml_format_float"
external hexstring_of_float : float -> int -> char -> string = "caml_hexstring_of_float"
external magic : 'a -> 'b = "%identity"

(* What has been printed so far, newest piece outermost. ['b] is what delayed printers (%a,
   %t) receive (a channel, a buffer, unit), ['c] what they return. *)
type ('b, 'c) acc =
  | Acc_end
  | Acc_string of ('b, 'c) acc * string
  | Acc_char of ('b, 'c) acc * char
  | Acc_delay of ('b, 'c) acc * ('b -> 'c)
  | Acc_flush of ('b, 'c) acc
  | Acc_invalid_arg of ('b, 'c) acc * string
  | Acc_formatting_lit of ('b, 'c) acc * formatting_lit
  | Acc_open_tag of ('b, 'c) acc * ('b, 'c) acc
  | Acc_open_box of ('b, 'c) acc * ('b, 'c) acc

(* Text of the conversions, as they appear in format strings *)

let string_of_formatting_lit = function
  | Close_box -> "@]"
  | Close_tag -> "@}"
  | Break (text, _, _) -> text
  | FFlush -> "@?"
  | Force_newline -> "@\n"
  | Flush_newline -> "@."
  | Magic_size (text, _) -> text
  | Escaped_at -> "@@"
  | Escaped_percent -> "@%"
  | Scan_indic c -> "@" ^ String.make 1 c

let rec string_of_fmtty : type a b c d e f g h i j k l. (a, b, c, d, e, f, g, h, i, j, k, l) fmtty_rel -> string =
  function
  | Char_ty rest -> "%c" ^ string_of_fmtty rest
  | String_ty rest -> "%s" ^ string_of_fmtty rest
  | Int_ty rest -> "%i" ^ string_of_fmtty rest
  | Int32_ty rest -> "%li" ^ string_of_fmtty rest
  | Nativeint_ty rest -> "%ni" ^ string_of_fmtty rest
  | Int64_ty rest -> "%Li" ^ string_of_fmtty rest
  | Float_ty rest -> "%f" ^ string_of_fmtty rest
  | Bool_ty rest -> "%B" ^ string_of_fmtty rest
  | Alpha_ty rest -> "%a" ^ string_of_fmtty rest
  | Theta_ty rest -> "%t" ^ string_of_fmtty rest
  | Any_ty rest -> "%?" ^ string_of_fmtty rest
  | Reader_ty rest -> "%r" ^ string_of_fmtty rest
  | Ignored_reader_ty rest -> "%_r" ^ string_of_fmtty rest
  | Format_arg_ty (sub, rest) -> "%{" ^ string_of_fmtty sub ^ "%}" ^ string_of_fmtty rest
  | Format_subst_ty (sub, _, rest) ->
    "%(" ^ string_of_fmtty sub ^ "%)" ^ string_of_fmtty rest
  | End_of_fmtty -> ""

(* Padding: [width] columns at least; a negative width (from a * argument) means left
   justification. Zero padding goes after a sign or a 0x prefix. *)
let fix_padding padty width text =
  let len = String.length text in
  let padty = if width < 0 then Left else padty in
  let width = abs width in
  if width <= len then text
  else
    let fill = width - len in
    match padty with
    | Left -> text ^ String.make fill ' '
    | Right -> String.make fill ' ' ^ text
    | Zeros ->
      let prefix =
        if len > 0 && (text.[0] = '+' || text.[0] = '-' || text.[0] = ' ') then 1
        else if len > 1 && text.[0] = '0' && (text.[1] = 'x' || text.[1] = 'X') then 2
        else 0
      in
      String.sub text 0 prefix ^ String.make fill '0' ^ String.sub text prefix (len - prefix)

(* Integer precision: at least [prec] digits, zeros added after the sign or 0x prefix. *)
let fix_int_precision prec text =
  let len = String.length text in
  let prefix =
    if len > 0 && (text.[0] = '+' || text.[0] = '-' || text.[0] = ' ') then 1
    else if len > 1 && text.[0] = '0' && (text.[1] = 'x' || text.[1] = 'X') then 2
    else 0
  in
  let digits = len - prefix in
  if prec <= digits then text
  else String.sub text 0 prefix ^ String.make (prec - digits) '0' ^ String.sub text prefix digits

(* Integers *)

let c_format_of_iconv = function
  | Int_d | Int_Cd -> "%d"
  | Int_pd -> "%+d"
  | Int_sd -> "% d"
  | Int_i | Int_Ci -> "%i"
  | Int_pi -> "%+i"
  | Int_si -> "% i"
  | Int_x -> "%x"
  | Int_Cx -> "%#x"
  | Int_X -> "%X"
  | Int_CX -> "%#X"
  | Int_o -> "%o"
  | Int_Co -> "%#o"
  | Int_u | Int_Cu -> "%u"

(* %#d, %#i, %#u group the digits by three with underscores. *)
let add_underscores text =
  let len = String.length text in
  let start = if len > 0 && (text.[0] < '0' || text.[0] > '9') then 1 else 0 in
  let digits = len - start in
  if digits <= 3 then text
  else begin
    let b = Buffer.create (len + (digits / 3)) in
    Buffer.add_string b (String.sub text 0 start);
    String.iteri
      (fun i c ->
        if i >= start then begin
          let left = len - i in
          if i > start && left mod 3 = 0 then Buffer.add_char b '_';
          Buffer.add_char b c
        end)
      text;
    Buffer.contents b
  end

let convert_with iconv format n =
  let text = format (c_format_of_iconv iconv) n in
  match iconv with Int_Cd | Int_Ci | Int_Cu -> add_underscores text | _ -> text

(* Floats *)

let build_c_format_of_fconv (flag, kind) prec =
  let sign = match flag with Float_flag_ -> "" | Float_flag_p -> "+" | Float_flag_s -> " " in
  let letter =
    match kind with
    | Float_f -> "f"
    | Float_e -> "e"
    | Float_E -> "E"
    | Float_g | Float_F -> "g"
    | Float_G -> "G"
    | Float_h -> "h"
    | Float_H -> "H"
    | Float_CF -> "g"
  in
  "%" ^ sign ^ "." ^ string_of_int (abs prec) ^ letter

(* The C formats of the usual precisions are built once: every float printed needs one. *)
let cached_precisions = 32
let c_format_cache = Array.make (3 * 9 * cached_precisions) ""

let c_format_of_fconv ((flag, kind) as fconv) prec =
  let p = abs prec in
  if p >= cached_precisions then build_c_format_of_fconv fconv prec
  else begin
    let f = match flag with Float_flag_ -> 0 | Float_flag_p -> 1 | Float_flag_s -> 2 in
    let k =
      match kind with
      | Float_f -> 0 | Float_e -> 1 | Float_E -> 2 | Float_g -> 3 | Float_G -> 4
      | Float_F -> 5 | Float_h -> 6 | Float_H -> 7 | Float_CF -> 8
    in
    let i = (((f * 9) + k) * cached_precisions) + p in
    let cached = Array.unsafe_get c_format_cache i in
    if cached <> "" then cached
    else begin
      let built = build_c_format_of_fconv fconv prec in
      Array.unsafe_set c_format_cache i built;
      built
    end
  end

(* When no precision is written: 6 digits, or 12 significant digits for %F. A negative
   precision means "none given" for the hexadecimal forms. *)
let default_float_precision (_, kind) = match kind with Float_F -> 12 | _ -> -6

(* %F prints an OCaml float literal: a dot is added when the text has no dot or exponent,
   and the special values are written as OCaml names them. *)
let ocaml_float_literal x text =
  match classify_float x with
  | FP_nan -> "nan"
  | FP_infinite -> if x < 0.0 then "neg_infinity" else "infinity"
  | FP_normal | FP_subnormal | FP_zero ->
    if String.exists (fun c -> c = '.' || c = 'e' || c = 'E') text then text else text ^ "."

let convert_float ((flag, kind) as fconv) prec x =
  let hex () =
    let sign = match flag with Float_flag_p -> '+' | Float_flag_s -> ' ' | Float_flag_ -> '-' in
    hexstring_of_float x prec sign
  in
  match kind with
  | Float_h -> hex ()
  | Float_H -> String.uppercase_ascii (hex ())
  | Float_CF -> (
      match classify_float x with
      | FP_nan -> "nan"
      | FP_infinite -> if x < 0.0 then "neg_infinity" else "infinity"
      | _ -> hex ())
  | Float_F -> ocaml_float_literal x (format_float (c_format_of_fconv fconv prec) x)
  | Float_f | Float_e | Float_E | Float_g | Float_G -> format_float (c_format_of_fconv fconv prec) x

let format_caml_char c = "'" ^ Char.escaped c ^ "'"
let format_caml_string s = "\"" ^ String.escaped s ^ "\""

(* The printer *)

let rec make_printf : type a b c d e f. ((b, c) acc -> f) -> (b, c) acc -> (a, b, c, d, e, f) fmt -> a =
  fun k acc fmt ->
  match fmt with
  | End_of_format -> k acc
  | Char rest -> fun c -> make_printf k (Acc_char (acc, c)) rest
  | Caml_char rest -> fun c -> make_printf k (Acc_string (acc, format_caml_char c)) rest
  | String (pad, rest) -> make_padded k acc rest pad (fun s -> s)
  | Caml_string (pad, rest) -> make_padded k acc rest pad format_caml_string
  | Int (iconv, pad, prec, rest) -> make_number k acc rest pad prec (convert_with iconv format_int)
  | Int32 (iconv, pad, prec, rest) -> make_number k acc rest pad prec (convert_with iconv format_int32)
  | Nativeint (iconv, pad, prec, rest) ->
    make_number k acc rest pad prec (convert_with iconv format_nativeint)
  | Int64 (iconv, pad, prec, rest) -> make_number k acc rest pad prec (convert_with iconv format_int64)
  | Float (fconv, pad, prec, rest) -> make_float k acc rest pad prec fconv
  | Bool (pad, rest) -> make_padded k acc rest pad string_of_bool
  | Flush rest -> make_printf k (Acc_flush acc) rest
  | String_literal (s, rest) -> make_printf k (Acc_string (acc, s)) rest
  | Char_literal (c, rest) -> make_printf k (Acc_char (acc, c)) rest
  | Format_arg (_, sub, rest) ->
    let text = string_of_fmtty sub in
    fun _ -> make_printf k (Acc_string (acc, text)) rest
  | Format_subst (_, ty, rest) ->
    (* The argument format has the shape [ty] describes (the type checker made sure), so it
       can be spliced in front of the rest of the format. *)
    ignore ty;
    fun (Format (sub, _)) -> make_printf k acc (concat_fmt (magic sub) rest)
  | Alpha rest -> fun print x -> make_printf k (Acc_delay (acc, fun o -> print o x)) rest
  | Theta rest -> fun print -> make_printf k (Acc_delay (acc, print)) rest
  | Custom (arity, f, rest) -> make_custom k acc rest arity (f ())
  | Formatting_lit (lit, rest) -> make_printf k (Acc_formatting_lit (acc, lit)) rest
  | Formatting_gen (Open_tag (Format (inner, _)), rest) ->
    make_printf (fun tag -> make_printf k (Acc_open_tag (acc, tag)) rest) Acc_end inner
  | Formatting_gen (Open_box (Format (inner, _)), rest) ->
    make_printf (fun box -> make_printf k (Acc_open_box (acc, box)) rest) Acc_end inner
  | Reader _ -> invalid_arg "Printf: bad conversion %r"
  | Scan_char_set (_, _, rest) ->
    fun _ -> make_printf k (Acc_invalid_arg (acc, "Printf: bad conversion %[")) rest
  | Scan_get_counter (_, rest) -> fun n -> make_printf k (Acc_string (acc, string_of_int n)) rest
  | Scan_next_char rest -> fun c -> make_printf k (Acc_char (acc, c)) rest
  | Ignored_param (ign, rest) -> make_ignored k acc ign rest

(* A conversion whose padding width may come from an argument. *)
and make_padded : type x y a b c d e f.
  ((b, c) acc -> f) -> (b, c) acc -> (a, b, c, d, e, f) fmt -> (x, y -> a) padding -> (y -> string) -> x =
  fun k acc rest pad to_text ->
  match pad with
  | No_padding -> fun v -> make_printf k (Acc_string (acc, to_text v)) rest
  | Lit_padding (padty, width) ->
    fun v -> make_printf k (Acc_string (acc, fix_padding padty width (to_text v))) rest
  | Arg_padding padty ->
    fun width v -> make_printf k (Acc_string (acc, fix_padding padty width (to_text v))) rest

(* Integer conversions: padding and precision may each come from an argument. *)
and make_number : type x y z a b c d e f.
  ((b, c) acc -> f) -> (b, c) acc -> (a, b, c, d, e, f) fmt ->
  (x, y) padding -> (y, z -> a) precision -> (z -> string) -> x =
  fun k acc rest pad prec to_text ->
  let text prec v = match prec with None -> to_text v | Some p -> fix_int_precision p (to_text v) in
  match pad, prec with
  | No_padding, No_precision -> fun v -> emit k acc rest (text None v)
  | No_padding, Lit_precision p -> fun v -> emit k acc rest (text (Some p) v)
  | No_padding, Arg_precision -> fun p v -> emit k acc rest (text (Some p) v)
  | Lit_padding (padty, w), No_precision -> fun v -> emit k acc rest (fix_padding padty w (text None v))
  | Lit_padding (padty, w), Lit_precision p ->
    fun v -> emit k acc rest (fix_padding padty w (text (Some p) v))
  | Lit_padding (padty, w), Arg_precision ->
    fun p v -> emit k acc rest (fix_padding padty w (text (Some p) v))
  | Arg_padding padty, No_precision -> fun w v -> emit k acc rest (fix_padding padty w (text None v))
  | Arg_padding padty, Lit_precision p ->
    fun w v -> emit k acc rest (fix_padding padty w (text (Some p) v))
  | Arg_padding padty, Arg_precision ->
    fun w p v -> emit k acc rest (fix_padding padty w (text (Some p) v))

and emit : type a b c d e f. ((b, c) acc -> f) -> (b, c) acc -> (a, b, c, d, e, f) fmt -> string -> a =
  fun k acc rest text -> make_printf k (Acc_string (acc, text)) rest

(* Float conversions: like integers, with the float's own default precision. *)
and make_float : type x y a b c d e f.
  ((b, c) acc -> f) -> (b, c) acc -> (a, b, c, d, e, f) fmt ->
  (x, y) padding -> (y, float -> a) precision -> float_conv -> x =
  fun k acc rest pad prec fconv ->
  let text prec x =
    let prec = match prec with None -> default_float_precision fconv | Some p -> p in
    convert_float fconv prec x
  in
  match pad, prec with
  | No_padding, No_precision -> fun x -> emit k acc rest (text None x)
  | No_padding, Lit_precision p -> fun x -> emit k acc rest (text (Some p) x)
  | No_padding, Arg_precision -> fun p x -> emit k acc rest (text (Some p) x)
  | Lit_padding (padty, w), No_precision -> fun x -> emit k acc rest (fix_padding padty w (text None x))
  | Lit_padding (padty, w), Lit_precision p ->
    fun x -> emit k acc rest (fix_padding padty w (text (Some p) x))
  | Lit_padding (padty, w), Arg_precision ->
    fun p x -> emit k acc rest (fix_padding padty w (text (Some p) x))
  | Arg_padding padty, No_precision -> fun w x -> emit k acc rest (fix_padding padty w (text None x))
  | Arg_padding padty, Lit_precision p ->
    fun w x -> emit k acc rest (fix_padding padty w (text (Some p) x))
  | Arg_padding padty, Arg_precision ->
    fun w p x -> emit k acc rest (fix_padding padty w (text (Some p) x))

(* A custom conversion takes its arguments one by one, then prints the resulting string. *)
and make_custom : type x y a b c d e f.
  ((b, c) acc -> f) -> (b, c) acc -> (a, b, c, d, e, f) fmt -> (a, x, y) custom_arity -> x -> y =
  fun k acc rest arity f ->
  match arity with
  | Custom_zero -> make_printf k (Acc_string (acc, f)) rest
  | Custom_succ arity -> fun x -> make_custom k acc rest arity (f x)

(* In Printf, "%_" conversions are invalid: the error is raised when the output is done. *)
and make_ignored : type x y a b c d e f.
  ((b, c) acc -> f) -> (b, c) acc -> (a, b, c, d, y, x) ignored -> (x, b, c, y, e, f) fmt -> a =
  fun k acc ign rest ->
  let bad () = make_printf k (Acc_invalid_arg (acc, "Printf: bad conversion %_")) rest in
  match ign with
  | Ignored_char -> bad ()
  | Ignored_caml_char -> bad ()
  | Ignored_string _ -> bad ()
  | Ignored_caml_string _ -> bad ()
  | Ignored_int _ -> bad ()
  | Ignored_int32 _ -> bad ()
  | Ignored_nativeint _ -> bad ()
  | Ignored_int64 _ -> bad ()
  | Ignored_float _ -> bad ()
  | Ignored_bool _ -> bad ()
  | Ignored_format_arg _ -> bad ()
  | Ignored_scan_char_set _ -> bad ()
  | Ignored_scan_get_counter _ -> bad ()
  | Ignored_scan_next_char -> bad ()
  | Ignored_format_subst _ -> invalid_arg "Printf: bad conversion %_("
  | Ignored_reader -> invalid_arg "Printf: bad conversion %_r"

(* Sending an accumulator somewhere. Older pieces are deeper in the structure, so each
   function writes the inner accumulator first. *)

let rec output_acc oc = function
  | Acc_end -> ()
  | Acc_string (p, s) -> output_acc oc p; output_string oc s
  | Acc_char (p, c) -> output_acc oc p; output_char oc c
  | Acc_delay (p, f) -> output_acc oc p; f oc
  | Acc_flush (p) -> output_acc oc p; flush oc
  | Acc_invalid_arg (p, msg) -> output_acc oc p; invalid_arg msg
  | Acc_formatting_lit (p, lit) -> output_acc oc p; output_string oc (string_of_formatting_lit lit)
  | Acc_open_tag (p, tag) -> output_acc oc p; output_string oc "@{"; output_acc oc tag
  | Acc_open_box (p, box) -> output_acc oc p; output_string oc "@["; output_acc oc box

let rec bufput_acc b = function
  | Acc_end -> ()
  | Acc_string (p, s) -> bufput_acc b p; Buffer.add_string b s
  | Acc_char (p, c) -> bufput_acc b p; Buffer.add_char b c
  | Acc_delay (p, f) -> bufput_acc b p; f b
  | Acc_flush p -> bufput_acc b p
  | Acc_invalid_arg (p, msg) -> bufput_acc b p; invalid_arg msg
  | Acc_formatting_lit (p, lit) -> bufput_acc b p; Buffer.add_string b (string_of_formatting_lit lit)
  | Acc_open_tag (p, tag) -> bufput_acc b p; Buffer.add_string b "@{"; bufput_acc b tag
  | Acc_open_box (p, box) -> bufput_acc b p; Buffer.add_string b "@["; bufput_acc b box

(* For sprintf-like functions the delayed printers return their text. *)
let rec strput_acc b = function
  | Acc_end -> ()
  | Acc_string (p, s) -> strput_acc b p; Buffer.add_string b s
  | Acc_char (p, c) -> strput_acc b p; Buffer.add_char b c
  | Acc_delay (p, f) -> strput_acc b p; Buffer.add_string b (f ())
  | Acc_flush p -> strput_acc b p
  | Acc_invalid_arg (p, msg) -> strput_acc b p; invalid_arg msg
  | Acc_formatting_lit (p, lit) -> strput_acc b p; Buffer.add_string b (string_of_formatting_lit lit)
  | Acc_open_tag (p, tag) -> strput_acc b p; Buffer.add_string b "@{"; strput_acc b tag
  | Acc_open_box (p, box) -> strput_acc b p; Buffer.add_string b "@["; strput_acc b box

(* Formats read at run time (Scanf.format_from_string, Scanf's "%{ %}" and "%( %)").

   A format string is parsed into [ufmt], an ordinary variant laid out exactly as the GADT
   [CamlinternalFormatBasics.fmt] (same constructors, same order, so the same tags), then
   checked against the argument types an expected format describes ([uty], laid out as
   [fmtty]). Once the check succeeded the value can be used as the typed format. The shapes
   built here are the ones the compiler builds for literals (compiler/src/format_string.rs). *)

exception Type_mismatch

type upad = U_no_padding | U_lit_padding of padty * int | U_arg_padding of padty
type uprec = U_no_precision | U_lit_precision of int | U_arg_precision

type uty =
  | U_char_ty of uty
  | U_string_ty of uty
  | U_int_ty of uty
  | U_int32_ty of uty
  | U_nativeint_ty of uty
  | U_int64_ty of uty
  | U_float_ty of uty
  | U_bool_ty of uty
  | U_format_arg_ty of uty * uty
  | U_format_subst_ty of uty * uty * uty
  | U_alpha_ty of uty
  | U_theta_ty of uty
  | U_any_ty of uty
  | U_reader_ty of uty
  | U_ignored_reader_ty of uty
  | U_end_of_fmtty

type ufmt =
  | U_char of ufmt
  | U_caml_char of ufmt
  | U_string of upad * ufmt
  | U_caml_string of upad * ufmt
  | U_int of int_conv * upad * uprec * ufmt
  | U_int32 of int_conv * upad * uprec * ufmt
  | U_nativeint of int_conv * upad * uprec * ufmt
  | U_int64 of int_conv * upad * uprec * ufmt
  | U_float of float_conv * upad * uprec * ufmt
  | U_bool of upad * ufmt
  | U_flush of ufmt
  | U_string_literal of string * ufmt
  | U_char_literal of char * ufmt
  | U_format_arg of pad_option * uty * ufmt
  | U_format_subst of pad_option * uty * ufmt
  | U_alpha of ufmt
  | U_theta of ufmt
  | U_formatting_lit of formatting_lit * ufmt
  | U_formatting_gen of ugen * ufmt
  | U_reader of ufmt
  | U_scan_char_set of pad_option * string * ufmt
  | U_scan_get_counter of counter * ufmt
  | U_scan_next_char of ufmt
  | U_ignored_param of uignored * ufmt
  | U_custom of unit * unit * ufmt
  | U_end_of_format

and ugen = U_open_tag of uformat | U_open_box of uformat
and uformat = U_format of ufmt * string

and uignored =
  | U_ignored_char
  | U_ignored_caml_char
  | U_ignored_string of pad_option
  | U_ignored_caml_string of pad_option
  | U_ignored_int of int_conv * pad_option
  | U_ignored_int32 of int_conv * pad_option
  | U_ignored_nativeint of int_conv * pad_option
  | U_ignored_int64 of int_conv * pad_option
  | U_ignored_float of pad_option * prec_option
  | U_ignored_bool of pad_option
  | U_ignored_format_arg of pad_option * uty
  | U_ignored_format_subst of pad_option * uty
  | U_ignored_reader
  | U_ignored_scan_char_set of pad_option * string
  | U_ignored_scan_get_counter of counter
  | U_ignored_scan_next_char

(* The argument types of a format, as [fmtty]: what "%{ %}" and "%( %)" record. *)

let rec concat_uty ty rest =
  match ty with
  | U_char_ty r -> U_char_ty (concat_uty r rest)
  | U_string_ty r -> U_string_ty (concat_uty r rest)
  | U_int_ty r -> U_int_ty (concat_uty r rest)
  | U_int32_ty r -> U_int32_ty (concat_uty r rest)
  | U_nativeint_ty r -> U_nativeint_ty (concat_uty r rest)
  | U_int64_ty r -> U_int64_ty (concat_uty r rest)
  | U_float_ty r -> U_float_ty (concat_uty r rest)
  | U_bool_ty r -> U_bool_ty (concat_uty r rest)
  | U_format_arg_ty (sub, r) -> U_format_arg_ty (sub, concat_uty r rest)
  | U_format_subst_ty (s1, s2, r) -> U_format_subst_ty (s1, s2, concat_uty r rest)
  | U_alpha_ty r -> U_alpha_ty (concat_uty r rest)
  | U_theta_ty r -> U_theta_ty (concat_uty r rest)
  | U_any_ty r -> U_any_ty (concat_uty r rest)
  | U_reader_ty r -> U_reader_ty (concat_uty r rest)
  | U_ignored_reader_ty r -> U_ignored_reader_ty (concat_uty r rest)
  | U_end_of_fmtty -> rest

let pad_uty pad rest = match pad with U_arg_padding _ -> U_int_ty rest | _ -> rest
let prec_uty prec rest = match prec with U_arg_precision -> U_int_ty rest | _ -> rest

let rec uty_of_ufmt f =
  match f with
  | U_char r | U_caml_char r | U_scan_next_char r -> U_char_ty (uty_of_ufmt r)
  | U_string (pad, r) | U_caml_string (pad, r) -> pad_uty pad (U_string_ty (uty_of_ufmt r))
  | U_scan_char_set (_, _, r) -> U_string_ty (uty_of_ufmt r)
  | U_int (_, pad, prec, r) -> pad_uty pad (prec_uty prec (U_int_ty (uty_of_ufmt r)))
  | U_int32 (_, pad, prec, r) -> pad_uty pad (prec_uty prec (U_int32_ty (uty_of_ufmt r)))
  | U_nativeint (_, pad, prec, r) -> pad_uty pad (prec_uty prec (U_nativeint_ty (uty_of_ufmt r)))
  | U_int64 (_, pad, prec, r) -> pad_uty pad (prec_uty prec (U_int64_ty (uty_of_ufmt r)))
  | U_float (_, pad, prec, r) -> pad_uty pad (prec_uty prec (U_float_ty (uty_of_ufmt r)))
  | U_bool (pad, r) -> pad_uty pad (U_bool_ty (uty_of_ufmt r))
  | U_scan_get_counter (_, r) -> U_int_ty (uty_of_ufmt r)
  | U_format_arg (_, sub, r) -> U_format_arg_ty (sub, uty_of_ufmt r)
  | U_format_subst (_, sub, r) -> U_format_subst_ty (sub, sub, uty_of_ufmt r)
  | U_alpha r -> U_alpha_ty (uty_of_ufmt r)
  | U_theta r -> U_theta_ty (uty_of_ufmt r)
  | U_reader r -> U_reader_ty (uty_of_ufmt r)
  | U_ignored_param (U_ignored_reader, r) -> U_ignored_reader_ty (uty_of_ufmt r)
  | U_ignored_param (U_ignored_format_subst (_, sub), r) -> concat_uty sub (uty_of_ufmt r)
  | U_ignored_param (_, r) -> uty_of_ufmt r
  | U_formatting_gen ((U_open_tag (U_format (sub, _)) | U_open_box (U_format (sub, _))), r) ->
    concat_uty (uty_of_ufmt sub) (uty_of_ufmt r)
  | U_flush r | U_string_literal (_, r) | U_char_literal (_, r) | U_formatting_lit (_, r)
  | U_custom (_, _, r) ->
    uty_of_ufmt r
  | U_end_of_format -> U_end_of_fmtty

(* Two argument types are the same when they agree once the second half of each "%( %)"
   (the relation's other side) is taken equal to the first. *)
let rec erase_uty ty =
  match ty with
  | U_char_ty r -> U_char_ty (erase_uty r)
  | U_string_ty r -> U_string_ty (erase_uty r)
  | U_int_ty r -> U_int_ty (erase_uty r)
  | U_int32_ty r -> U_int32_ty (erase_uty r)
  | U_nativeint_ty r -> U_nativeint_ty (erase_uty r)
  | U_int64_ty r -> U_int64_ty (erase_uty r)
  | U_float_ty r -> U_float_ty (erase_uty r)
  | U_bool_ty r -> U_bool_ty (erase_uty r)
  | U_format_arg_ty (sub, r) -> U_format_arg_ty (erase_uty sub, erase_uty r)
  | U_format_subst_ty (s1, _, r) ->
    let s1 = erase_uty s1 in
    U_format_subst_ty (s1, s1, erase_uty r)
  | U_alpha_ty r -> U_alpha_ty (erase_uty r)
  | U_theta_ty r -> U_theta_ty (erase_uty r)
  | U_any_ty r -> U_any_ty (erase_uty r)
  | U_reader_ty r -> U_reader_ty (erase_uty r)
  | U_ignored_reader_ty r -> U_ignored_reader_ty (erase_uty r)
  | U_end_of_fmtty -> U_end_of_fmtty

let same_uty a b = erase_uty a = erase_uty b

(* The parser. Errors are [Failure] with OCaml's texts. *)

let quoted s = "\"" ^ String.escaped s ^ "\""

let invalid_format str pos msg =
  failwith ("invalid format " ^ quoted str ^ ": at character number " ^ string_of_int pos ^ ", " ^ msg)

type parser = { str : string; mutable pos : int }

let peek p = if p.pos < String.length p.str then Some p.str.[p.pos] else None
let is_digit c = c >= '0' && c <= '9'

let parse_number p =
  let start = p.pos in
  while p.pos < String.length p.str && is_digit p.str.[p.pos] do p.pos <- p.pos + 1 done;
  if start = p.pos then None else int_of_string_opt (String.sub p.str start (p.pos - start))

(* "<n>" or "<n m>" (spaces allowed) at the current position; consumed only when valid. *)
let angle_ints p =
  let save = p.pos in
  let fail () = p.pos <- save; None in
  if peek p <> Some '<' then fail ()
  else begin
    p.pos <- p.pos + 1;
    let rec numbers acc =
      while peek p = Some ' ' do p.pos <- p.pos + 1 done;
      match peek p with
      | Some '>' -> p.pos <- p.pos + 1; Some (List.rev acc)
      | Some c when is_digit c || c = '-' ->
        let start = p.pos in
        p.pos <- p.pos + 1;
        while p.pos < String.length p.str && is_digit p.str.[p.pos] do p.pos <- p.pos + 1 done;
        (match int_of_string_opt (String.sub p.str start (p.pos - start)) with
         | Some n -> numbers (n :: acc)
         | None -> None)
      | _ -> None
    in
    match numbers [] with
    | Some [ n ] -> Some (n, None)
    | Some [ n; m ] -> Some (n, Some m)
    | _ -> fail ()
  end

(* "%[...]" after the '[': the 32-byte bitmap of the accepted characters. *)
let parse_char_set p =
  let set = Bytes.make 32 '\000' in
  let add c =
    let i = Char.code c in
    Bytes.set set (i lsr 3) (Char.chr (Char.code (Bytes.get set (i lsr 3)) lor (1 lsl (i land 7))))
  in
  let len = String.length p.str in
  let negate = peek p = Some '^' in
  if negate then p.pos <- p.pos + 1;
  let rec loop first =
    if p.pos >= len then invalid_format p.str len "unexpected end of format";
    let c = p.str.[p.pos] in
    p.pos <- p.pos + 1;
    if c = ']' && not first then ()
    else begin
      if p.pos + 1 < len && p.str.[p.pos] = '-' && p.str.[p.pos + 1] <> ']' then begin
        let hi = p.str.[p.pos + 1] in
        p.pos <- p.pos + 2;
        for x = Char.code c to Char.code hi do add (Char.chr x) done
      end
      else add c;
      loop false
    end
  in
  loop true;
  if negate then
    Bytes.iteri (fun i b -> Bytes.set set i (Char.chr (lnot (Char.code b) land 0xff))) set;
  Bytes.to_string set

(* Pieces of the format are collected as functions taking the rest of the format. *)
let rec parse_until p closing =
  let len = String.length p.str in
  let pieces = ref [] in
  let push piece = pieces := piece :: !pieces in
  let text = Buffer.create 16 in
  let flush_text () =
    (match Buffer.length text with
     | 0 -> ()
     | 1 ->
       let c = Buffer.nth text 0 in
       push (fun r -> U_char_literal (c, r))
     | _ ->
       let s = Buffer.contents text in
       push (fun r -> U_string_literal (s, r)));
    Buffer.clear text
  in
  let finished = ref false in
  while not !finished do
    if p.pos >= len then begin
      (match closing with
       | Some c ->
         failwith
           ("invalid format " ^ quoted p.str ^ ": unclosed sub-format, expected \"%" ^ String.make 1 c
            ^ "\" at character number " ^ string_of_int len)
       | None -> ());
      finished := true
    end
    else
      match p.str.[p.pos] with
      | '%' ->
        let start = p.pos in
        p.pos <- p.pos + 1;
        (match closing with
         | Some c when p.pos < len && p.str.[p.pos] = c ->
           p.pos <- p.pos + 1;
           finished := true
         | _ -> (
             flush_text ();
             match parse_conversion p start with Some piece -> push piece | None -> ()))
      | '@' ->
        flush_text ();
        p.pos <- p.pos + 1;
        push (parse_at p)
      | c ->
        Buffer.add_char text c;
        p.pos <- p.pos + 1
  done;
  flush_text ();
  List.fold_left (fun rest piece -> piece rest) U_end_of_format !pieces

(* After '@'. *)
and parse_at p =
  let at = p.pos - 1 in
  let len = String.length p.str in
  let lit l r = U_formatting_lit (l, r) in
  if p.pos >= len then fun r -> U_char_literal ('@', r)
  else begin
    let c = p.str.[p.pos] in
    p.pos <- p.pos + 1;
    match c with
    | '[' | '{' ->
      let sub = parse_angle_sub_format p in
      let gen = if c = '[' then U_open_box sub else U_open_tag sub in
      fun r -> U_formatting_gen (gen, r)
    | ']' -> lit Close_box
    | '}' -> lit Close_tag
    | ',' -> lit (Break ("@,", 0, 0))
    | ' ' -> lit (Break ("@ ", 1, 0))
    | ';' -> (
        match angle_ints p with
        | Some (n, m) ->
          let m = match m with Some m -> m | None -> 0 in
          lit (Break (String.sub p.str at (p.pos - at), n, m))
        | None -> lit (Break ("@;", 1, 0)))
    | '<' -> (
        p.pos <- p.pos - 1;
        let save = p.pos in
        match angle_ints p with
        | Some (n, None) -> lit (Magic_size (String.sub p.str at (p.pos - at), n))
        | _ ->
          p.pos <- save + 1;
          lit (Scan_indic '<'))
    | '?' -> lit FFlush
    | '\n' -> lit Force_newline
    | '.' -> lit Flush_newline
    | '@' -> lit Escaped_at
    | '%' when p.pos < len && p.str.[p.pos] = '%' ->
      p.pos <- p.pos + 1;
      lit Escaped_percent
    | '%' ->
      p.pos <- p.pos - 1;
      fun r -> U_char_literal ('@', r)
    | c -> lit (Scan_indic c)
  end

(* After "@[" or "@{": the sub-format "<...>" up to the first '>', or an empty one. *)
and parse_angle_sub_format p =
  let len = String.length p.str in
  if peek p <> Some '<' then U_format (U_end_of_format, "")
  else
    match String.index_from_opt p.str p.pos '>' with
    | None -> U_format (U_end_of_format, "")
    | Some close ->
      let source = String.sub p.str p.pos (close - p.pos + 1) in
      ignore len;
      p.pos <- close + 1;
      U_format (parse_until { str = source; pos = 0 } None, source)

(* A conversion after its '%' (at [start]); [None] for "%," which prints nothing. *)
and parse_conversion p start =
  let s = p.str in
  let len = String.length s in
  let minus = ref false and zero = ref false and plus = ref false in
  let space = ref false and hash = ref false and ign = ref false in
  let rec flags () =
    let set r = r := true; p.pos <- p.pos + 1; flags () in
    match peek p with
    | Some '-' -> set minus
    | Some '0' -> set zero
    | Some '+' -> set plus
    | Some ' ' -> set space
    | Some '#' -> set hash
    | Some '_' -> set ign
    | _ -> ()
  in
  flags ();
  let padty = if !minus then Left else if !zero then Zeros else Right in
  let pad =
    if peek p = Some '*' then begin p.pos <- p.pos + 1; U_arg_padding padty end
    else match parse_number p with Some n -> U_lit_padding (padty, n) | None -> U_no_padding
  in
  let prec =
    if peek p = Some '.' then begin
      p.pos <- p.pos + 1;
      if peek p = Some '*' then begin p.pos <- p.pos + 1; U_arg_precision end
      else U_lit_precision (match parse_number p with Some n -> n | None -> 0)
    end
    else U_no_precision
  in
  if p.pos >= len then invalid_format s len "unexpected end of format";
  let conv = s.[p.pos] in
  p.pos <- p.pos + 1;
  let pad_opt = match pad with U_lit_padding (_, n) -> Some n | _ -> None in
  let prec_opt = match prec with U_lit_precision n -> Some n | _ -> None in
  (* Conversions that cannot pad with zeros; "%.3s" pads to 3. *)
  let text_pad () =
    match pad, prec with
    | U_lit_padding (Zeros, n), _ -> U_lit_padding (Right, n)
    | U_arg_padding Zeros, _ -> U_arg_padding Right
    | U_no_padding, U_lit_precision n -> U_lit_padding (Right, n)
    | pad, _ -> pad
  in
  (* Integers: zeros with a precision pad with spaces, as in C. *)
  let int_pad =
    match pad, prec with
    | U_lit_padding (Zeros, n), (U_lit_precision _ | U_arg_precision) -> U_lit_padding (Right, n)
    | U_arg_padding Zeros, (U_lit_precision _ | U_arg_precision) -> U_arg_padding Right
    | pad, _ -> pad
  in
  let int_conv c =
    match c with
    | 'd' -> Some (if !plus then Int_pd else if !space then Int_sd else if !hash then Int_Cd else Int_d)
    | 'i' -> Some (if !plus then Int_pi else if !space then Int_si else if !hash then Int_Ci else Int_i)
    | 'x' -> Some (if !hash then Int_Cx else Int_x)
    | 'X' -> Some (if !hash then Int_CX else Int_X)
    | 'o' -> Some (if !hash then Int_Co else Int_o)
    | 'u' -> Some (if !hash then Int_Cu else Int_u)
    | _ -> None
  in
  let piece f = Some f in
  let ignored ig = Some (fun r -> U_ignored_param (ig, r)) in
  let incompatible () =
    failwith
      ("invalid format " ^ quoted s ^ ": at character number " ^ string_of_int start
       ^ ", '_' is incompatible with '" ^ String.make 1 conv ^ "' in sub-format "
       ^ quoted (String.sub s start (p.pos - start)))
  in
  match conv with
  | '%' -> piece (fun r -> U_char_literal ('%', r))
  | '@' -> piece (fun r -> U_char_literal ('@', r))
  | ',' -> None
  | '!' -> piece (fun r -> U_flush r)
  | 'c' ->
    if !ign then ignored U_ignored_char
    else if !zero && pad = U_no_padding then piece (fun r -> U_scan_next_char r)
    else piece (fun r -> U_char r)
  | 'C' -> if !ign then ignored U_ignored_caml_char else piece (fun r -> U_caml_char r)
  | 's' ->
    if !ign then ignored (U_ignored_string pad_opt)
    else let pad = text_pad () in piece (fun r -> U_string (pad, r))
  | 'S' ->
    if !ign then ignored (U_ignored_caml_string pad_opt)
    else let pad = text_pad () in piece (fun r -> U_caml_string (pad, r))
  | 'B' | 'b' ->
    if !ign then ignored (U_ignored_bool pad_opt)
    else let pad = text_pad () in piece (fun r -> U_bool (pad, r))
  | 'a' | 't' when !ign -> incompatible ()
  | 'a' -> piece (fun r -> U_alpha r)
  | 't' -> piece (fun r -> U_theta r)
  | 'r' -> if !ign then ignored U_ignored_reader else piece (fun r -> U_reader r)
  | ('l' | 'L' | 'n') when p.pos < len && int_conv s.[p.pos] <> None -> (
      let iconv = match int_conv s.[p.pos] with Some c -> c | None -> Int_d in
      p.pos <- p.pos + 1;
      match conv, !ign with
      | 'l', true -> ignored (U_ignored_int32 (iconv, pad_opt))
      | 'L', true -> ignored (U_ignored_int64 (iconv, pad_opt))
      | _, true -> ignored (U_ignored_nativeint (iconv, pad_opt))
      | 'l', false -> piece (fun r -> U_int32 (iconv, int_pad, prec, r))
      | 'L', false -> piece (fun r -> U_int64 (iconv, int_pad, prec, r))
      | _, false -> piece (fun r -> U_nativeint (iconv, int_pad, prec, r)))
  | 'l' | 'n' | 'L' | 'N' ->
    let counter = match conv with 'l' -> Line_counter | 'n' -> Char_counter | _ -> Token_counter in
    if !ign then ignored (U_ignored_scan_get_counter counter)
    else piece (fun r -> U_scan_get_counter (counter, r))
  | 'f' | 'e' | 'E' | 'g' | 'G' | 'F' | 'h' | 'H' ->
    let kind =
      match conv with
      | 'f' -> Float_f
      | 'e' -> Float_e
      | 'E' -> Float_E
      | 'g' -> Float_g
      | 'G' -> Float_G
      | 'F' -> if !hash then Float_CF else Float_F
      | 'h' -> Float_h
      | _ -> Float_H
    in
    let flag = if !plus then Float_flag_p else if !space then Float_flag_s else Float_flag_ in
    if !ign then ignored (U_ignored_float (pad_opt, prec_opt))
    else piece (fun r -> U_float ((flag, kind), pad, prec, r))
  | '{' | '(' -> (
      let sub = parse_until p (Some (if conv = '{' then '}' else ')')) in
      let ty = uty_of_ufmt sub in
      match conv, !ign with
      | '{', false -> piece (fun r -> U_format_arg (pad_opt, ty, r))
      | '{', true -> ignored (U_ignored_format_arg (pad_opt, ty))
      | _, false -> piece (fun r -> U_format_subst (pad_opt, ty, r))
      | _, true -> ignored (U_ignored_format_subst (pad_opt, ty)))
  | '[' ->
    let set = parse_char_set p in
    if !ign then ignored (U_ignored_scan_char_set (pad_opt, set))
    else piece (fun r -> U_scan_char_set (pad_opt, set, r))
  | c -> (
      match int_conv c with
      | Some iconv ->
        if !ign then ignored (U_ignored_int (iconv, pad_opt))
        else piece (fun r -> U_int (iconv, int_pad, prec, r))
      | None ->
        invalid_format s (p.pos - 1) ("invalid conversion " ^ quoted (String.sub s start (p.pos - start))))

let parse_format str = parse_until { str; pos = 0 } None

(* The type check: [check f ty] walks the format and the expected argument types together
   and returns the format (its sub-format types replaced by the expected ones) and the
   argument types left for what follows. *)

let take_pad pad ty =
  match pad, ty with
  | U_arg_padding _, U_int_ty r -> r
  | U_arg_padding _, _ -> raise Type_mismatch
  | _ -> ty

let take_prec prec ty =
  match prec, ty with
  | U_arg_precision, U_int_ty r -> r
  | U_arg_precision, _ -> raise Type_mismatch
  | _ -> ty

let char_ty = function U_char_ty r -> r | _ -> raise Type_mismatch
let string_ty = function U_string_ty r -> r | _ -> raise Type_mismatch
let int_ty = function U_int_ty r -> r | _ -> raise Type_mismatch

(* "%_( %)" consumes the arguments of its sub-format from the expected types. *)
let rec skip_prefix sub ty =
  match sub, ty with
  | U_end_of_fmtty, _ -> ty
  | U_char_ty s, U_char_ty t | U_string_ty s, U_string_ty t | U_int_ty s, U_int_ty t
  | U_int32_ty s, U_int32_ty t | U_nativeint_ty s, U_nativeint_ty t | U_int64_ty s, U_int64_ty t
  | U_float_ty s, U_float_ty t | U_bool_ty s, U_bool_ty t | U_alpha_ty s, U_alpha_ty t
  | U_theta_ty s, U_theta_ty t | U_any_ty s, U_any_ty t | U_reader_ty s, U_reader_ty t
  | U_ignored_reader_ty s, U_ignored_reader_ty t ->
    skip_prefix s t
  | U_format_arg_ty (a, s), U_format_arg_ty (b, t) ->
    if same_uty a b then skip_prefix s t else raise Type_mismatch
  | U_format_subst_ty (a, _, s), U_format_subst_ty (b, _, t) ->
    if same_uty a b then skip_prefix s t else raise Type_mismatch
  | _ -> raise Type_mismatch

let rec check f ty =
  match f with
  | U_end_of_format -> (U_end_of_format, ty)
  | U_char r -> let r, t = check r (char_ty ty) in (U_char r, t)
  | U_caml_char r -> let r, t = check r (char_ty ty) in (U_caml_char r, t)
  (* OCaml's check refuses "%0c" (scan the next character) whatever the expected type. *)
  | U_scan_next_char _ -> raise Type_mismatch
  | U_string (pad, r) -> let r, t = check r (string_ty (take_pad pad ty)) in (U_string (pad, r), t)
  | U_caml_string (pad, r) ->
    let r, t = check r (string_ty (take_pad pad ty)) in
    (U_caml_string (pad, r), t)
  | U_scan_char_set (w, set, r) ->
    let r, t = check r (string_ty ty) in
    (U_scan_char_set (w, set, r), t)
  | U_scan_get_counter (c, r) ->
    let r, t = check r (int_ty ty) in
    (U_scan_get_counter (c, r), t)
  | U_int (c, pad, prec, r) ->
    let r, t = check r (int_ty (take_prec prec (take_pad pad ty))) in
    (U_int (c, pad, prec, r), t)
  | U_int32 (c, pad, prec, r) -> (
      match take_prec prec (take_pad pad ty) with
      | U_int32_ty rest -> let r, t = check r rest in (U_int32 (c, pad, prec, r), t)
      | _ -> raise Type_mismatch)
  | U_nativeint (c, pad, prec, r) -> (
      match take_prec prec (take_pad pad ty) with
      | U_nativeint_ty rest -> let r, t = check r rest in (U_nativeint (c, pad, prec, r), t)
      | _ -> raise Type_mismatch)
  | U_int64 (c, pad, prec, r) -> (
      match take_prec prec (take_pad pad ty) with
      | U_int64_ty rest -> let r, t = check r rest in (U_int64 (c, pad, prec, r), t)
      | _ -> raise Type_mismatch)
  | U_float (c, pad, prec, r) -> (
      match take_prec prec (take_pad pad ty) with
      | U_float_ty rest -> let r, t = check r rest in (U_float (c, pad, prec, r), t)
      | _ -> raise Type_mismatch)
  | U_bool (pad, r) -> (
      match take_pad pad ty with
      | U_bool_ty rest -> let r, t = check r rest in (U_bool (pad, r), t)
      | _ -> raise Type_mismatch)
  | U_flush r -> let r, t = check r ty in (U_flush r, t)
  | U_string_literal (s, r) -> let r, t = check r ty in (U_string_literal (s, r), t)
  | U_char_literal (c, r) -> let r, t = check r ty in (U_char_literal (c, r), t)
  | U_formatting_lit (l, r) -> let r, t = check r ty in (U_formatting_lit (l, r), t)
  | U_format_arg (pad, sub, r) -> (
      match ty with
      | U_format_arg_ty (expected, rest) when same_uty sub expected ->
        let r, t = check r rest in
        (U_format_arg (pad, expected, r), t)
      | _ -> raise Type_mismatch)
  | U_format_subst (pad, sub, r) -> (
      match ty with
      | U_format_subst_ty (expected, _, rest) when same_uty sub expected ->
        let r, t = check r rest in
        (U_format_subst (pad, expected, r), t)
      | _ -> raise Type_mismatch)
  | U_alpha r -> (
      match ty with U_alpha_ty rest -> let r, t = check r rest in (U_alpha r, t) | _ -> raise Type_mismatch)
  | U_theta r -> (
      match ty with U_theta_ty rest -> let r, t = check r rest in (U_theta r, t) | _ -> raise Type_mismatch)
  | U_reader r -> (
      match ty with U_reader_ty rest -> let r, t = check r rest in (U_reader r, t) | _ -> raise Type_mismatch)
  | U_formatting_gen (U_open_tag (U_format (sub, src)), r) ->
    let sub, t = check sub ty in
    let r, t = check r t in
    (U_formatting_gen (U_open_tag (U_format (sub, src)), r), t)
  | U_formatting_gen (U_open_box (U_format (sub, src)), r) ->
    let sub, t = check sub ty in
    let r, t = check r t in
    (U_formatting_gen (U_open_box (U_format (sub, src)), r), t)
  | U_ignored_param (U_ignored_reader, r) -> (
      match ty with
      | U_ignored_reader_ty rest -> let r, t = check r rest in (U_ignored_param (U_ignored_reader, r), t)
      | _ -> raise Type_mismatch)
  | U_ignored_param ((U_ignored_format_subst (_, sub) as ign), r) ->
    let r, t = check r (skip_prefix sub ty) in
    (U_ignored_param (ign, r), t)
  | U_ignored_param (ign, r) -> let r, t = check r ty in (U_ignored_param (ign, r), t)
  | U_custom _ -> raise Type_mismatch

(* The parsed [str] as a format of the argument types [ty]; [Type_mismatch] otherwise. *)
let type_format_string str ty =
  let f = parse_format str in
  match check f ty with
  | f, U_end_of_fmtty -> f
  | _ -> raise Type_mismatch

let format_of_string_fmtty str fmtty =
  let f =
    try type_format_string str (magic fmtty) with
    | Type_mismatch ->
      failwith
        ("bad input: format type mismatch between " ^ quoted str ^ " and " ^ quoted (string_of_fmtty fmtty))
  in
  Format (magic f, str)

let format_of_string_format str (Format (fmt, text)) =
  let f =
    try type_format_string str (uty_of_ufmt (magic fmt)) with
    | Type_mismatch ->
      failwith ("bad input: format type mismatch between " ^ quoted str ^ " and " ^ quoted text)
  in
  Format (magic f, str)

(* Scanf's "%( %)": the format read is checked against the substitution's argument types;
   a mismatch escapes as [Type_mismatch], as in OCaml. *)
let format_of_string_subst str fmtty = Format (magic (type_format_string str (magic fmtty)), str)
