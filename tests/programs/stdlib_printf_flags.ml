(* Every Printf conversion with every flag, width and precision form. *)
let ints = [ 0; 1; -1; 42; -42; 255; 123456789; max_int; min_int ]
let int_fmts : (int -> string, unit, string) format list =
  [ "%d"; "%i"; "%u"; "%x"; "%X"; "%o"; "%5d"; "%-5d|"; "%05d"; "%+d"; "% d"; "%#x"; "%#X"; "%#o";
    "%.3d"; "%8.3d"; "%-8.3d|"; "%08.3d"; "%+05d"; "%#d"; "%#i"; "%#u"; "%+i"; "% i"; "%-+6d|"; "%#10x" ]
let () =
  List.iter (fun f ->
      print_string (string_of_format f ^ ":");
      List.iter (fun i -> print_string (" " ^ Printf.sprintf f i)) ints;
      print_newline ())
    int_fmts
let () =
  Printf.printf "%*d|%-*d|%0*d|%.*d|%*.*d\n" 6 42 6 42 6 42 4 7 8 3 9;
  Printf.printf "%ld %li %lu %lx %lX %lo %5ld %-5ld| %05ld %+ld\n" 1l (-2l) 3l 255l 255l 8l 7l 7l 7l 7l;
  Printf.printf "%Ld %Li %Lu %Lx %LX %Lo %#Lx %Ld\n" 1L (-2L) 3L 255L 255L 8L 255L Int64.min_int;
  Printf.printf "%nd %ni %nu %nx %nX %no %#nx\n" 1n (-2n) 3n 255n 255n 8n 255n;
  Printf.printf "%lu %Lu %nu\n" (-1l) (-1L) (-1n)
let floats = [ 0.; -0.; 1.; -1.5; 3.14159265358979; 1e-10; 1.5e300; 123456.789; infinity; neg_infinity; nan; 0.1 ]
let float_fmts : (float -> string, unit, string) format list =
  [ "%f"; "%e"; "%E"; "%g"; "%G"; "%F"; "%h"; "%H"; "%#F"; "%.2f"; "%10.3f"; "%-10.3f|"; "%010.3f"; "%+f"; "% f";
    "%.0f"; "%.0e"; "%#.0f"; "%.3g"; "%#g"; "%.10g"; "%+.2e"; "%12.4E"; "%.3F"; "%.2h"; "%+h"; "%20h" ]
let () =
  List.iter (fun f ->
      print_string (string_of_format f ^ ":");
      List.iter (fun x -> print_string (" " ^ Printf.sprintf f x)) floats;
      print_newline ())
    float_fmts
let () =
  Printf.printf "%*f|%.*f|%*.*e|%-*g|\n" 10 1.5 3 2.25 12 2 12345.678 8 0.5;
  Printf.printf "[%s] [%5s] [%-5s] [%.2s] [%*s] [%-*s]\n" "abc" "abc" "abc" "abc" 6 "abc" 6 "abc";
  Printf.printf "[%S] [%10S] [%-10S]\n" "a\"b\n\t\\c\200" "xy" "xy";
  Printf.printf "[%c] [%C] [%C] [%C] [%C]\n" 'a' 'a' '\'' '\n' '\200';
  Printf.printf "[%b] [%B] [%6B] [%-6b]\n" true false true false;
  Printf.printf "100%% %@ %,done%!\n";
  print_string (Printf.sprintf "%a|%t|\n" (fun () s -> "<" ^ s ^ ">") "x" (fun () -> "thunk"));
  Printf.printf "%a\n" (fun oc n -> Printf.fprintf oc "[%d]" n) 5;
  Printf.printf "%{%d %s%}|%{%a%}\n" "%i %s" "%a";
  Printf.printf "%(%d-%s%)|\n" "<%d/%s>" 3 "x";
  Printf.printf "%(%s%)\n" "%s!" "sub";
  let f = format_of_string "%d+%d" in
  Printf.printf (f ^^ "=%d\n") 1 2 3;
  print_endline (string_of_format ("a%db" ^^ "%s"));
  Printf.printf "@[<v 2>boxes are text@ in@,Printf@]@.\n";
  print_endline (Printf.sprintf "%s %d" "k" 1);
  Printf.ksprintf print_endline "ksprintf %d" 7;
  Printf.kbprintf (fun b -> print_endline (Buffer.contents b)) (Buffer.create 1) "kbprintf %s" "ok";
  let b = Buffer.create 10 in
  Printf.bprintf b "%d-%d" 1 2;
  print_endline (Buffer.contents b);
  Printf.ifprintf stdout "ignored %d\n" 5;
  Printf.eprintf "to stderr %d\n" 9
