(* Pretty-printing with boxes and break hints.

   How it works. Printing requests become tokens in a queue. A token whose size is not yet
   known (a box opening, a break hint) waits in the queue, and a stack of such pending tokens
   ("scan stack") lets the printer fill in their sizes: a break's size is the length of the text
   up to the next break or the end of its box, a box's size the length of its whole contents.
   Tokens leave the queue from the front as soon as their size is known or as soon as the text
   queued after them no longer fits on the line anyway (their size is then taken as infinite).
   When a token leaves the queue it is "laid out": text goes to the output, a box records its
   kind and indentation, a break either emits spaces or starts a new line according to the kind
   of the enclosing box and the room left on the line. *)

(* Kinds of boxes. [Fits] is what a box becomes when its whole contents fit on the line. *)
type box_kind = Hbox | Vbox | HVbox | HOVbox | Structural | Fits

type stag = ..
type tag = string
type stag += String_tag of tag

type token =
  | Text of string
  | Break of { fits : string * int * string; breaks : string * int * string }
  | Tab_break of int * int
  | Set_tab
  | Open_box of int * box_kind
  | Close_box
  | Open_tabs of int list ref
  | Close_tabs
  | Newline
  | If_newline
  | Open_stag of stag
  | Close_stag

(* A queued token. [size] is negative while unknown: it then holds minus the total length
   queued when the token was queued, so that adding the current total gives the size. *)
type queued = { mutable size : int; token : token; length : int }

(* A box being laid out: its kind and the room that was left on the line where it opened. *)
type open_box = { kind : box_kind; room : int }

type formatter_out_functions = {
  out_string : string -> int -> int -> unit;
  out_flush : unit -> unit;
  out_newline : unit -> unit;
  out_spaces : int -> unit;
  out_indent : int -> unit;
}

type formatter_stag_functions = {
  mark_open_stag : stag -> string;
  mark_close_stag : stag -> string;
  print_open_stag : stag -> unit;
  print_close_stag : stag -> unit;
}

(* What a formatter records instead of laying out (see [record_printing]): queued tokens and
   flushes (with a newline or not). *)
type recorded = Queued of queued | Flushed of bool

type formatter = {
  queue : queued Queue.t;
  (* [Some tokens] while an installed printer of the toplevel prints: newest first. *)
  mutable recording : recorded list option;
  (* Pending tokens, each with the [left_total] of the moment it was pushed. *)
  mutable scan : (int * queued) list;
  mutable boxes : open_box list;
  mutable tab_boxes : int list ref list;
  mutable printed_tags : stag list;
  mutable marked_tags : stag list;
  mutable margin : int;
  mutable min_space_left : int;
  mutable max_indent : int;
  mutable space_left : int;
  mutable current_indent : int;
  mutable is_new_line : bool;
  (* Total length of the tokens laid out / queued so far. *)
  mutable left_total : int;
  mutable right_total : int;
  mutable depth : int;
  mutable max_boxes : int;
  mutable ellipsis : string;
  mutable out_string : string -> int -> int -> unit;
  mutable out_flush : unit -> unit;
  mutable out_newline : unit -> unit;
  mutable out_spaces : int -> unit;
  mutable out_indent : int -> unit;
  mutable print_tags : bool;
  mutable mark_tags : bool;
  mutable mark_open_stag : stag -> string;
  mutable mark_close_stag : stag -> string;
  mutable print_open_stag : stag -> unit;
  mutable print_close_stag : stag -> unit;
}

(* A size that stands for "does not fit anywhere". *)
let infinity = 1000000010

(* Output *)

let emit_string f s = f.out_string s 0 (String.length s)

let emit_text f size s =
  f.space_left <- f.space_left - size;
  emit_string f s;
  f.is_new_line <- false

let emit_text_if_any f s = if s <> "" then emit_text f (String.length s) s

(* Start a new line inside a box that opened with [room] left; [offset] adds to the box's
   indentation, which never exceeds the maximal indentation. *)
let new_line f (before, offset, after) room =
  emit_text_if_any f before;
  f.out_newline ();
  f.is_new_line <- true;
  let indent = min f.max_indent (f.margin - room + offset) in
  f.current_indent <- indent;
  f.space_left <- f.margin - indent;
  f.out_indent indent;
  emit_text_if_any f after

let plain_new_line f room = new_line f ("", 0, "") room

let same_line f (before, spaces, after) =
  emit_text_if_any f before;
  f.space_left <- f.space_left - spaces;
  f.out_spaces spaces;
  emit_text_if_any f after

(* A box cannot open beyond the maximal indentation: the line is broken first, if the
   enclosing box allows it. *)
