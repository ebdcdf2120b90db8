(* Exceptions as text, backtraces, and the handler of uncaught exceptions. *)

type t = exn = ..

let printers : (exn -> string option) list ref = ref []

let locfmt = format_of_string "File \"%s\", line %d, characters %d-%d: %s"

(* An exception argument, printed as OCaml does without type information. *)
let field x i =
  let f = Obj.field x i in
  if not (Obj.is_block f) then Printf.sprintf "%d" (Obj.magic f : int)
  else if Obj.tag f = Obj.string_tag then Printf.sprintf "%S" (Obj.magic f : string)
  else if Obj.tag f = Obj.double_tag then string_of_float (Obj.magic f : float)
  else "_"

let fields x =
  match Obj.size x with
  | 0 | 1 -> ""
  | 2 -> Printf.sprintf "(%s)" (field x 1)
  | n ->
    let rest = Buffer.create 16 in
    for i = 2 to n - 1 do
      Buffer.add_string rest (", " ^ field x i)
    done;
    Printf.sprintf "(%s%s)" (field x 1) (Buffer.contents rest)

let to_string_default = function
  | Out_of_memory -> "Out of memory"
  | Stack_overflow -> "Stack overflow"
  | Match_failure (file, line, char) -> Printf.sprintf locfmt file line char (char + 5) "Pattern matching failed"
  | Assert_failure (file, line, char) -> Printf.sprintf locfmt file line char (char + 6) "Assertion failed"
  | Undefined_recursive_module (file, line, char) ->
    Printf.sprintf locfmt file line char (char + 6) "Undefined recursive module"
  | e ->
    let x = Obj.repr e in
    (* a constant exception is its constructor (an object-tagged block); otherwise the
       constructor is the first field *)
    if Obj.tag x <> 0 then (Obj.magic (Obj.field x 0) : string)
    else
      let constructor = (Obj.magic (Obj.field (Obj.field x 0) 0) : string) in
      constructor ^ fields x

let use_printers e =
  let rec go = function
    | [] -> None
    | p :: rest -> (match (try p e with _ -> None) with Some s -> Some s | None -> go rest)
  in
  go !printers

let to_string e = match use_printers e with Some s -> s | None -> to_string_default e

let print f x =
  try f x
  with e ->
    Printf.eprintf "Uncaught exception: %s\n" (to_string e);
    flush stderr;
    raise e

let catch f x =
  try f x
  with e ->
    flush stdout;
    Printf.eprintf "Uncaught exception: %s\n" (to_string e);
    exit 2

(* Newest printer first. *)
let register_printer p = printers := p :: !printers

(* Backtraces, from the runtime *)

type raw_backtrace
type raw_backtrace_entry = int

external raw_backtrace_entries : raw_backtrace -> raw_backtrace_entry array = "%identity"
external get_raw_backtrace : unit -> raw_backtrace = "caml_get_exception_raw_backtrace"
external raise_with_backtrace : exn -> raw_backtrace -> 'a = "%raise_with_backtrace"
external get_callstack : int -> raw_backtrace = "caml_get_current_callstack"
external record_backtrace : bool -> unit = "caml_record_backtrace"
external backtrace_status : unit -> bool = "caml_backtrace_status"

type location = { filename : string; line_number : int; start_char : int; end_char : int }

(* The layout the runtime builds for a decoded frame. *)
type backtrace_slot =
  | Known_location of {
      is_raise : bool;
      filename : string;
      line_number : int;
      start_char : int;
      end_char : int;
      is_inline : bool;
      defname : string;
    }
  | Unknown_location of { is_raise : bool }
[@@warning "-37"]

external convert_raw_backtrace_slots : raw_backtrace -> backtrace_slot array = "caml_convert_raw_backtrace"

let backtrace_slots raw =
  match convert_raw_backtrace_slots raw with
  | slots ->
    if Array.exists (function Known_location _ -> true | Unknown_location _ -> false) slots then Some slots
    else None
  | exception Failure _ -> None

let backtrace_slots_of_raw_entry entry = backtrace_slots (Obj.magic [| entry |] : raw_backtrace)

