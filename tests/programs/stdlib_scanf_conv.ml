(* Scanf conversions: sscanf, bscanf, scanf-style readers, char sets, counters, ignored
   conversions, %r readers, format arguments and errors. *)
let show f = try print_endline (f ()) with
  | Scanf.Scan_failure m -> print_endline ("Scan_failure: " ^ m)
  | Failure m -> print_endline ("Failure: " ^ m)
  | End_of_file -> print_endline "End_of_file"
let () =
  show (fun () -> Scanf.sscanf "42 -7 0x1f 0o17 0b101" "%d %i %i %i %i" (Printf.sprintf "%d %d %d %d %d"));
  show (fun () -> Scanf.sscanf "ff 17 777" "%x %o %u" (Printf.sprintf "%d %d %d"));
  show (fun () -> Scanf.sscanf "12l 13 14" "%ldl %Ld %nd" (fun a b c -> Printf.sprintf "%ld %Ld %nd" a b c));
  show (fun () -> Scanf.sscanf "3.25 -1e3 0x1p3 inf" "%f %e %h %F" (Printf.sprintf "%g %g %g %g"));
  show (fun () -> Scanf.sscanf "hello world" "%s %s" (fun a b -> a ^ "|" ^ b));
  show (fun () -> Scanf.sscanf "hello world" "%5s%s" (fun a b -> a ^ "|" ^ b));
  show (fun () -> Scanf.sscanf "\"a\\nb\" 'c' 'd'" "%S %C %C" (fun s c d -> Printf.sprintf "%S %C %C" s c d));
  show (fun () -> Scanf.sscanf "xyz" "%c%c%c" (fun a b c -> String.init 3 (function 0 -> c | 1 -> b | _ -> a)));
  show (fun () -> Scanf.sscanf "  x" " %c" (String.make 1));
  show (fun () -> Scanf.sscanf "  x" "%c" (String.make 1));
  show (fun () -> Scanf.sscanf "true false" "%B %b" (Printf.sprintf "%B %B"));
  show (fun () -> Scanf.sscanf "abc123def" "%[a-z]%[0-9]%[^\n]" (fun a b c -> a ^ "|" ^ b ^ "|" ^ c));
  show (fun () -> Scanf.sscanf "a-b]c" "%[]a-]%s" (fun a b -> a ^ "|" ^ b));
  show (fun () -> Scanf.sscanf "1 2 3" "%_d %d %_d" string_of_int);
  show (fun () -> Scanf.sscanf "ab\ncd\nef" "%s@\n%s@\n%n" (fun a b n -> Printf.sprintf "%s %s %d" a b n));
  show (fun () -> Scanf.sscanf "key=value;rest" "%s@=%s@;%s" (fun a b c -> a ^ "," ^ b ^ "," ^ c));
  show (fun () -> Scanf.sscanf "12 abc" "%d%l %s%n" (fun a l s n -> Printf.sprintf "%d %d %s %d" a l s n));
  show (fun () -> Scanf.sscanf "xy" "%0c%c" (fun a b -> Printf.sprintf "%c%c" a b));
  show (fun () -> Scanf.sscanf "abc" "%s%!" (fun s -> s));
  show (fun () -> Scanf.sscanf "abc def" "%s%!" (fun s -> s));
  show (fun () -> Scanf.sscanf "12" "%d %d" (fun a b -> string_of_int (a + b)));
  show (fun () -> Scanf.sscanf "abc" "%d" string_of_int);
  show (fun () -> Scanf.sscanf "(1,2)" "(%d,%d)" (fun a b -> string_of_int (a * b)));
  show (fun () -> Scanf.sscanf "(1;2)" "(%d,%d)" (fun a b -> string_of_int (a * b)));
  show (fun () -> Scanf.sscanf "7 rest" "%r %s" (fun ib -> Scanf.bscanf ib "%d" (fun x -> x * 2)) (fun x s -> Printf.sprintf "%d %s" x s));
  show (fun () -> Scanf.sscanf "  42" "%3d" string_of_int);
  show (fun () -> Scanf.sscanf "123456" "%3d%3d" (fun a b -> Printf.sprintf "%d/%d" a b));
  show (fun () -> Scanf.sscanf "1_000 0x_ff" "%d %x" (Printf.sprintf "%d %d"));
  show (fun () -> Scanf.sscanf "" "%d" string_of_int);
  show (fun () -> Scanf.sscanf "-" "%d" string_of_int);
  let ib = Scanf.Scanning.from_string "10 20 30\nnext line" in
  let a = Scanf.bscanf ib " %d" (fun x -> x) in
  let b = Scanf.bscanf ib " %d" (fun x -> x) in
  let c = Scanf.bscanf ib " %d\n" (fun x -> x) in
  let rest = Scanf.bscanf ib "%[^\n]" (fun s -> s) in
  Printf.printf "%d %d %d [%s] eof=%B\n" a b c rest (Scanf.Scanning.end_of_input ib);
  let ib = Scanf.Scanning.from_function (let n = ref 0 in fun () -> incr n; if !n > 5 then raise End_of_file else Char.chr (48 + !n)) in
  Scanf.bscanf ib "%d" (Printf.printf "from_function %d\n");
  Printf.printf "%s\n" (Scanf.unescaped "a\\tb\\065");
  show (fun () -> Scanf.ksscanf "x" (fun _ e -> "handler: " ^ Printexc.to_string e) "%d" string_of_int)
