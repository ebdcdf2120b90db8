let trace = Buffer.create 64
let t s v = Buffer.add_string trace s; v
let show label = Printf.printf "%s: %s\n" label (Buffer.contents trace); Buffer.clear trace
let f a b c = a + b + c
let g x = fun y -> x * y
type r = { a : int; b : int }
let () =
  ignore (f (t "1" 1) (t "2" 2) (t "3" 3)); show "direct call";
  let h = if Sys.argv = [||] then f else (fun a b c -> a - b - c) in
  ignore (h (t "1" 1) (t "2" 2) (t "3" 3)); show "closure call";
  ignore ((t "f" g) (t "x" 2) (t "y" 3)); show "function expression";
  ignore (t "a" 1 + t "b" 2); show "int add";
  ignore (t "a" 1.5 +. t "b" 2.5); show "float add";
  ignore (t "a" 1 < t "b" 2); show "compare";
  ignore (t "a" 1, t "b" 2, t "c" 3); show "tuple";
  ignore [t "a" 1; t "b" 2; t "c" 3]; show "list";
  ignore { a = t "a" 1; b = t "b" 2 }; show "record";
  ignore (Some (t "a" 1, t "b" 2)); show "constructor";
  ignore [| t "a" 1; t "b" 2 |]; show "array";
  ignore [| t "a" 1.; t "b" 2. |]; show "float array";
  let arr = [| 0; 0 |] in
  (t "arr" arr).(t "i" 0) <- t "v" 5; show "array set";
  ignore (t "s" "abc" ^ t "t" "def"); show "concat";
  let x = ref 0 in
  let next () = incr x; !x in
  Printf.printf "%d %d %d\n" (next ()) (next ()) (next ());
  let l = List.map (fun _ -> next ()) [(); (); ()] in
  List.iter (Printf.printf "%d ") l; print_newline ()
