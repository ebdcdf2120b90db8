(* Command-line parsing: options are looked up in a list of (key, spec, doc); "-key=value"
   is accepted for options taking an argument; the texts printed for errors and for -help
   are OCaml's. *)

type spec =
  | Unit of (unit -> unit)
  | Bool of (bool -> unit)
  | Set of bool ref
  | Clear of bool ref
  | String of (string -> unit)
  | Set_string of string ref
  | Int of (int -> unit)
  | Set_int of int ref
  | Float of (float -> unit)
  | Set_float of float ref
  | Tuple of spec list
  | Symbol of string list * (string -> unit)
  | Rest of (string -> unit)
  | Rest_all of (string list -> unit)
  | Expand of (string -> string array)

type key = string
type doc = string
type usage_msg = string
type anon_fun = string -> unit

exception Bad of string
exception Help of string

type error =
  | Unknown of string
  | Wrong of string * string * string (* option, argument, what was expected *)
  | Missing of string
  | Message of string

exception Stop of error

let rec lookup key = function
  | [] -> raise Not_found
  | (k, spec, _) :: rest -> if k = key then spec else lookup key rest

let symbol_list prefix sep suffix = function
  | [] -> "<none>"
  | first :: rest -> List.fold_left (fun acc s -> acc ^ sep ^ s) (prefix ^ first) rest ^ suffix

let help_entries speclist =
  let missing key = not (List.exists (fun (k, _, _) -> k = key) speclist) in
  let entry key = (key, Unit (fun () -> raise (Stop (Unknown "-help"))), " Display this list of options") in
  speclist
  @ (if missing "-help" then [ entry "-help" ] else [])
  @ (if missing "--help" then [ entry "--help" ] else [])

(* Options with an empty doc are not listed. *)
let add_usage b speclist header =
  Buffer.add_string b header;
  Buffer.add_char b '\n';
  List.iter
    (fun (key, spec, doc) ->
      if doc <> "" then
        match spec with
        | Symbol (symbols, _) ->
          Buffer.add_string b ("  " ^ key ^ " " ^ symbol_list "{" "|" "}" symbols ^ doc ^ "\n")
        | _ -> Buffer.add_string b ("  " ^ key ^ " " ^ doc ^ "\n"))
    (help_entries speclist)

let usage_string speclist header =
  let b = Buffer.create 200 in
  add_usage b speclist header;
  Buffer.contents b

let usage speclist header = prerr_string (usage_string speclist header)

let current = ref 0

(* "-key=value" *)
let split_at_equal s =
  let i = String.index s '=' in
  (String.sub s 0 i, String.sub s (i + 1) (String.length s - i - 1))

let parse_gen ~allow_expand current argv speclist anon header =
  let start = !current in
  let error_exception error =
    let b = Buffer.create 200 in
    let program = if start < Array.length !argv then !argv.(start) else "(?)" in
    (match error with
     | Unknown ("-help" | "--help") -> ()
     | Unknown s -> Buffer.add_string b (program ^ ": unknown option '" ^ s ^ "'.\n")
     | Missing s -> Buffer.add_string b (program ^ ": option '" ^ s ^ "' needs an argument.\n")
     | Wrong (opt, arg, expected) ->
       Buffer.add_string b
         (program ^ ": wrong argument '" ^ arg ^ "'; option '" ^ opt ^ "' expects " ^ expected ^ ".\n")
     | Message s -> Buffer.add_string b (program ^ ": " ^ s ^ ".\n"));
    add_usage b !speclist header;
    match error with
    | Unknown ("-help" | "--help") -> Help (Buffer.contents b)
    | _ -> Bad (Buffer.contents b)
  in
  incr current;
  while !current < Array.length !argv do
    (try
       let s = !argv.(!current) in
       if String.length s >= 1 && s.[0] = '-' then begin
         let action, attached =
           match lookup s !speclist with
           | action -> (action, None)
           | exception Not_found -> (
               match split_at_equal s with
               | key, value -> (
                   match lookup key !speclist with
                   | action -> (action, Some value)
                   | exception Not_found -> raise (Stop (Unknown s)))
               | exception Not_found -> raise (Stop (Unknown s)))
         in
         let no_argument () =
           match attached with None -> () | Some arg -> raise (Stop (Wrong (s, arg, "no argument")))
         in
         let argument () =
           match attached with
           | Some arg -> arg
           | None ->
             if !current + 1 < Array.length !argv then !argv.(!current + 1) else raise (Stop (Missing s))
         in
         let consume () = if attached = None then incr current in
         let converted convert what =
           let arg = argument () in
           match convert arg with
           | Some v -> v
           | None -> raise (Stop (Wrong (s, arg, what)))
         in
         let rec run = function
           | Unit f -> no_argument (); f ()
           | Bool f -> f (converted bool_of_string_opt "a boolean"); consume ()
           | Set r -> no_argument (); r := true
           | Clear r -> no_argument (); r := false
           | String f -> f (argument ()); consume ()
           | Symbol (symbols, f) ->
             let arg = argument () in
             if List.mem arg symbols then begin
               f arg;
               consume ()
             end
             else raise (Stop (Wrong (s, arg, "one of: " ^ symbol_list "" " " "" symbols)))
           | Set_string r -> r := argument (); consume ()
           | Int f -> f (converted int_of_string_opt "an integer"); consume ()
           | Set_int r -> r := converted int_of_string_opt "an integer"; consume ()
           | Float f -> f (converted float_of_string_opt "a float"); consume ()
           | Set_float r -> r := converted float_of_string_opt "a float"; consume ()
           | Tuple specs -> no_argument (); List.iter run specs
           | Rest f ->
             no_argument ();
             while !current < Array.length !argv - 1 do
               f !argv.(!current + 1);
               consume ()
             done
           | Rest_all f ->
             no_argument ();
             let args = ref [] in
             while !current < Array.length !argv - 1 do
               args := !argv.(!current + 1) :: !args;
               consume ()
             done;
             f (List.rev !args)
           | Expand f ->
             if not allow_expand then
               invalid_arg "Arg.Expand is is only allowed with Arg.parse_and_expand_argv_dynamic";
             let extra = f (argument ()) in
             consume ();
             let n = Array.length !argv in
             argv :=
               Array.concat
                 [ Array.sub !argv 0 (!current + 1); extra; Array.sub !argv (!current + 1) (n - !current - 1) ]
         in
         run action
       end
       else anon s
     with
     | Bad m -> raise (error_exception (Message m))
     | Stop e -> raise (error_exception e));
    incr current
  done

let parse_and_expand_argv_dynamic current argv speclist anon header =
  parse_gen ~allow_expand:true current argv speclist anon header

let parse_argv_dynamic ?(current = current) argv speclist anon header =
  parse_gen ~allow_expand:false current (ref argv) speclist anon header

let parse_argv ?(current = current) argv speclist anon header =
  parse_argv_dynamic ~current argv (ref speclist) anon header

(* The program-level parsers print the usage and exit on errors and -help. *)
let exit_on_error f =
  try f () with
  | Bad msg -> prerr_string msg; exit 2
  | Help msg -> print_string msg; exit 0

let parse speclist anon header = exit_on_error (fun () -> parse_argv Sys.argv speclist anon header)
let parse_dynamic speclist anon header = exit_on_error (fun () -> parse_argv_dynamic Sys.argv speclist anon header)

let parse_expand speclist anon header =
  exit_on_error (fun () ->
      let argv = ref Sys.argv in
      let current = ref !current in
      parse_and_expand_argv_dynamic current argv (ref speclist) anon header)

(* Alignment: the first word of each doc (the argument's name) stays next to the key, and the
   rest of the docs start in one column. *)
let second_word_start s =
  let len = String.length s in
  let rec skip_spaces n = if n >= len then len else if s.[n] = ' ' then skip_spaces (n + 1) else n in
  match String.index_opt s '\t' with
  | Some n -> skip_spaces (n + 1)
  | None -> ( match String.index_opt s ' ' with Some n -> skip_spaces (n + 1) | None -> len)

let width_needed acc (key, spec, doc) =
  match spec with
  | Symbol _ -> max acc (String.length key)
  | _ -> max acc (String.length key + second_word_start doc)

let first_tab_to_space s =
  let seen = ref false in
  String.map (fun c -> if c = '\t' && not !seen then (seen := true; ' ') else c) s

let pad_entry width ((key, spec, doc) as entry) =
  if doc = "" then entry
  else
    match spec with
    | Symbol _ ->
      let cut = second_word_start doc in
      (key, spec, "\n" ^ String.make (max 0 (width - cut) + 3) ' ' ^ first_tab_to_space doc)
    | _ ->
      let cut = second_word_start doc in
      let gap = width - String.length key - cut in
      if gap <= 0 then (key, spec, first_tab_to_space doc)
      else
        let head = String.sub (first_tab_to_space doc) 0 cut in
        let tail = String.sub doc cut (String.length doc - cut) in
        (key, spec, head ^ String.make gap ' ' ^ tail)

let align ?(limit = max_int) speclist =
  let entries = help_entries speclist in
  let width = min limit (List.fold_left width_needed 0 entries) in
  List.map (pad_entry width) entries

(* Argument files: words separated by newlines (a trailing \r dropped) or by NUL bytes. *)
let read_words ~trim sep file =
  let ic = open_in_bin file in
  let b = Buffer.create 200 in
  let words = ref [] in
  let stash () =
    let w = Buffer.contents b in
    let w =
      if trim && String.length w > 0 && w.[String.length w - 1] = '\r' then String.sub w 0 (String.length w - 1)
      else w
    in
    words := w :: !words;
    Buffer.clear b
  in
  (try
     while true do
       let c = input_char ic in
       if c = sep then stash () else Buffer.add_char b c
     done
   with End_of_file -> ());
  if Buffer.length b > 0 then stash ();
  close_in ic;
  Array.of_list (List.rev !words)

let read_arg file = read_words ~trim:true '\n' file
let read_arg0 file = read_words ~trim:false '\000' file

let write_words sep file args =
  let oc = open_out_bin file in
  Array.iter (fun s -> output_string oc s; output_char oc sep) args;
  close_out oc

let write_arg file args = write_words '\n' file args
let write_arg0 file args = write_words '\000' file args
