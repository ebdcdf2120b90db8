(* Operands that ocamlopt evaluates left to right while the bytecode compiler evaluates them
   right to left (as every other application): the bounds-checked string and bytes accesses,
   Obj.field, and compare specialised to ints, chars, bools, floats and boxed integers. This
   project follows ocamlopt, so both runs of this case are compared with the native output
   (NAME.script-as-native). Not covered: Int64.compare (ocamlopt inlines it and evaluates its
   arguments left to right; this project evaluates them right to left, as bytecode does). *)
let pr s x = print_string s; x
let case name f = print_string (name ^ ": "); ignore (f ()); print_newline ()
let bytes = Bytes.make 4 'a'
let () = case "Bytes.get" (fun () -> Bytes.get (pr "a" bytes) (pr "i" 0))
let () = case "Bytes.set" (fun () -> Bytes.set (pr "a" bytes) (pr "i" 0) (pr "v" 'c'))
let () = case "s.[i]" (fun () -> (pr "a" "abc").[pr "i" 0])
let () = case "String.get" (fun () -> String.get (pr "a" "abc") (pr "i" 0))
let () = case "Bytes.get one effect" (fun () -> Bytes.get bytes (pr "i" 0))
let () = case "Obj.field" (fun () -> Obj.field (pr "a" (Obj.repr (1, 2))) (pr "i" 0))
let () = case "compare int" (fun () -> compare (pr "a" 1) (pr "b" 2))
let () = case "compare char" (fun () -> compare (pr "a" 'x') (pr "b" 'y'))
let () = case "compare bool" (fun () -> compare (pr "a" true) (pr "b" false))
let () = case "compare unit" (fun () -> compare (pr "a" ()) (pr "b" ()))
let () = case "compare float" (fun () -> compare (pr "a" 1.) (pr "b" 2.))
let () = case "compare int32" (fun () -> compare (pr "a" 1l) (pr "b" 2l))
let () = case "compare int64" (fun () -> compare (pr "a" 1L) (pr "b" 2L))
let () = case "compare nativeint" (fun () -> compare (pr "a" 1n) (pr "b" 2n))
let () = case "compare string (right to left)" (fun () -> compare (pr "a" "x") (pr "b" "y"))
let c = ref 0
let () = case "s.[i] with a write" (fun () -> let r = (c := 1; "abc").[(c := 2; 0)] in print_int !c; r)
