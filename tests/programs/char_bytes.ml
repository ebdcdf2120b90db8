let caesar k s = String.map (fun c -> match c with
  | 'a' .. 'z' -> Char.chr ((Char.code c - 97 + k) mod 26 + 97)
  | 'A' .. 'Z' -> Char.chr ((Char.code c - 65 + k) mod 26 + 65)
  | c -> c) s
let rev s = let n = String.length s in String.init n (fun i -> s.[n - 1 - i])
let is_pal s = s = rev s
let count_vowels s = let n = ref 0 in String.iter (function 'a' | 'e' | 'i' | 'o' | 'u' -> incr n | _ -> ()) s; !n
let () =
  print_endline (caesar 3 "Hello, World! xyz");
  print_endline (caesar 23 (caesar 3 "Round Trip"));
  print_endline (rev "stressed");
  List.iter (fun w -> Printf.printf "%s:%b " w (is_pal w)) ["racecar"; "ocaml"; ""; "a"]; print_newline ();
  Printf.printf "vowels %d\n" (count_vowels "the quick brown fox jumps over the lazy dog");
  let b = Bytes.create 26 in
  for i = 0 to 25 do Bytes.set b i (Char.chr (65 + i)) done;
  print_endline (Bytes.to_string b);
  let b2 = Bytes.copy b in Bytes.set b2 0 '#';
  Printf.printf "%c %c %d\n" (Bytes.get b 0) (Bytes.get b2 0) (Bytes.length (Bytes.cat b b2));
  let hex = "0123456789abcdef" in
  let to_hex n = let buf = Buffer.create 8 in let rec go n = if n > 0 then (go (n / 16); Buffer.add_char buf hex.[n mod 16]) in go n; Buffer.contents buf in
  Printf.printf "%s %s\n" (to_hex 255) (to_hex 48879);
  Printf.printf "%d\n" (Char.compare 'a' 'b');
  print_endline (String.concat "" (List.map (String.make 1) ['o'; 'k']))