let format_slot pos slot =
  let what is_raise =
    if is_raise then if pos = 0 then "Raised at" else "Re-raised at"
    else if pos = 0 then "Raised by primitive operation at"
    else "Called from"
  in
  match slot with
  | Unknown_location { is_raise } -> if is_raise then None else Some (what false ^ " unknown location")
  | Known_location l ->
    Some
      (Printf.sprintf "%s %s in file \"%s\"%s, line %d, characters %d-%d" (what l.is_raise) l.defname l.filename
         (if l.is_inline then " (inlined)" else "")
         l.line_number l.start_char l.end_char)

let no_debug_info = "(Program not linked with -g, cannot print stack backtrace)\n"

let raw_backtrace_to_string raw =
  match convert_raw_backtrace_slots raw with
  | exception Failure _ -> no_debug_info
  | slots ->
    let b = Buffer.create 1024 in
    Array.iteri
      (fun i slot -> match format_slot i slot with None -> () | Some s -> Buffer.add_string b (s ^ "\n"))
      slots;
    Buffer.contents b

let print_raw_backtrace oc raw = output_string oc (raw_backtrace_to_string raw)
let print_backtrace oc = print_raw_backtrace oc (get_raw_backtrace ())
let get_backtrace () = raw_backtrace_to_string (get_raw_backtrace ())

module Slot = struct
  type t = backtrace_slot

  let format = format_slot
  let is_raise = function Known_location { is_raise; _ } | Unknown_location { is_raise } -> is_raise
  let is_inline = function Known_location { is_inline; _ } -> is_inline | Unknown_location _ -> false

  let location = function
    | Unknown_location _ -> None
    | Known_location { filename; line_number; start_char; end_char; _ } ->
      Some { filename; line_number; start_char; end_char }

  let name = function Known_location { defname; _ } -> Some defname | Unknown_location _ -> None
end

type raw_backtrace_slot

external raw_backtrace_length : raw_backtrace -> int = "caml_raw_backtrace_length"
external get_raw_backtrace_slot : raw_backtrace -> int -> raw_backtrace_slot = "caml_raw_backtrace_slot"
external convert_raw_backtrace_slot : raw_backtrace_slot -> backtrace_slot = "caml_convert_raw_backtrace_slot"
external get_raw_backtrace_next_slot : raw_backtrace_slot -> raw_backtrace_slot option = "caml_raw_backtrace_next_slot"

(* The constructor of an exception value: itself when constant, else its first field. *)
let constructor_of e =
  let x = Obj.repr e in
  if Obj.tag x <> 0 then x else Obj.field x 0

let exn_slot_id e = (Obj.magic (Obj.field (constructor_of e) 1) : int)
let exn_slot_name e = (Obj.magic (Obj.field (constructor_of e) 0) : string)

(* Uncaught exceptions *)

let default_uncaught_exception_handler e raw =
  Printf.eprintf "Fatal error: exception %s\n" (to_string e);
  print_raw_backtrace stderr raw;
  flush stderr

let uncaught_exception_handler = ref default_uncaught_exception_handler
let set_uncaught_exception_handler h = uncaught_exception_handler := h

(* Called by the runtime for an exception that escapes the program: run the at_exit
   functions (flushing the channels), then the handler. *)
let handle_uncaught_exception e (_debugger_in_use : bool) =
  try
    let raw = try get_raw_backtrace () with _ -> (Obj.magic [||] : raw_backtrace) in
    (try do_at_exit () with _ -> ());
    try !uncaught_exception_handler e raw
    with e' ->
      Printf.eprintf "Fatal error: exception %s\n" (to_string e);
      Printf.eprintf "Fatal error in uncaught exception handler: exception %s\n" (to_string e');
      flush stderr
  with Out_of_memory -> prerr_endline "Fatal error: out of memory in uncaught exception handler"

external register_named_value : string -> (exn -> bool -> unit) -> unit = "caml_register_named_value"

let () = register_named_value "Printexc.handle_uncaught_exception" handle_uncaught_exception