let break_before_box f =
  match f.boxes with
  | [] -> f.out_newline ()
  | { kind; room } :: _ ->
    if room > f.space_left then
      match kind with
      | Fits | Hbox -> ()
      | Vbox | HVbox | HOVbox | Structural -> plain_new_line f room

(* Lay out the token at the front of the queue; [size] is its size (or [infinity]). *)
let rec layout f size = function
  | Text s -> emit_text f size s
  | Open_box (offset, kind) ->
    if f.margin - f.space_left > f.max_indent then break_before_box f;
    let kind = match kind with Vbox -> Vbox | _ -> if size > f.space_left then kind else Fits in
    f.boxes <- { kind; room = f.space_left - offset } :: f.boxes
  | Close_box -> (match f.boxes with [] -> () | _ :: rest -> f.boxes <- rest)
  | Open_tabs tabs -> f.tab_boxes <- tabs :: f.tab_boxes
  | Close_tabs -> (match f.tab_boxes with [] -> () | _ :: rest -> f.tab_boxes <- rest)
  | Set_tab -> (
      match f.tab_boxes with
      | [] -> ()
      | tabs :: _ ->
        let rec insert col = function
          | [] -> [ col ]
          | x :: rest as l -> if col < x then col :: l else x :: insert col rest
        in
        tabs := insert (f.margin - f.space_left) !tabs)
  | Tab_break (spaces, offset) -> (
      match f.tab_boxes with
      | [] -> ()
      | tabs :: _ ->
        let column = f.margin - f.space_left in
        let tab =
          match !tabs with
          | [] -> column
          | first :: _ ->
            let rec next = function [] -> first | t :: rest -> if t >= column then t else next rest in
            next !tabs
        in
        let gap = tab - column in
        if gap >= 0 then same_line f ("", gap + spaces, "")
        else new_line f ("", tab + offset, "") f.margin)
  | Newline -> (
      match f.boxes with
      | { room; _ } :: _ -> plain_new_line f room
      | [] -> f.out_newline ())
  | If_newline -> if f.current_indent <> f.margin - f.space_left then skip_front f
  | Break { fits; breaks } -> (
      match f.boxes with
      | [] -> ()
      | { kind; room } :: _ -> (
          let breaks_before, offset, _ = breaks in
          let too_long () = size + String.length breaks_before > f.space_left in
          match kind with
          | HOVbox -> if too_long () then new_line f breaks room else same_line f fits
          | Structural ->
            if f.is_new_line then same_line f fits
            else if too_long () then new_line f breaks room
            else if f.current_indent > f.margin - room + offset then new_line f breaks room
            else same_line f fits
          | HVbox | Vbox -> new_line f breaks room
          | Fits | Hbox -> same_line f fits))
  | Open_stag tag ->
    emit_string f (f.mark_open_stag tag);
    f.marked_tags <- tag :: f.marked_tags
  | Close_stag -> (
      match f.marked_tags with
      | [] -> ()
      | tag :: rest ->
        f.marked_tags <- rest;
        emit_string f (f.mark_close_stag tag))

(* Drop the token at the front of the queue (after an [If_newline] that did not apply). *)
and skip_front f =
  match Queue.take_opt f.queue with
  | None -> ()
  | Some { size; length; _ } ->
    f.left_total <- f.left_total - length;
    f.space_left <- f.space_left + size

(* Lay out the tokens at the front of the queue that can be. *)
let rec advance f =
  match Queue.peek_opt f.queue with
  | None -> ()
  | Some { size; token; length } ->
    if size >= 0 || f.right_total - f.left_total >= f.space_left then begin
      ignore (Queue.take f.queue);
      layout f (if size >= 0 then size else infinity) token;
      f.left_total <- length + f.left_total;
      advance f
    end

let enqueue f item =
  match f.recording with
  | Some tokens -> f.recording <- Some (Queued item :: tokens)
  | None ->
    f.right_total <- f.right_total + item.length;
    Queue.add item f.queue

let enqueue_advance f item =
  enqueue f item;
  advance f

let enqueue_text f size s = enqueue_advance f { size; token = Text s; length = size }

(* The bottom of the scan stack: a token that never gets a size. *)
let scan_bottom () = [ (-1, { size = -1; token = Text ""; length = 0 }) ]

(* The text queued since the pending token on top of the scan stack is complete: a break
   ([closing_break]) ends the previous break's extent, a box closing ends a box's. *)
