(* Filename: components, extensions, quoting, temporary files. *)
let names = [ ""; "/"; "//"; "a"; "a/"; "a//b"; "/a/b/"; "a/b.c"; "a.b/c"; ".profile"; "x/.profile";
              "a..b"; "file."; "..."; "dir/file.tar.gz"; "./x"; "../x"; "a/./b"; "/usr//lib///" ]
let () =
  List.iter
    (fun n ->
      Printf.printf "%S: base=%S dir=%S ext=%S noext=%S rel=%b impl=%b chop=%s\n" n (Filename.basename n)
        (Filename.dirname n) (Filename.extension n) (Filename.remove_extension n) (Filename.is_relative n)
        (Filename.is_implicit n)
        (match Filename.chop_extension n with s -> s | exception Invalid_argument m -> m))
    names;
  List.iter (fun (a, b) -> Printf.printf "concat %S %S = %S\n" a b (Filename.concat a b))
    [ ("", "x"); ("a", "b"); ("a/", "b"); ("/", "b") ];
  Printf.printf "%b %b %S %s\n" (Filename.check_suffix "a.ml" ".ml") (Filename.check_suffix "a.ml" ".mli")
    (Filename.chop_suffix "a.ml" ".ml") (match Filename.chop_suffix "a.ml" "x" with s -> s | exception Invalid_argument m -> m);
  Printf.printf "%s\n" (match Filename.chop_suffix_opt ~suffix:".c" "x.c" with Some s -> s | None -> "none");
  print_endline (Filename.quote "it's a \"test\"");
  print_endline (Filename.quote_command "cmd" ~stdin:"in file" ~stdout:"out" ~stderr:"out" [ "a b"; "c'd" ]);
  print_endline (Filename.quote_command "cmd" ~stderr:"err" []);
  Printf.printf "%s %s %s %s\n" Filename.current_dir_name Filename.parent_dir_name Filename.dir_sep Filename.null;
  Filename.set_temp_dir_name "/tmp";
  print_endline (Filename.get_temp_dir_name ());
  let name = Filename.temp_file ~temp_dir:"/tmp" "pre" ".suf" in
  Printf.printf "%b %b %d\n" (Filename.check_suffix name ".suf") (Sys.file_exists name)
    (String.length (Filename.basename name));
  Sys.remove name;
  let name, oc = Filename.open_temp_file "pre" "" in
  output_string oc "hello";
  close_out oc;
  let ic = open_in name in
  print_endline (input_line ic);
  close_in ic;
  Sys.remove name
