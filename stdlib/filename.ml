(* Operations on file names, with the conventions of Unix systems (the only platform ocaml-jit
   targets so far): "/" separates directories, "." and ".." name the current and parent
   directories. *)

let current_dir_name = "."
let parent_dir_name = ".."
let dir_sep = "/"
let null = "/dev/null"

let is_dir_sep s i = s.[i] = '/'

let concat dir name =
  let len = String.length dir in
  if len = 0 || is_dir_sep dir (len - 1) then dir ^ name else dir ^ dir_sep ^ name

let is_relative name = String.length name < 1 || name.[0] <> '/'

let is_implicit name =
  is_relative name
  && not (String.starts_with ~prefix:"./" name)
  && not (String.starts_with ~prefix:"../" name)

let check_suffix name suffix = String.ends_with ~suffix name

let chop_suffix_opt ~suffix name =
  if check_suffix name suffix then
    Some (String.sub name 0 (String.length name - String.length suffix))
  else None

(* As in OCaml, the suffix is not checked, only its length. *)
let chop_suffix name suffix =
  let len = String.length name - String.length suffix in
  if len < 0 then invalid_arg "Filename.chop_suffix" else String.sub name 0 len

(* The length of the extension (dot included) of the last component: a component made of
   dots then a name (".profile") has none. *)
let extension_length name =
  let rec only_dots_before dot i =
    if i < 0 || is_dir_sep name i then 0
    else if name.[i] = '.' then only_dots_before dot (i - 1)
    else String.length name - dot
  in
  let rec find_dot i =
    if i < 0 || is_dir_sep name i then 0
    else if name.[i] = '.' then only_dots_before i (i - 1)
    else find_dot (i - 1)
  in
  find_dot (String.length name - 1)

let extension name =
  let len = extension_length name in
  if len = 0 then "" else String.sub name (String.length name - len) len

let remove_extension name =
  let len = extension_length name in
  if len = 0 then name else String.sub name 0 (String.length name - len)

let chop_extension name =
  let len = extension_length name in
  if len = 0 then invalid_arg "Filename.chop_extension"
  else String.sub name 0 (String.length name - len)

(* Trailing separators are ignored; a name made only of separators is "/". *)
let basename name =
  let rec last_char i =
    if i < 0 then String.sub name 0 1
    else if is_dir_sep name i then last_char (i - 1)
    else start_of i (i + 1)
  and start_of i stop =
    if i < 0 then String.sub name 0 stop
    else if is_dir_sep name i then String.sub name (i + 1) (stop - i - 1)
    else start_of (i - 1) stop
  in
  if name = "" then current_dir_name else last_char (String.length name - 1)

let dirname name =
  let rec skip_trailing i =
    if i < 0 then String.sub name 0 1
    else if is_dir_sep name i then skip_trailing (i - 1)
    else skip_base i
  and skip_base i =
    if i < 0 then current_dir_name
    else if is_dir_sep name i then skip_separators i
    else skip_base (i - 1)
  and skip_separators i =
    if i < 0 then String.sub name 0 1
    else if is_dir_sep name i then skip_separators (i - 1)
    else String.sub name 0 (i + 1)
  in
  if name = "" then current_dir_name else skip_trailing (String.length name - 1)

(* Quoting for /bin/sh: inside single quotes everything is literal except the quote itself. *)
let quote s =
  let b = Buffer.create (String.length s + 20) in
  Buffer.add_char b '\'';
  String.iter (fun c -> if c = '\'' then Buffer.add_string b "'\\''" else Buffer.add_char b c) s;
  Buffer.add_char b '\'';
  Buffer.contents b

let quote_command cmd ?stdin ?stdout ?stderr args =
  let redirect symbol = function None -> "" | Some file -> " " ^ symbol ^ quote file in
  String.concat " " (List.map quote (cmd :: args))
  ^ redirect "<" stdin
  ^ redirect ">" stdout
  ^ (match stderr with
     | Some _ when stderr = stdout -> " 2>&1"
     | _ -> redirect "2>" stderr)

(* Temporary files *)

let temp_dir_name = match Sys.getenv_opt "TMPDIR" with Some dir -> dir | None -> "/tmp"
let current_temp_dir = ref temp_dir_name
let get_temp_dir_name () = !current_temp_dir
let set_temp_dir_name dir = current_temp_dir := dir

let random_state = lazy (Random.State.make_self_init ())

let temp_name dir prefix suffix =
  let n = Random.State.bits (Lazy.force random_state) land 0xFFFFFF in
  concat dir (Printf.sprintf "%s%06x%s" prefix n suffix)

(* Names are tried until one can be created exclusively (1000 attempts at most). *)
let rec create_exclusive attempt dir prefix suffix create =
  let name = temp_name dir prefix suffix in
  match create name with
  | result -> result
  | exception (Sys_error _ as e) ->
    if attempt >= 1000 then raise e else create_exclusive (attempt + 1) dir prefix suffix create

external open_desc : string -> open_flag list -> int -> int = "caml_sys_open"
external close_desc : int -> unit = "caml_sys_close"

let temp_file ?(temp_dir = !current_temp_dir) prefix suffix =
  create_exclusive 0 temp_dir prefix suffix (fun name ->
      close_desc (open_desc name [ Open_wronly; Open_creat; Open_excl ] 0o600);
      name)

let open_temp_file ?(mode = [ Open_text ]) ?(perms = 0o600) ?(temp_dir = !current_temp_dir) prefix suffix =
  create_exclusive 0 temp_dir prefix suffix (fun name ->
      (name, open_out_gen (Open_wronly :: Open_creat :: Open_excl :: mode) perms name))