let settle f closing_break =
  match f.scan with
  | _ when f.recording <> None -> ()
  | [] -> ()
  | (left_total, item) :: rest ->
    if left_total < f.left_total then f.scan <- scan_bottom ()
    else begin
      match item.token with
      | Break _ | Tab_break _ ->
        if closing_break then begin
          item.size <- f.right_total + item.size;
          f.scan <- rest
        end
      | Open_box _ ->
        if not closing_break then begin
          item.size <- f.right_total + item.size;
          f.scan <- rest
        end
      | Text _ | Set_tab | Open_tabs _ | Close_tabs | Close_box | Newline | If_newline
      | Open_stag _ | Close_stag ->
        ()
    end

let push_pending f is_break item =
  enqueue f item;
  if f.recording = None then begin
    if is_break then settle f true;
    f.scan <- (f.right_total, item) :: f.scan
  end

(* Boxes *)

let open_box_gen f indent kind =
  f.depth <- f.depth + 1;
  if f.depth < f.max_boxes then
    push_pending f false { size = - f.right_total; token = Open_box (indent, kind); length = 0 }
  else if f.depth = f.max_boxes then
    enqueue_text f (String.length f.ellipsis) f.ellipsis

let pp_open_box f indent = open_box_gen f indent Structural
let pp_open_hbox f () = open_box_gen f 0 Hbox
let pp_open_vbox f indent = open_box_gen f indent Vbox
let pp_open_hvbox f indent = open_box_gen f indent HVbox
let pp_open_hovbox f indent = open_box_gen f indent HOVbox

(* The outermost (system) box is never closed by the user. *)
let pp_close_box f () =
  if f.depth > 1 then begin
    if f.depth < f.max_boxes then begin
      enqueue f { size = 0; token = Close_box; length = 0 };
      settle f true;
      settle f false
    end;
    f.depth <- f.depth - 1
  end

(* Tags *)

let pp_open_stag f tag =
  if f.print_tags then begin
    f.printed_tags <- tag :: f.printed_tags;
    f.print_open_stag tag
  end;
  if f.mark_tags then enqueue f { size = 0; token = Open_stag tag; length = 0 }

let pp_close_stag f () =
  if f.mark_tags then enqueue f { size = 0; token = Close_stag; length = 0 };
  if f.print_tags then
    match f.printed_tags with
    | [] -> ()
    | tag :: rest ->
      f.printed_tags <- rest;
      f.print_close_stag tag

let pp_open_tag f s = pp_open_stag f (String_tag s)
let pp_close_tag f () = pp_close_stag f ()

let pp_set_print_tags f b = f.print_tags <- b
let pp_set_mark_tags f b = f.mark_tags <- b
let pp_get_print_tags f () = f.print_tags
let pp_get_mark_tags f () = f.mark_tags
let pp_set_tags f b = pp_set_print_tags f b; pp_set_mark_tags f b

let pp_get_formatter_stag_functions (f : formatter) () : formatter_stag_functions =
  { mark_open_stag = f.mark_open_stag; mark_close_stag = f.mark_close_stag;
    print_open_stag = f.print_open_stag; print_close_stag = f.print_close_stag }

let pp_set_formatter_stag_functions f
    ({ mark_open_stag; mark_close_stag; print_open_stag; print_close_stag } : formatter_stag_functions) =
  f.mark_open_stag <- mark_open_stag;
  f.mark_close_stag <- mark_close_stag;
  f.print_open_stag <- print_open_stag;
  f.print_close_stag <- print_close_stag

type formatter_tag_functions = {
  mark_open_tag : tag -> string;
  mark_close_tag : tag -> string;
  print_open_tag : tag -> unit;
  print_close_tag : tag -> unit;
}

let pp_set_formatter_tag_functions f
    { mark_open_tag; mark_close_tag; print_open_tag; print_close_tag } =
  let on_string g other = function String_tag s -> g s | _ -> other in
  f.mark_open_stag <- on_string mark_open_tag "";
  f.mark_close_stag <- on_string mark_close_tag "";
  f.print_open_stag <- on_string print_open_tag ();
  f.print_close_stag <- on_string print_close_tag ()

let pp_get_formatter_tag_functions f () =
  { mark_open_tag = (fun s -> f.mark_open_stag (String_tag s));
    mark_close_tag = (fun s -> f.mark_close_stag (String_tag s));
    print_open_tag = (fun s -> f.print_open_stag (String_tag s));
    print_close_tag = (fun s -> f.print_close_stag (String_tag s)) }

(* Resetting and flushing *)

let reset f =
  f.left_total <- 1;
  f.right_total <- 1;
  Queue.clear f.queue;
  f.scan <- scan_bottom ();
  f.boxes <- [];
  f.tab_boxes <- [];
  f.printed_tags <- [];
  f.marked_tags <- [];
  f.current_indent <- 0;
  f.depth <- 0;
  f.space_left <- f.margin;
  open_box_gen f 0 HOVbox

