(* OCaml evaluates the arguments of an application, and the parts of tuples, lists and
   constructors, from right to left. *)
let f _ _ = ()
let () = f (print_string "a") (print_string "b"); print_newline ()
let g = ref f
let () = !g (print_string "c") (print_string "d"); print_newline ()
let () = ignore (print_string "e", print_string "f"); print_newline ()
let () = ignore [ print_string "g"; print_string "h" ]; print_newline ()
let () = Printf.printf "%s%s\n" (print_string "i"; "I") (print_string "j"; "J")
let () =
  let s = Stack.create () in
  List.iter (fun x -> Stack.push x s) [ 1; 2; 3 ];
  Printf.printf "%d %d %d\n" (Stack.pop s) (Stack.pop s) (Stack.pop s)
