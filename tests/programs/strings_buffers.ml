let () =
  let s = "Hello, OCaml world" in
  Printf.printf "%d %c %s\n" (String.length s) s.[4] (String.sub s 7 5);
  print_endline (String.uppercase_ascii s);
  print_endline (String.lowercase_ascii s);
  print_endline (String.concat "|" (String.split_on_char ' ' s));
  Printf.printf "index %d rindex %d contains %b\n" (String.index s 'o') (String.rindex s 'o') (String.contains s 'z');
  print_endline (String.make 5 '*');
  print_endline (String.init 10 (fun i -> Char.chr (97 + i)));
  print_endline (String.trim "   spaced out  \n");
  print_endline (String.map (fun c -> if c = 'l' then 'L' else c) s);
  Printf.printf "compare %d %d %d\n" (String.compare "abc" "abd") (String.compare "b" "a") (compare "x" "x");
  Printf.printf "equal %b\n" (String.equal "abc" ("ab" ^ "c"));
  print_endline (String.capitalize_ascii "ocaml");
  print_endline (String.escaped "tab\there \"quoted\" \\ \n");
  let b = Bytes.of_string "abcdef" in
  Bytes.set b 0 'X';
  Bytes.blit_string "ZZ" 0 b 3 2;
  print_endline (Bytes.to_string b);
  let b2 = Bytes.create 3 in
  Bytes.fill b2 0 3 'q';
  print_endline (Bytes.to_string b2 ^ Bytes.sub_string b 1 2);
  let buf = Buffer.create 16 in
  for i = 1 to 20 do Buffer.add_string buf (string_of_int i); Buffer.add_char buf ',' done;
  Printf.printf "%s (%d)\n" (Buffer.contents buf) (Buffer.length buf);
  Buffer.clear buf;
  Printf.bprintf buf "%d-%s-%.2f" 42 "x" 3.14159;
  print_endline (Buffer.contents buf);
  let big = Buffer.create 1 in
  for _ = 1 to 100_000 do Buffer.add_string big "ab" done;
  Printf.printf "big %d\n" (Buffer.length big);
  Printf.printf "%s\n" (String.concat "" (List.init 5 string_of_int));
  Printf.printf "starts %b ends %b\n" (String.length s > 5 && String.sub s 0 5 = "Hello") (String.sub s (String.length s - 5) 5 = "world");
  print_endline (String.sub (String.make 3 'a' ^ "bc") 1 3);
  Printf.printf "%d %d\n" (Char.code 'A') (Char.code (Char.chr 200));
  print_endline (Char.escaped '\n' ^ Char.escaped 'a' ^ String.make 1 (Char.uppercase_ascii 'b'));
  let words = ["banana"; "apple"; "cherry"] in
  print_endline (String.concat " " (List.sort String.compare words));
  Printf.printf "[%s]\n" (String.concat ";" (List.map (fun w -> Printf.sprintf "%S" w) words));
  Printf.printf "%s\n" (string_of_int (int_of_string "0x1F") ^ " " ^ string_of_int (int_of_string "-123"));
  Printf.printf "%b %s\n" (bool_of_string "true") (string_of_bool false)
