(* Arg: every spec kind, errors and their texts, -help, align, usage, argument files. *)
let verbose = ref false
let name = ref "none"
let level = ref 0
let ratio = ref 0.0
let log = Buffer.create 100
let note fmt = Printf.bprintf log fmt

let specs () =
  [ ("-v", Arg.Set verbose, " Be verbose");
    ("-q", Arg.Clear verbose, " Be quiet");
    ("-u", Arg.Unit (fun () -> note "[unit]"), "");
    ("-b", Arg.Bool (fun b -> note "[bool %b]" b), "BOOL a boolean flag");
    ("-s", Arg.String (fun s -> note "[string %s]" s), "STR\tsome string");
    ("-name", Arg.Set_string name, "NAME set the name");
    ("-i", Arg.Int (fun n -> note "[int %d]" n), "N an int");
    ("-level", Arg.Set_int level, "LEVEL the level, a rather long description of it");
    ("-f", Arg.Float (fun x -> note "[float %g]" x), "X a float");
    ("-ratio", Arg.Set_float ratio, "R ratio");
    ("-pair", Arg.Tuple [ Arg.String (fun s -> note "[first %s]" s); Arg.Int (fun n -> note "[second %d]" n) ], "S N a pair");
    ("-color", Arg.Symbol ([ "red"; "green"; "blue" ], fun s -> note "[color %s]" s), " the color");
    ("--", Arg.Rest (fun s -> note "[rest %s]" s), " the rest");
    ("-all", Arg.Rest_all (fun l -> note "[all %s]" (String.concat "," l)), " all the rest") ]

let run args =
  Buffer.clear log;
  verbose := false; name := "none"; level := 0; ratio := 0.0;
  let current = ref 0 in
  (try
     Arg.parse_argv ~current (Array.of_list ("prog" :: args)) (specs ()) (fun a -> note "[anon %s]" a) "usage: prog [options]"
   with
   | Arg.Bad msg -> note "BAD<%s>" msg
   | Arg.Help msg -> note "HELP<%s>" msg);
  Printf.printf "%s => %s v=%b name=%s level=%d ratio=%g current=%d\n" (String.concat " " args) (Buffer.contents log)
    !verbose !name !level !ratio !current

let () =
  run [ "-v"; "a"; "-name"; "joe"; "-level"; "3"; "-ratio"; "0.5"; "b" ];
  run [ "-b"; "true"; "-s"; "x"; "-i"; "-4"; "-f"; "1e3"; "-u"; "-q" ];
  run [ "-name=eq"; "-level=7"; "-b=false" ];
  run [ "-pair"; "p"; "9"; "-color"; "green" ];
  run [ "x"; "--"; "-v"; "y" ];
  run [ "-all"; "-v"; "y" ];
  run [ "-all" ];
  run [ "-nope" ];
  run [ "-nope=3" ];
  run [ "-v=3" ];
  run [ "-i"; "x" ];
  run [ "-b"; "yes" ];
  run [ "-f"; "z" ];
  run [ "-level" ];
  run [ "-color"; "pink" ];
  run [ "-help" ];
  run [ "--help" ];
  (try Arg.parse_argv [| "p"; "bad" |] [] (fun _ -> raise (Arg.Bad "no anonymous")) "msg" with Arg.Bad m -> print_string m);
  (try Arg.parse_argv [||] [] (fun _ -> ()) "msg" with Arg.Bad m -> print_string m);
  print_string (Arg.usage_string (specs ()) "plain usage:");
  print_string (Arg.usage_string (Arg.align (specs ())) "aligned usage:");
  print_string (Arg.usage_string (Arg.align ~limit:12 (specs ())) "aligned, limit 12:");
  print_string (Arg.usage_string [ ("-help", Arg.Unit ignore, " my help") ] "own help:");
  print_string (Arg.usage_string [ ("-c", Arg.Symbol ([], ignore), " empty") ] "empty symbols:");
  let f = Filename.temp_file "args" "" in
  Arg.write_arg f [| "one"; "two words"; "" |];
  Printf.printf "%S\n" (String.concat "|" (Array.to_list (Arg.read_arg f)));
  Arg.write_arg0 f [| "a\nb"; "c" |];
  Printf.printf "%S\n" (String.concat "|" (Array.to_list (Arg.read_arg0 f)));
  Sys.remove f;
  let argv = ref [| "prog"; "-e"; "file"; "z" |] in
  let cur = ref 0 in
  Arg.parse_and_expand_argv_dynamic cur argv (ref [ ("-e", Arg.Expand (fun s -> [| "<" ^ s ^ ">"; "-v" |]), "") ; ("-v", Arg.Unit (fun () -> print_endline "v!"), "") ])
    (fun s -> Printf.printf "anon %s\n" s) "";
  Printf.printf "%s %d\n" (String.concat " " (Array.to_list !argv)) !cur;
  (try Arg.parse_argv [| "p"; "-e"; "x" |] [ ("-e", Arg.Expand (fun _ -> [||]), "") ] ignore "" with Invalid_argument m -> print_endline m);
  Printf.printf "current %d\n" !Arg.current;
  Arg.parse [ ("-x", Arg.Unit ignore, " x") ] (fun _ -> ()) "real argv";
  print_endline "parsed"
