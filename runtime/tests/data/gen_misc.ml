(* Expected results of digest, file-system error and channel primitives, from real OCaml.
   Lines: kind TAB input TAB result. Uses /tmp/ocaml_jit_prims_test.txt as a scratch file. *)
let out kind input result = Printf.printf "%s\t%s\t%s\n" kind (String.escaped input) (String.escaped result)
let attempt f =
  try f () with
  | Sys_error m -> "Sys_error:" ^ m
  | Invalid_argument m -> "Invalid_argument:" ^ m
  | Failure m -> "Failure:" ^ m
  | End_of_file -> "End_of_file"
  | Not_found -> "Not_found"

let () =
  List.iter (fun s -> out "md5" s (Digest.to_hex (Digest.string s)))
    [ ""; "a"; "abc"; "hello"; "message digest"; String.make 1000 'a'; "\000\001\255" ];
  let missing = "/nonexistent/x" in
  out "open_in" missing (attempt (fun () -> ignore (open_in missing); "ok"));
  out "remove" missing (attempt (fun () -> Sys.remove missing; "ok"));
  out "readdir" missing (attempt (fun () -> ignore (Sys.readdir missing); "ok"));
  out "chdir" missing (attempt (fun () -> Sys.chdir missing; "ok"));
  out "is_directory" missing (attempt (fun () -> string_of_bool (Sys.is_directory missing)));
  out "is_directory" "/tmp" (attempt (fun () -> string_of_bool (Sys.is_directory "/tmp")));
  out "file_exists" missing (string_of_bool (Sys.file_exists missing));
  out "file_exists" "/tmp" (string_of_bool (Sys.file_exists "/tmp"));
  out "rename" missing (attempt (fun () -> Sys.rename missing "/tmp/y"; "ok"));
  out "mkdir" missing (attempt (fun () -> Sys.mkdir (missing ^ "/y") 0o755; "ok"));
  out "rmdir" missing (attempt (fun () -> Sys.rmdir missing; "ok"));
  out "getenv" "OCAML_JIT_SURELY_UNSET" (attempt (fun () -> Sys.getenv "OCAML_JIT_SURELY_UNSET"));
  out "bytes_create" "-1" (attempt (fun () -> ignore (Bytes.create (-1)); "ok"));
  out "array_make" "-1" (attempt (fun () -> ignore (Array.make (-1) 0); "ok"));
  out "array_make" "max_int" (attempt (fun () -> ignore (Array.make max_int 0); "ok"));
  out "array_make_float" "-1" (attempt (fun () -> ignore (Array.make (-1) 0.); "ok"));
  out "create_float" "-1" (attempt (fun () -> ignore (Array.create_float (-1)); "ok"));
  out "floatarray_create" "-1" (attempt (fun () -> ignore (Float.Array.create (-1)); "ok"));
  List.iter (fun c -> out "command" c (string_of_int (Sys.command c)))
    [ "exit 3"; "true"; "kill -9 $$" ];
  let dir = "/tmp/ocaml_jit_prims_dir" in
  (try Sys.mkdir dir 0o755 with Sys_error _ -> ());
  List.iter (fun f -> close_out (open_out (Filename.concat dir f))) [ "b"; "a"; "c.txt" ];
  out "readdir_sorted" dir
    (String.concat " " (List.sort compare (Array.to_list (Sys.readdir dir))));
  List.iter (fun f -> Sys.remove (Filename.concat dir f)) [ "b"; "a"; "c.txt" ];
  Sys.rmdir dir;
  (* A channel session: each step's result in order. *)
  let file = "/tmp/ocaml_jit_prims_test.txt" in
  let step name f = out "chan" name (attempt f) in
  let oc = open_out file in
  step "output" (fun () -> output_string oc "hello\nworld\nlast"; "ok");
  step "pos_out" (fun () -> string_of_int (pos_out oc));
  step "output_int" (fun () -> output_binary_int oc (-2); "ok");
  step "seek_out" (fun () -> seek_out oc 17; output_char oc '\n'; "ok");
  step "close_out" (fun () -> close_out oc; "ok");
  step "flush_closed" (fun () -> flush oc; "ok");
  step "output_closed" (fun () -> output_string oc "x"; "ok");
  step "close_out_again" (fun () -> close_out oc; "ok");
  step "pos_out_closed" (fun () -> string_of_int (pos_out oc));
  let ic = open_in_bin file in
  step "length" (fun () -> string_of_int (in_channel_length ic));
  step "line" (fun () -> input_line ic);
  step "pos_in" (fun () -> string_of_int (pos_in ic));
  step "char" (fun () -> String.make 1 (input_char ic));
  step "line" (fun () -> input_line ic);
  step "input_int" (fun () -> seek_in ic 16; string_of_int (input_binary_int ic));
  step "seek_back" (fun () -> seek_in ic 6; input_line ic);
  step "input" (fun () -> let b = Bytes.create 100 in
    let n = input ic b 0 100 in Bytes.sub_string b 0 n);
  step "line_eof" (fun () -> input_line ic);
  step "char_eof" (fun () -> String.make 1 (input_char ic));
  step "md5_chan" (fun () -> seek_in ic 0; Digest.to_hex (Digest.channel ic 5));
  step "md5_chan_all" (fun () -> Digest.to_hex (Digest.channel ic (-1)));
  step "md5_chan_short" (fun () -> seek_in ic 0; Digest.to_hex (Digest.channel ic 1000));
  step "close_in" (fun () -> close_in ic; "ok");
  step "input_closed" (fun () -> input_line ic);
  step "close_in_again" (fun () -> close_in ic; "ok");
  Sys.remove file
