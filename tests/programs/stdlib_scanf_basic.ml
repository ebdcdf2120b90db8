(* Scanf: conversions, widths, literals, errors and their messages, readers, counters. *)
let t name f = match f () with s -> Printf.printf "%s: %s\n" name s | exception e -> Printf.printf "%s: EXN %s\n" name (Printexc.to_string e)
let () =
  t "ws %d" (fun () -> Scanf.sscanf "  12" "%d" string_of_int);
  t "ws %s" (fun () -> Scanf.sscanf "  ab cd" "%s" (fun s -> s));
  t "ws %f" (fun () -> Scanf.sscanf "  1.5" "%f" string_of_float);
  t "ws %c" (fun () -> Scanf.sscanf "  x" "%c" (String.make 1));
  t "%o neg" (fun () -> Scanf.sscanf "-17" "%o" string_of_int);
  t "%x neg" (fun () -> Scanf.sscanf "-ff" "%x" string_of_int);
  t "%x" (fun () -> Scanf.sscanf "ff" "%x" string_of_int);
  t "%X" (fun () -> Scanf.sscanf "0xff" "%x" string_of_int);
  t "%u" (fun () -> Scanf.sscanf "-5" "%u" string_of_int);
  t "%i" (fun () -> Scanf.sscanf "-0x1f" "%i" string_of_int);
  t "%i b" (fun () -> Scanf.sscanf "0b101 0o17 017" "%i %i %i" (Printf.sprintf "%d %d %d"));
  t "%f .5" (fun () -> Scanf.sscanf ".5" "%f" string_of_float);
  t "%f nan" (fun () -> Scanf.sscanf "nan" "%f" string_of_float);
  t "%f inf" (fun () -> Scanf.sscanf "inf" "%f" string_of_float);
  t "%f 1e5" (fun () -> Scanf.sscanf "1e5x" "%f%s" (fun f s -> string_of_float f ^ s));
  t "%f 1_000.5" (fun () -> Scanf.sscanf "1_000.5" "%f" string_of_float);
  t "%F 1" (fun () -> Scanf.sscanf "1" "%F" string_of_float);
  t "%F 1." (fun () -> Scanf.sscanf "1." "%F" string_of_float);
  t "%F 0x1p3" (fun () -> Scanf.sscanf "0x1p3" "%F" string_of_float);
  t "%d empty" (fun () -> Scanf.sscanf "" "%d" string_of_int);
  t "%d abc" (fun () -> Scanf.sscanf "abc" "%d" string_of_int);
  t "%d -" (fun () -> Scanf.sscanf "-" "%d" string_of_int);
  t "%x g" (fun () -> Scanf.sscanf "g" "%x" string_of_int);
  t "lit" (fun () -> Scanf.sscanf "a=1" "b=%d" string_of_int);
  t "%S" (fun () -> Scanf.sscanf "\"a\\tb\\065\\x41\" rest" "%S %s" (fun a b -> a ^ "|" ^ b));
  t "%S bad" (fun () -> Scanf.sscanf "abc" "%S" (fun a -> a));
  t "%S eof" (fun () -> Scanf.sscanf "\"abc" "%S" (fun a -> a));
  t "%C" (fun () -> Scanf.sscanf "'\\n' 'x'" "%C %C" (fun a b -> Printf.sprintf "%C %C" a b));
  t "%B" (fun () -> Scanf.sscanf "true false" "%B %b" (fun a b -> Printf.sprintf "%B %B" a b));
  t "%B bad" (fun () -> Scanf.sscanf "trux" "%B" string_of_bool);
  t "%B bad2" (fun () -> Scanf.sscanf "yes" "%B" string_of_bool);
  t "%[" (fun () -> Scanf.sscanf "abc123def" "%[a-c]%[0-9]%s" (fun a b c -> a ^ "|" ^ b ^ "|" ^ c));
  t "%[^" (fun () -> Scanf.sscanf "key: value" "%[^:]: %s" (fun a b -> a ^ "|" ^ b));
  t "%s@" (fun () -> Scanf.sscanf "hello world,rest" "%s@,%s" (fun a b -> a ^ "|" ^ b));
  t "%5s" (fun () -> Scanf.sscanf "abcdefgh" "%5s%s" (fun a b -> a ^ "|" ^ b));
  t "%3d" (fun () -> Scanf.sscanf "12345" "%3d%d" (fun a b -> Printf.sprintf "%d|%d" a b));
  t "%n %l" (fun () -> Scanf.sscanf "ab\ncd" "%s@\n%s%n%l%N" (fun a b n l nn -> Printf.sprintf "%s %s %d %d %d" a b n l nn));
  t "%!" (fun () -> Scanf.sscanf "12 " "%d %!" string_of_int);
  t "%! fail" (fun () -> Scanf.sscanf "12 x" "%d %!" string_of_int);
  t "%_d" (fun () -> Scanf.sscanf "1 2 3" "%_d %d %_d" string_of_int);
  t "%ld %Ld %nd" (fun () -> Scanf.sscanf "1 2 3" "%ld %Ld %nd" (fun a b c -> Printf.sprintf "%ld %Ld %nd" a b c));
  t "%r" (fun () -> Scanf.sscanf "[x] 5" "%r %d" (fun ib -> Scanf.bscanf ib "[%s@]" (fun s -> s)) (fun s d -> s ^ string_of_int d));
  t "%0c" (fun () -> Scanf.sscanf "xy" "%0c%c" (fun a b -> Printf.sprintf "%c%c" a b));
  t "space nl" (fun () -> Scanf.sscanf "1 \n\t 2" "%d %d" (fun a b -> Printf.sprintf "%d %d" a b));
  t "nl" (fun () -> Scanf.sscanf "1\r\n2" "%d\n%d" (fun a b -> Printf.sprintf "%d %d" a b));
  t "overflow" (fun () -> Scanf.sscanf "99999999999999999999" "%d" string_of_int);
  t "@{" (fun () -> Scanf.sscanf "@{x" "@{%c" (String.make 1));
  t "%c eof" (fun () -> Scanf.sscanf "" "%c" (String.make 1));
  t "%s eof" (fun () -> Scanf.sscanf "" "%s" (fun s -> "[" ^ s ^ "]"));
  t "ksscanf" (fun () -> Scanf.ksscanf "x" (fun ib e -> "handled " ^ Printexc.to_string e) "%d" string_of_int);
  t "unescaped" (fun () -> Scanf.unescaped "a\\nb\\\"");
  t "unescaped bad" (fun () -> Scanf.unescaped "a\"b");
  t "%-3d" (fun () -> Scanf.sscanf "1" "%-3d" string_of_int);
  t "%a" (fun () -> Scanf.sscanf "1" "%d%.3d" (fun a b -> ""));
  t "%5f" (fun () -> Scanf.sscanf "3.14159" "%5f%s" (fun a b -> string_of_float a ^ "|" ^ b));
  t "%.2f" (fun () -> Scanf.sscanf "3.14159" "%.2f%s" (fun a b -> string_of_float a ^ "|" ^ b));
  t "name" (fun () -> Scanf.Scanning.(name_of_input (from_string "x")));
  let ib = Scanf.Scanning.from_string "1 2 3" in
  t "bscanf loop" (fun () -> String.concat "," (List.init 3 (fun _ -> Scanf.bscanf ib " %d" string_of_int)));
  t "end" (fun () -> string_of_bool (Scanf.Scanning.end_of_input ib));
  t "bscanf eof" (fun () -> Scanf.bscanf ib " %d" string_of_int)
