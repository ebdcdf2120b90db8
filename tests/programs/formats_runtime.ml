(* Formats read at run time: Scanf.format_from_string, sscanf_format, scanf's %{ %} and
   %( %), and format arguments of Printf. *)
let show name f =
  print_string (name ^ ": ");
  try print_endline (f ()) with
  | Scanf.Scan_failure m -> print_endline ("Scan_failure: " ^ m)
  | Failure m -> print_endline ("Failure: " ^ m)
  | Invalid_argument m -> print_endline ("Invalid_argument: " ^ m)
  | e -> print_endline ("exception " ^ Printexc.to_string e)

let from = Scanf.format_from_string

let () =
  show "same" (fun () -> string_of_format (from "x%dy" "%i"));
  show "mismatch" (fun () -> string_of_format (from "%s" "%d"));
  show "too many" (fun () -> string_of_format (from "%d %d" "%d"));
  show "too few" (fun () -> string_of_format (from "%d" "%d %s"));
  show "printf" (fun () ->
      Printf.sprintf (from "<%d|%5s|%-4d|%04d|%.3f|%+d|%#x|%S|%C|%B|%F>" "%i%s%d%d%f%d%d%s%c%B%f")
        3 "ab" 4 5 1.5 6 255 "q" 'c' true 2.);
  show "sizes" (fun () ->
      Printf.sprintf (from "%ld %nd %Ld %c %B %e %lx %Lu %5.2s%%%!%,@" "%ld%nd%Ld%c%B%f%lx%Lx%s")
        1l 2n 3L 'x' false 5. 6l 7L "abcd");
  show "end" (fun () -> string_of_format (from "%d%" "%d"));
  show "conversion" (fun () -> string_of_format (from "%d%z" "%d"));
  show "unclosed" (fun () -> string_of_format (from "%(%d" "%d"));
  show "char set" (fun () -> string_of_format (from "%[abc" "%s"));
  show "width" (fun () -> string_of_format (from "%5" "%s"));
  show "ignored alpha" (fun () -> string_of_format (from "%_a" "%a"));
  show "quote" (fun () -> string_of_format (from "a\"b\\%d" "%d"));
  show "format arg" (fun () -> string_of_format (from "%{%d%}" "%{%i%}"));
  show "format arg mismatch" (fun () -> string_of_format (from "%{%s%}" "%{%i%}"));
  show "stars" (fun () -> Printf.sprintf (from "%*d|%.*f|%*.*f" "%d%d%d%f%d%d%f") 5 3 2 1.0 8 2 3.14159);
  show "star mismatch" (fun () -> string_of_format (from "%*d" "%d"));
  show "alpha theta" (fun () ->
      Printf.sprintf (from "%a/%t" "%a%t") (fun () s -> s ^ s) "ab" (fun () -> "t"));
  show "ignored" (fun () -> string_of_format (from "%_d%d" "%d"));
  show "subst" (fun () -> Printf.sprintf (from "%(%d%)" "%(%i%)") "<%i>" 4);
  show "arg" (fun () -> Printf.sprintf (from "%{%d%}" "%{%i%}") "<%i>");
  show "scan with it" (fun () ->
      Scanf.sscanf "abc 12" (from "%[a-c] %d" "%s%d") (fun s d -> s ^ string_of_int d))

let () =
  show "sscanf %{" (fun () ->
      Scanf.sscanf "\"%d\" 12" "%{%d%} %d" (fun f n -> string_of_format f ^ string_of_int n));
  show "sscanf %{ mismatch" (fun () ->
      Scanf.sscanf "\"%s\" 12" "%{%d%} %d" (fun f n -> string_of_format f ^ string_of_int n));
  show "sscanf %{ invalid" (fun () ->
      Scanf.sscanf "\"%d%\" 12" "%{%d%} %d" (fun f n -> string_of_format f ^ string_of_int n));
  show "sscanf %{ then printf" (fun () ->
      Scanf.sscanf "\"[%d-%s]\"" "%{%d%s%}" (fun f -> Printf.sprintf f 7 "seven"));
  show "sscanf %_{" (fun () -> Scanf.sscanf "\"%d\" 5" "%_{%d%} %d" (fun n -> string_of_int n));
  show "sscanf %(" (fun () ->
      Scanf.sscanf "\"<%d>\"<12> 3" "%(%d%) %d" (fun f n m ->
          Printf.sprintf f n ^ " " ^ string_of_format f ^ " " ^ string_of_int m));
  show "sscanf %( no match" (fun () ->
      Scanf.sscanf "\"<%d>\" 12" "%(%d%) %d" (fun f n m -> Printf.sprintf f n ^ string_of_int m));
  show "sscanf %( mismatch" (fun () ->
      Scanf.sscanf "\"<%s>\" 12" "%(%d%) %d" (fun f n m -> Printf.sprintf f n ^ string_of_int m));
  show "sscanf %_(" (fun () ->
      Scanf.sscanf "\"<%d>\"<5> 7" "%_(%d%) %d" (fun a b -> string_of_int a ^ "," ^ string_of_int b));
  show "sscanf %_( no match" (fun () ->
      Scanf.sscanf "\"<%d>\" 7" "%_(%d%) %d" (fun a b -> string_of_int a ^ "," ^ string_of_int b));
  show "sscanf_format" (fun () -> Scanf.sscanf_format "\"%d-%d\"" "%i%i" (fun f -> Printf.sprintf f 1 2));
  show "sscanf_format mismatch" (fun () ->
      Scanf.sscanf_format "\"%d-%s\"" "%i%i" (fun f -> Printf.sprintf f 1 2));
  show "sscanf_format unquoted" (fun () -> Scanf.sscanf_format "%d" "%i" (fun f -> Printf.sprintf f 1));
  show "sscanf_format open" (fun () -> Scanf.sscanf_format "\"%d" "%i" (fun f -> Printf.sprintf f 1));
  show "bscanf_format" (fun () ->
      let ib = Scanf.Scanning.from_string "\"%s and %s\" rest" in
      Scanf.bscanf_format ib "%s%s" (fun f ->
          Printf.sprintf f "this" "that" ^ Scanf.bscanf ib " %s" (fun s -> "|" ^ s)))

(* Printf and Format with format arguments *)
let () =
  Printf.printf "%(%d%s%)!\n" "<%d|%s>" 3 "x";
  Printf.printf "%{%d%s%}\n" "%d%s";
  Printf.printf "%(%a%)\n" "[%a]" (fun oc s -> output_string oc s) "alpha";
  print_endline (Printf.sprintf "%(%s%s%)" (from "%s+%s" "%s%s") "a" "b");
  print_endline (string_of_format ("a%d" ^^ "b%s"));
  Format.printf "@[%(%d@ %s%)@]@." "%d,@ %s" 1 "two";
  print_endline (Format.asprintf "%(%a%)" (from "<%a>" "%a") Format.pp_print_int 42)