(* Close what is open, lay out everything, and start afresh. *)
let flush_queue f with_newline =
  match f.recording with
  | Some tokens ->
    f.recording <- Some (Flushed with_newline :: tokens);
    f.depth <- 1
  | None ->
    List.iter (fun _ -> pp_close_stag f ()) f.printed_tags;
    while f.depth > 1 do pp_close_box f () done;
    f.right_total <- infinity;
    advance f;
    if with_newline then f.out_newline ();
    reset f

(* Printing *)

let print_as_size f size s = if f.depth < f.max_boxes then enqueue_text f size s
let pp_print_as f size s = print_as_size f size s
let pp_print_string f s = pp_print_as f (String.length s) s
let pp_print_bytes f b = pp_print_string f (Bytes.to_string b)
let pp_print_int f n = pp_print_string f (Int.to_string n)
let pp_print_float f x = pp_print_string f (string_of_float x)
let pp_print_bool f b = pp_print_string f (string_of_bool b)
let pp_print_char f c = pp_print_as f 1 (String.make 1 c)

let pp_print_newline f () = flush_queue f true; f.out_flush ()
let pp_print_flush f () = flush_queue f false; f.out_flush ()

let pp_force_newline f () =
  if f.depth < f.max_boxes then enqueue_advance f { size = 0; token = Newline; length = 0 }

let pp_print_if_newline f () =
  if f.depth < f.max_boxes then enqueue_advance f { size = 0; token = If_newline; length = 0 }

let pp_print_custom_break f ~fits ~breaks =
  let before, spaces, after = fits in
  if f.depth < f.max_boxes then
    push_pending f true
      { size = - f.right_total; token = Break { fits; breaks };
        length = String.length before + spaces + String.length after }

let pp_print_break f spaces offset =
  pp_print_custom_break f ~fits:("", spaces, "") ~breaks:("", offset, "")

let pp_print_space f () = pp_print_break f 1 0
let pp_print_cut f () = pp_print_break f 0 0

(* Tabulation boxes *)

let pp_open_tbox f () =
  f.depth <- f.depth + 1;
  if f.depth < f.max_boxes then
    enqueue_advance f { size = 0; token = Open_tabs (ref []); length = 0 }

(* As in OCaml, the depth only goes down when the box was really opened. *)
let pp_close_tbox f () =
  if f.depth > 1 && f.depth < f.max_boxes then begin
    enqueue_advance f { size = 0; token = Close_tabs; length = 0 };
    f.depth <- f.depth - 1
  end

let pp_print_tbreak f spaces offset =
  if f.depth < f.max_boxes then
    push_pending f true { size = - f.right_total; token = Tab_break (spaces, offset); length = spaces }

let pp_print_tab f () = pp_print_tbreak f 0 0

let pp_set_tab f () =
  if f.depth < f.max_boxes then enqueue_advance f { size = 0; token = Set_tab; length = 0 }

(* Limits and geometry *)

let pp_set_max_boxes f n = if n > 1 then f.max_boxes <- n
let pp_get_max_boxes f () = f.max_boxes
let pp_over_max_boxes f () = f.depth = f.max_boxes
let pp_set_ellipsis_text f s = f.ellipsis <- s
let pp_get_ellipsis_text f () = f.ellipsis

let below_infinity n = if n < infinity then n else pred infinity

let pp_set_min_space_left f n =
  if n >= 1 then begin
    let n = below_infinity n in
    f.min_space_left <- n;
    f.max_indent <- f.margin - n;
    reset f
  end

let pp_set_max_indent f n = if n > 1 then pp_set_min_space_left f (f.margin - n)
let pp_get_max_indent f () = f.max_indent

let pp_set_margin f n =
  if n >= 1 then begin
    let n = below_infinity n in
    f.margin <- n;
    let max_indent =
      if f.max_indent <= n then f.max_indent
      else max (max (n - f.min_space_left) (n / 2)) 1
    in
    pp_set_max_indent f max_indent
  end

let pp_get_margin f () = f.margin

type geometry = { max_indent : int; margin : int }

let geometry_error { max_indent; margin } =
  if max_indent < 2 then Some "max_indent < 2"
  else if margin <= max_indent then Some "margin <= max_indent"
  else None

let check_geometry g = geometry_error g = None

let set_geometry_unchecked f ({ max_indent; margin } : geometry) =
  pp_set_margin f margin;
  pp_set_max_indent f max_indent