let () =
  let name = Filename.temp_file "scanf" ".txt" in
  let oc = open_out name in
  output_string oc "3\n10 20 30\nname: \"quoted \\\"text\\\"\"\n";
  close_out oc;
  let ib = Scanf.Scanning.open_in name in
  let n = Scanf.bscanf ib "%d\n" (fun n -> n) in
  let total = ref 0 in
  for _ = 1 to n do Scanf.bscanf ib " %d" (fun x -> total := !total + x) done;
  Scanf.bscanf ib "\nname: %S" (fun s -> Printf.printf "n=%d total=%d name=%s\n" n !total s);
  Printf.printf "eof %b\n" (Scanf.Scanning.end_of_input ib);
  Scanf.Scanning.close_in ib;
  let ic = open_in name in
  let ib = Scanf.Scanning.from_channel ic in
  Printf.printf "same buffer %b\n" (ib == Scanf.Scanning.from_channel ic);
  Scanf.bscanf ib "%d" (fun n -> Printf.printf "first %d\n" n);
  close_in ic;
  Sys.remove name;
  let chars = ref [ 'a'; 'b'; ' '; 'c' ] in
  let ib = Scanf.Scanning.from_function (fun () -> match !chars with [] -> raise End_of_file | c :: r -> chars := r; c) in
  Scanf.bscanf ib "%s %s" (fun a b -> Printf.printf "%s+%s %s\n" a b (Scanf.Scanning.name_of_input ib));
  (match Scanf.scanf " %d" (fun n -> n) with n -> print_int n | exception End_of_file -> print_endline "stdin: End_of_file")
