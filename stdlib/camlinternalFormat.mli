(* The format interpreter shared by Printf and Format (an internal unit of this project; its
   interface is ours, not OCaml's CamlinternalFormat). *)

open CamlinternalFormatBasics

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

val make_printf : (('b, 'c) acc -> 'f) -> ('b, 'c) acc -> ('a, 'b, 'c, 'd, 'e, 'f) fmt -> 'a
val output_acc : out_channel -> (out_channel, unit) acc -> unit
val bufput_acc : Buffer.t -> (Buffer.t, unit) acc -> unit
val strput_acc : Buffer.t -> (unit, string) acc -> unit
val string_of_formatting_lit : formatting_lit -> string
val string_of_fmtty : ('a, 'b, 'c, 'd, 'e, 'f) fmtty -> string
val fix_padding : padty -> int -> string -> string
val convert_float : float_conv -> int -> float -> string

(* Formats read at run time: parsed, then checked against the argument types expected.
   Errors are [Failure] with OCaml's texts ("invalid format ...", "bad input: format type
   mismatch between ..."). *)
exception Type_mismatch

val format_of_string_fmtty :
  string -> ('a, 'b, 'c, 'd, 'e, 'f) fmtty -> ('a, 'b, 'c, 'd, 'e, 'f) format6

val format_of_string_format :
  string -> ('a, 'b, 'c, 'd, 'e, 'f) format6 -> ('a, 'b, 'c, 'd, 'e, 'f) format6

(* For Scanf's "%( %)": raises [Type_mismatch] itself when the types differ. *)
val format_of_string_subst :
  string -> ('a, 'b, 'c, 'd, 'e, 'f, 'g, 'h, 'i, 'j, 'k, 'l) fmtty_rel -> ('a, 'b, 'c, 'd, 'e, 'f) format6