let pp_set_geometry f ~max_indent ~margin =
  let g = { max_indent; margin } in
  match geometry_error g with
  | Some msg -> invalid_arg ("Format.pp_set_geometry: " ^ msg)
  | None -> set_geometry_unchecked f g

let pp_safe_set_geometry f ~max_indent ~margin =
  let g = { max_indent; margin } in
  if check_geometry g then set_geometry_unchecked f g

let pp_get_geometry (f : formatter) () : geometry = { margin = f.margin; max_indent = f.max_indent }
let pp_update_geometry f update = set_geometry_unchecked f (update (pp_get_geometry f ()))

(* Output functions *)

let spaces80 = String.make 80 ' '

let rec output_blanks f n =
  if n > 0 then
    if n <= 80 then f.out_string spaces80 0 n
    else begin
      f.out_string spaces80 0 80;
      output_blanks f (n - 80)
    end

let output_newline f () = f.out_string "\n" 0 1

let pp_set_formatter_out_functions f
    ({ out_string; out_flush; out_newline; out_spaces; out_indent } : formatter_out_functions) =
  f.out_string <- out_string;
  f.out_flush <- out_flush;
  f.out_newline <- out_newline;
  f.out_spaces <- out_spaces;
  f.out_indent <- out_indent

let pp_get_formatter_out_functions (f : formatter) () : formatter_out_functions =
  { out_string = f.out_string; out_flush = f.out_flush; out_newline = f.out_newline;
    out_spaces = f.out_spaces; out_indent = f.out_indent }

let pp_set_formatter_output_functions f out flush =
  f.out_string <- out;
  f.out_flush <- flush

let pp_get_formatter_output_functions f () = (f.out_string, f.out_flush)

let pp_set_all_formatter_output_functions f ~out ~flush ~newline ~spaces =
  pp_set_formatter_output_functions f out flush;
  f.out_newline <- newline;
  f.out_spaces <- spaces

let pp_get_all_formatter_output_functions f () =
  (f.out_string, f.out_flush, f.out_newline, f.out_spaces)

let use_standard_layout_output f =
  f.out_newline <- output_newline f;
  f.out_spaces <- output_blanks f;
  f.out_indent <- output_blanks f

let pp_set_formatter_out_channel f oc =
  f.out_string <- output_substring oc;
  f.out_flush <- (fun () -> flush oc);
  use_standard_layout_output f

(* Making formatters *)

let default_mark_open = function String_tag s -> "<" ^ s ^ ">" | _ -> ""
let default_mark_close = function String_tag s -> "</" ^ s ^ ">" | _ -> ""

let make_raw out_string out_flush out_newline out_spaces out_indent =
  let margin = 78 and min_space_left = 10 in
  let f =
    { queue = Queue.create (); recording = None; scan = scan_bottom (); boxes = []; tab_boxes = [];
      printed_tags = []; marked_tags = []; margin; min_space_left;
      max_indent = margin - min_space_left; space_left = margin; current_indent = 0;
      is_new_line = true; left_total = 1; right_total = 1; depth = 1; max_boxes = max_int;
      ellipsis = "."; out_string; out_flush; out_newline; out_spaces; out_indent;
      print_tags = false; mark_tags = false; mark_open_stag = default_mark_open;
      mark_close_stag = default_mark_close; print_open_stag = ignore; print_close_stag = ignore }
  in
  (* The system box, open from the start. *)
  let system_box = { size = -1; token = Open_box (0, HOVbox); length = 0 } in
  Queue.add system_box f.queue;
  f.scan <- (1, system_box) :: f.scan;
  f

let formatter_of_out_functions
    ({ out_string; out_flush; out_newline; out_spaces; out_indent } : formatter_out_functions) =
  make_raw out_string out_flush out_newline out_spaces out_indent

let make_formatter out_string out_flush =
  let f = make_raw out_string out_flush ignore ignore ignore in
  use_standard_layout_output f;
  f

let formatter_of_out_channel oc = make_formatter (output_substring oc) (fun () -> flush oc)
let formatter_of_buffer b = make_formatter (Buffer.add_substring b) ignore

let std_formatter = formatter_of_out_channel stdout
let err_formatter = formatter_of_out_channel stderr
let stdbuf = Buffer.create 512
let str_formatter = formatter_of_buffer stdbuf

let flush_buffer_formatter b f =
  flush_queue f false;
  let s = Buffer.contents b in
  Buffer.reset b;
  s

let flush_str_formatter () = flush_buffer_formatter stdbuf str_formatter

(* Symbolic output *)

