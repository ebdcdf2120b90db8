(* Stdlib units compiled on demand: Stdlib, List, String, Printf (format literals). *)
print_string "hi\n";;
Printf.printf "%d\n" 3;;
Printf.sprintf "%s-%5.2f|%-4d|%04x|%B %c %S %Ld" "a" 3.14159 7 255 true 'A' "q" 12L;;
List.map (fun x -> x * 2) [1; 2; 3];;
String.concat ", " ["a"; "b"; "c"];;
failwith "boom";;
max_int;;
let f : type a. a option -> int = function None -> 0 | Some _ -> 1;;
