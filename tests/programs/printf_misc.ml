let () =
  Printf.printf "%s|%10s|%-10s|%c|%%\n" "abc" "right" "left" 'z';
  Printf.printf "%d %i %u %x %o %X\n" 42 (-42) 42 42 42 255;
  Printf.printf "%B %b\n" true false;
  Printf.printf "%S %C\n" "q\"uote" 'c';
  Printf.printf "%a\n" (fun oc s -> output_string oc ("<" ^ s ^ ">")) "custom";
  Printf.printf "%t\n" (fun oc -> output_string oc "thunk");
  let s = Printf.sprintf "%d-%d" 1 2 in print_endline s;
  let k = Printf.ksprintf (fun s -> String.length s) "%s%s" "ab" "cde" in Printf.printf "%d\n" k;
  Printf.printf "%*d|%-*d|\n" 6 42 4 7;
  Printf.printf "%.*f\n" 2 3.14159;
  Printf.eprintf "to stderr %d\n" 1;
  print_string "no newline "; print_int 5; print_char '!'; print_newline ();
  prerr_endline "err line";
  print_float 3.5; print_newline ();
  Printf.printf "%s\n" (Printf.sprintf "%08.3f" 3.14159);
  Printf.printf "%#x %#o\n" 255 8;
  Printf.printf "[%5s][%-5s][%.2s]\n" "ab" "ab" "abcdef";
  Printf.printf "%+d %+d % d\n" 5 (-5) 5;
  Printf.printf "%d%%\n" 50