type symbolic_output_item =
  | Output_flush
  | Output_newline
  | Output_string of string
  | Output_spaces of int
  | Output_indent of int

type symbolic_output_buffer = { mutable items : symbolic_output_item list }

let make_symbolic_output_buffer () = { items = [] }
let clear_symbolic_output_buffer sob = sob.items <- []
let get_symbolic_output_buffer sob = List.rev sob.items

let flush_symbolic_output_buffer sob =
  let items = get_symbolic_output_buffer sob in
  clear_symbolic_output_buffer sob;
  items

let add_symbolic_output_item sob item = sob.items <- item :: sob.items

let formatter_of_symbolic_output_buffer sob =
  let add = add_symbolic_output_item sob in
  make_raw
    (fun s pos len -> add (Output_string (String.sub s pos len)))
    (fun () -> add Output_flush)
    (fun () -> add Output_newline)
    (fun n -> add (Output_spaces n))
    (fun n -> add (Output_indent n))

(* Combinators *)

let rec pp_print_list ?(pp_sep = pp_print_cut) pp_v f = function
  | [] -> ()
  | [ v ] -> pp_v f v
  | v :: rest ->
    pp_v f v;
    pp_sep f ();
    pp_print_list ~pp_sep pp_v f rest

let pp_print_seq ?(pp_sep = pp_print_cut) pp_v f seq =
  let rec after_first seq =
    match seq () with
    | Seq.Nil -> ()
    | Seq.Cons (v, rest) ->
      pp_sep f ();
      pp_v f v;
      after_first rest
  in
  match seq () with
  | Seq.Nil -> ()
  | Seq.Cons (v, rest) ->
    pp_v f v;
    after_first rest

(* Spaces become break hints and newlines forced newlines. *)
let pp_print_text f s =
  let len = String.length s in
  let start = ref 0 in
  let word_until i = pp_print_string f (String.sub s !start (i - !start)); start := i + 1 in
  for i = 0 to len - 1 do
    match s.[i] with
    | '\n' -> word_until i; pp_force_newline f ()
    | ' ' -> word_until i; pp_print_space f ()
    | _ -> ()
  done;
  if !start <> len then word_until len

let pp_print_option ?(none = fun _ () -> ()) pp_v f = function
  | None -> none f ()
  | Some v -> pp_v f v

let pp_print_result ~ok ~error f = function Ok v -> ok f v | Error e -> error f e

let pp_print_either ~left ~right f = function
  | Either.Left v -> left f v
  | Either.Right v -> right f v

(* The same operations on the standard formatter *)

let open_box = pp_open_box std_formatter
let close_box = pp_close_box std_formatter
let open_hbox = pp_open_hbox std_formatter
let open_vbox = pp_open_vbox std_formatter
let open_hvbox = pp_open_hvbox std_formatter
let open_hovbox = pp_open_hovbox std_formatter
let print_string = pp_print_string std_formatter
let print_bytes = pp_print_bytes std_formatter
let print_as = pp_print_as std_formatter
let print_int = pp_print_int std_formatter
let print_float = pp_print_float std_formatter
let print_char = pp_print_char std_formatter
let print_bool = pp_print_bool std_formatter
let print_space = pp_print_space std_formatter
let print_cut = pp_print_cut std_formatter
let print_break = pp_print_break std_formatter
let force_newline = pp_force_newline std_formatter
let print_if_newline = pp_print_if_newline std_formatter
let print_flush = pp_print_flush std_formatter
let print_newline = pp_print_newline std_formatter
let set_margin = pp_set_margin std_formatter
let get_margin = pp_get_margin std_formatter
let set_max_indent = pp_set_max_indent std_formatter
let get_max_indent = pp_get_max_indent std_formatter
let set_geometry = pp_set_geometry std_formatter
let safe_set_geometry = pp_safe_set_geometry std_formatter
let update_geometry = pp_update_geometry std_formatter
let get_geometry = pp_get_geometry std_formatter
let set_max_boxes = pp_set_max_boxes std_formatter
let get_max_boxes = pp_get_max_boxes std_formatter
let over_max_boxes = pp_over_max_boxes std_formatter
let open_tbox = pp_open_tbox std_formatter
let close_tbox = pp_close_tbox std_formatter
let set_tab = pp_set_tab std_formatter
let print_tab = pp_print_tab std_formatter
let print_tbreak = pp_print_tbreak std_formatter
let set_ellipsis_text = pp_set_ellipsis_text std_formatter
let get_ellipsis_text = pp_get_ellipsis_text std_formatter
let open_stag = pp_open_stag std_formatter
let close_stag = pp_close_stag std_formatter
let open_tag = pp_open_tag std_formatter
let close_tag = pp_close_tag std_formatter
let set_tags = pp_set_tags std_formatter
let set_print_tags = pp_set_print_tags std_formatter
let set_mark_tags = pp_set_mark_tags std_formatter
let get_print_tags = pp_get_print_tags std_formatter
let get_mark_tags = pp_get_mark_tags std_formatter
let set_formatter_out_channel = pp_set_formatter_out_channel std_formatter
let set_formatter_output_functions = pp_set_formatter_output_functions std_formatter
let get_formatter_output_functions = pp_get_formatter_output_functions std_formatter
let set_formatter_out_functions = pp_set_formatter_out_functions std_formatter
let get_formatter_out_functions = pp_get_formatter_out_functions std_formatter
let set_all_formatter_output_functions = pp_set_all_formatter_output_functions std_formatter
let get_all_formatter_output_functions = pp_get_all_formatter_output_functions std_formatter
let set_formatter_stag_functions = pp_set_formatter_stag_functions std_formatter
let get_formatter_stag_functions = pp_get_formatter_stag_functions std_formatter
let set_formatter_tag_functions = pp_set_formatter_tag_functions std_formatter
let get_formatter_tag_functions = pp_get_formatter_tag_functions std_formatter

