let () =
  Printf.printf "int %d %i %5d|%-5d|%05d|%+d|% d|%x|%X|%o|%#x|%#X|%#o|%u\n" 42 (-7) 42 42 (-42) 5 5 255 255 8 255 255 8 (-1);
  Printf.printf "prec %.3d|%8.3d|%-8.3d|%.0d|%#d|%#d|%#d\n" 5 (-5) 5 0 1234567 (-1234) 12;
  Printf.printf "star %*d|%-*d|%.*d|%*.*d\n" 6 1 6 2 4 3 7 3 9;
  Printf.printf "float %f|%.2f|%10.3f|%-10.1f|%010.2f|%e|%E|%g|%G|%.3g\n" 3.14159 2.5 1.0 (-2.25) (-3.5) 12345.678 0.00012 0.0001 1e20 123456.;
  Printf.printf "F %F|%F|%F|%F|%F|%F|%.3F\n" 1.0 0.1 1e100 nan infinity neg_infinity 2.;
  Printf.printf "h %h|%H|%h|%.2h\n" 1.0 255.5 0.1 3.0;
  Printf.printf "plus %+f|% f|%+.1e\n" 1.5 1.5 (-1.5);
  Printf.printf "special %f|%e|%g|%5.1f\n" nan infinity neg_infinity nan;
  Printf.printf "str %s|%10s|%-10s|%S|%S\n" "abc" "right" "left" "q\"uote\n" "\001\255";
  Printf.printf "char %c|%C|%C|%C\n" 'x' 'y' '\'' '\n';
  Printf.printf "bool %B|%B|%8B|%b\n" true false true false;
  Printf.printf "int32 %ld|%lx|%5ld|%li ; int64 %Ld|%LX|%Lu ; native %nd|%nx\n" 12l 255l (-3l) 7l 123456789012L 255L (-1L) 42n 255n;
  Printf.printf "literal %% @ @[ @] @, @. %!done\n";
  Printf.printf "%a|%t\n" (fun oc s -> output_string oc (String.uppercase_ascii s)) "alpha" (fun oc -> output_string oc "theta");
  let s = Printf.sprintf "%d-%s-%a-%t" 1 "two" (fun () x -> string_of_int (x * 3)) 3 (fun () -> "four") in
  print_endline s;
  let b = Buffer.create 10 in
  Printf.bprintf b "%d %s %a" 5 "six" (fun b x -> Buffer.add_string b (string_of_float x)) 7.5;
  print_endline (Buffer.contents b);
  print_endline (Printf.ksprintf (fun s -> "<" ^ s ^ ">") "%d+%d" 1 2);
  Printf.kfprintf (fun oc -> output_string oc "!\n") stdout "k%s" "f";
  Printf.ifprintf stdout "%d %s" 1 "ignored";
  Printf.kbprintf (fun b -> print_endline (Buffer.contents b)) (Buffer.create 1) "kb%c" 'z';
  print_endline (Printf.sprintf "%{%d %s%}|" "%i %s");
  print_endline (Printf.sprintf "%(%d+%d%)=%d" "%d+%d" 1 2 3);
  let f = format_of_string "%s=%d" in
  print_endline (Printf.sprintf f "x" 1);
  print_endline (string_of_format ("a%db" ^^ "c%s"));
  print_endline (Printf.sprintf ("%d" ^^ " and %s") 1 "x");
  Printf.printf "%5s|%-5s|%5c|\n" "toolongstring" "ab" 'c';
  Printf.printf "%x %X %o\n" (-1) (-255) (-8);
  Printf.printf "%d %d\n" max_int min_int;
  Printf.printf "%.10f %.15g %.17g\n" (1. /. 3.) 0.1 0.1;
  Printf.printf "%s\n" (string_of_float 1e15 ^ " " ^ string_of_float 0.1 ^ " " ^ string_of_float 100. ^ " " ^ string_of_float (-0.) ^ " " ^ string_of_float 1e-5 ^ " " ^ string_of_float 123456789012345.);
  Printf.eprintf "to stderr %d\n" 1;
  Printf.printf "%#x %#o %#X\n" 0 0 0;
  Printf.printf "%+5d|%-+5d|% 5d|%+05d\n" 3 3 3 3;
  Printf.printf "%#5d|%#05d|%#-8d|\n" 12345 123 1234;
  Printf.printf "%.3s|%10.2s|\n" "abcdef" "xyz"
