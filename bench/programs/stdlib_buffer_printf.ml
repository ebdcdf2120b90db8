(* Buffer and Printf: formatting numbers and strings into buffers, sprintf and bprintf with
   widths, precisions and several conversions. *)
let () =
  let b = Buffer.create 16 in
  for i = 0 to 199_999 do
    Printf.bprintf b "%d:%s;" i (if i mod 3 = 0 then "fizz" else "x");
    if Buffer.length b > 100_000 then Buffer.clear b
  done;
  let total = ref 0 in
  for i = 0 to 99_999 do
    let s = Printf.sprintf "%5d|%-8s|%08.3f|%x|%c" i "ab" (float_of_int i /. 7.) i (Char.chr (97 + (i mod 26))) in
    total := !total + String.length s
  done;
  let b2 = Buffer.create 1024 in
  for i = 0 to 299_999 do
    Buffer.add_string b2 (string_of_int i);
    Buffer.add_char b2 ' '
  done;
  let words = String.split_on_char ' ' (Buffer.contents b2) in
  Printf.printf "buffer %d total %d words %d\n" (Buffer.length b) !total (List.length words)