(* Formatted printing: the format is interpreted by CamlinternalFormat; the accumulated
   pieces are then replayed on a formatter. *)

open CamlinternalFormatBasics
open CamlinternalFormat

(* "@[<hov 2>" carries "<hov 2>": a box kind name and an optional indentation. *)
let box_of_description text =
  let invalid () = failwith ("invalid box description " ^ "\"" ^ String.escaped text ^ "\"") in
  let len = String.length text in
  let rec skip_blanks i = if i < len && (text.[i] = ' ' || text.[i] = '\t') then skip_blanks (i + 1) else i in
  let rec span ok i = if i < len && ok text.[i] then span ok (i + 1) else i in
  let name_start = skip_blanks 0 in
  let name_end = span (fun c -> c >= 'a' && c <= 'z') name_start in
  let num_start = skip_blanks name_end in
  let num_end = span (fun c -> (c >= '0' && c <= '9') || c = '-') num_start in
  let indent =
    if num_start = num_end then 0
    else match int_of_string_opt (String.sub text num_start (num_end - num_start)) with
      | Some n -> n
      | None -> invalid ()
  in
  if skip_blanks num_end <> len then invalid ();
  let kind =
    match String.sub text name_start (name_end - name_start) with
    | "" | "b" -> Structural
    | "h" -> Hbox
    | "v" -> Vbox
    | "hv" -> HVbox
    | "hov" -> HOVbox
    | _ -> invalid ()
  in
  (indent, kind)

(* The text of a box or tag description, without its angle brackets. *)
let description_text replay acc =
  let b = Buffer.create 16 in
  let f = formatter_of_buffer b in
  replay f acc;
  pp_print_flush f ();
  let len = Buffer.length b in
  if len < 2 then Buffer.contents b else Buffer.sub b 1 (len - 2)

let formatting_lit f = function
  | Close_box -> pp_close_box f ()
  | Close_tag -> pp_close_stag f ()
  | Break (_, spaces, offset) -> pp_print_break f spaces offset
  | FFlush -> pp_print_flush f ()
  | Force_newline -> pp_force_newline f ()
  | Flush_newline -> pp_print_newline f ()
  | Magic_size (_, _) -> ()
  | Escaped_at -> pp_print_char f '@'
  | Escaped_percent -> pp_print_char f '%'
  | Scan_indic c -> pp_print_char f '@'; pp_print_char f c

(* Replay an accumulator whose delayed printers take the formatter ([with_delayed]) or
   return strings (sprintf-like functions). *)
let rec replay_with : type b c. (formatter -> (b -> c) -> unit) -> formatter -> (b, c) acc -> unit =
  fun delayed f acc ->
  let replay = replay_with delayed in
  match acc with
  | Acc_string (Acc_formatting_lit (p, Magic_size (_, size)), s) ->
    replay f p; print_as_size f size s
  | Acc_char (Acc_formatting_lit (p, Magic_size (_, size)), c) ->
    replay f p; print_as_size f size (String.make 1 c)
  | Acc_formatting_lit (p, lit) -> replay f p; formatting_lit f lit
  | Acc_open_tag (p, tag) ->
    replay f p; pp_open_stag f (String_tag (description_text replay tag))
  | Acc_open_box (p, box) ->
    replay f p;
    let indent, kind = box_of_description (description_text replay box) in
    open_box_gen f indent kind
  | Acc_string (p, s) -> replay f p; pp_print_string f s
  | Acc_char (p, c) -> replay f p; pp_print_char f c
  | Acc_delay (p, g) -> replay f p; delayed f g
  | Acc_flush p -> replay f p; pp_print_flush f ()
  | Acc_invalid_arg (p, msg) -> replay f p; invalid_arg msg
  | Acc_end -> ()

