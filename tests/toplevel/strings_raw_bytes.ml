(* Strings are printed byte for byte: bytes that are not UTF-8 are not replaced. *)
"\xff\xe9t\xc3\xa9";;
let s = String.make 3 (Char.chr 200);;
let l = ["\x80"; "ok"; "\xf4\x8f\xbc\x80"; "\xc3"];;
Bytes.of_string "\xfe\xff";;
exception E of string;;
raise (E "\xff");;
let long = String.make 40 '\xe9' ^ String.make 40 'x';;
[String.make 30 '\xff'; String.make 30 '\xfe'; String.make 30 '\xfd'];;
'\xff';;
print_string "\xff\n";;
Some (Bytes.of_string "a\"b'c\\");;
[Bytes.make 3 '\xe9'];;
let b = Bytes.make 1000 '\xe9';;
(Bytes.of_string "x", 1);;
