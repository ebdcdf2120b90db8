(* Input channels (OCaml 4.14): the channel functions of Stdlib, with options instead of
   End_of_file. *)

type t = in_channel

type open_flag = Stdlib.open_flag =
  | Open_rdonly
  | Open_wronly
  | Open_append
  | Open_creat
  | Open_trunc
  | Open_excl
  | Open_binary
  | Open_text
  | Open_nonblock

let stdin = Stdlib.stdin
let open_bin = Stdlib.open_in_bin
let open_text = Stdlib.open_in
let open_gen = Stdlib.open_in_gen

let with_open opener name f =
  let ic = opener name in
  Fun.protect ~finally:(fun () -> Stdlib.close_in_noerr ic) (fun () -> f ic)

let with_open_bin name f = with_open open_bin name f
let with_open_text name f = with_open open_text name f
let with_open_gen flags perm name f = with_open (open_gen flags perm) name f
let seek = Stdlib.LargeFile.seek_in
let pos = Stdlib.LargeFile.pos_in
let length = Stdlib.LargeFile.in_channel_length
let close = Stdlib.close_in
let close_noerr = Stdlib.close_in_noerr

let or_none read ic = match read ic with v -> Some v | exception End_of_file -> None

let input_char ic = or_none Stdlib.input_char ic
let input_byte ic = or_none Stdlib.input_byte ic
let input_line ic = or_none Stdlib.input_line ic
let input = Stdlib.input

let really_input ic b pos len =
  match Stdlib.really_input ic b pos len with () -> Some () | exception End_of_file -> None

let really_input_string ic len = or_none (fun ic -> Stdlib.really_input_string ic len) ic

(* Read blocks until the end; the channel's remaining length is a first guess of the size. *)
let input_all ic =
  let guess =
    match length ic, pos ic with
    | total, here when Int64.compare total here > 0 -> Int64.to_int (Int64.sub total here)
    | _ | (exception Sys_error _) -> 65536
  in
  let b = Buffer.create (max 1 (min guess Sys.max_string_length)) in
  let chunk = Bytes.create 65536 in
  let rec loop () =
    let n = Stdlib.input ic chunk 0 (Bytes.length chunk) in
    if n > 0 then begin
      Buffer.add_subbytes b chunk 0 n;
      loop ()
    end
  in
  loop ();
  Buffer.contents b

let set_binary_mode = Stdlib.set_binary_mode_in