let output_acc f acc = replay_with (fun f g -> g f) f acc
let strput_acc f acc = replay_with (fun f g -> pp_print_string f (g ())) f acc

let kfprintf k f (Format (fmt, _)) = make_printf (fun acc -> output_acc f acc; k f) Acc_end fmt
let ikfprintf k f (Format (fmt, _)) = make_printf (fun _ -> k f) Acc_end fmt
let fprintf f fmt = kfprintf ignore f fmt
let ifprintf f fmt = ikfprintf ignore f fmt
let printf fmt = fprintf std_formatter fmt
let eprintf fmt = fprintf err_formatter fmt

let kdprintf k (Format (fmt, _)) = make_printf (fun acc -> k (fun f -> output_acc f acc)) Acc_end fmt
let dprintf fmt = kdprintf (fun print -> print) fmt

let ksprintf k (Format (fmt, _)) =
  let b = Buffer.create 512 in
  let f = formatter_of_buffer b in
  make_printf (fun acc -> strput_acc f acc; k (flush_buffer_formatter b f)) Acc_end fmt

let sprintf fmt = ksprintf (fun s -> s) fmt
let kprintf = ksprintf

let kasprintf k (Format (fmt, _)) =
  let b = Buffer.create 512 in
  let f = formatter_of_buffer b in
  make_printf (fun acc -> output_acc f acc; k (flush_buffer_formatter b f)) Acc_end fmt

let asprintf fmt = kasprintf (fun s -> s) fmt

let bprintf b (Format (fmt, _)) =
  let f = formatter_of_buffer b in
  make_printf (fun acc -> output_acc f acc; flush_queue f false) Acc_end fmt

(* What is still queued on the standard formatters is printed when the program ends. *)
let () =
  at_exit (fun () ->
      pp_print_flush std_formatter ();
      pp_print_flush err_formatter ())

(* Printers installed in the toplevel ([#install_printer]) print inside the value the toplevel
   shows, in its boxes: while [print] runs, [std_formatter] records its tokens instead of laying
   them out, and they come back encoded in a string for the toplevel to lay out. Encoding: an
   integer is its decimal digits and ','; a string is its length as an integer then its bytes;
   tokens are 'T' size string, 'B' (fits: string int string) (breaks: string int string),
   'O' indent kind (0 h, 1 v, 2 hv, 3 hov, 4 b), 'C' (close), 'N' (newline), 'I' (if newline),
   'F' (flush), 'L' (flush and newline). Tab boxes and tags are left out. *)
let encode_recorded tokens =
  let b = Buffer.create 64 in
  let int n = Buffer.add_string b (Int.to_string n); Buffer.add_char b ',' in
  let str s = int (String.length s); Buffer.add_string b s in
  let code c = Buffer.add_char b c in
  let kind = function Hbox -> 0 | Vbox -> 1 | HVbox -> 2 | HOVbox | Fits -> 3 | Structural -> 4 in
  let break (before, n, after) = str before; int n; str after in
  List.iter
    (function
      | Flushed newline -> code (if newline then 'L' else 'F')
      | Queued { size; token; _ } -> (
          match token with
          | Text s -> code 'T'; int size; str s
          | Break { fits; breaks } -> code 'B'; break fits; break breaks
          | Tab_break (spaces, offset) -> code 'B'; break ("", spaces, ""); break ("", offset, "")
          | Open_box (indent, k) -> code 'O'; int indent; int (kind k)
          | Close_box -> code 'C'
          | Newline -> code 'N'
          | If_newline -> code 'I'
          | Set_tab | Open_tabs _ | Close_tabs | Open_stag _ | Close_stag -> ()))
    (List.rev tokens);
  Buffer.contents b

let record_printing (print : formatter -> unit) =
  let f = std_formatter in
  let depth = f.depth and outer = f.recording in
  f.recording <- Some [];
  let finish () =
    let tokens = match f.recording with Some tokens -> tokens | None -> [] in
    (* A printer's parameter printer may run another printer inside this one. *)
    f.recording <- outer;
    f.depth <- depth;
    encode_recorded tokens
  in
  match print f with
  | () -> finish ()
  | exception e -> ignore (finish ()); raise e

let () = Callback.register "Format.record_printing" record_printing
