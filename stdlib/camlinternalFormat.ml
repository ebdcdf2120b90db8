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
