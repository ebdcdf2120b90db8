(* The order in which operands are evaluated, construct by construct: each line shows the
   letters printed by the effects of the operands, in the order they ran. OCaml evaluates the
   arguments of an application, the parts of tuples, constructors, records, arrays and lists,
   and the operands of primitives right to left (the function of an application after its
   arguments); `&&`, `||`, `let ... and ...`, `for` bounds and the components of a matched
   tuple left to right. See eval_order_native.ml for the cases where ocamlopt and the
   bytecode compiler differ. *)
let pr s x = print_string s; x
let case name f = print_string (name ^ ": "); ignore (f ()); print_newline ()

(* Applications. *)
let f2 _ _ = ()
let f3 _ _ _ = ()
let add a b = a + b
let curried a = fun b -> a + b
let () = case "apply" (fun () -> f2 (pr "a" 1) (pr "b" 2))
let () = case "apply unknown" (fun () -> (pr "F" f2) (pr "a" 1) (pr "b" 2))
let () = case "apply 3" (fun () -> (pr "F" f3) (pr "a" 1) (pr "b" 2) (pr "c" 3))
let () = case "apply inlined" (fun () -> add (pr "a" 1) (pr "b" 2))
let () = case "apply curried" (fun () -> (pr "F" curried) (pr "a" 1) (pr "b" 2))
let () = case "over-application" (fun () -> (pr "F" (fun x -> pr "G" (fun y -> x + y))) (pr "a" 1) (pr "b" 2))
let () = case "partial" (fun () -> let p = (pr "F" f3) (pr "a" 1) (pr "b" 2) in print_string "|"; p (pr "c" 3))
let () = case "anonymous" (fun () -> (pr "F" (fun x y -> x + y)) (pr "a" 1) (pr "b" 2))
let () = case "|>" (fun () -> pr "a" 1 |> pr "F" succ)
let () = case "@@" (fun () -> pr "F" succ @@ pr "a" 1)
let () = case "printf" (fun () -> Printf.sprintf "%d %d" (pr "a" 1) (pr "b" 2))
let () = case "printf unknown" (fun () -> (pr "F" (Printf.sprintf "%d %d")) (pr "a" 1) (pr "b" 2))

(* Labels and optional arguments: by the function's parameters, whatever the source order. *)
let lab ~a ~b = a - b
let opt ?(o = pr "d" 0) ~x () = x + o
let mixed a ~b c ~d = a + b + c + d
let () = case "labels" (fun () -> lab ~b:(pr "b" 1) ~a:(pr "a" 2))
let () = case "labels unknown" (fun () -> (pr "F" lab) ~b:(pr "b" 1) ~a:(pr "a" 2))
let () = case "optional given" (fun () -> opt ~x:(pr "x" 1) ~o:(pr "o" 2) (pr "u" ()))
let () = case "optional omitted" (fun () -> opt ~x:(pr "x" 1) (pr "u" ()))
let () = case "optional ?o" (fun () -> opt ?o:(pr "o" None) ~x:(pr "x" 1) (pr "u" ()))
let () = case "label left open" (fun () -> let g = (pr "F" lab) ~b:(pr "b" 1) in print_string "|"; g ~a:(pr "a" 2))
let () = case "label first given" (fun () -> let g = (pr "F" lab) ~a:(pr "a" 2) in print_string "|"; g ~b:(pr "b" 1))
let () = case "optional left open" (fun () -> let g = (pr "F" opt) ~x:(pr "x" 1) in print_string "|"; g (pr "u" ()))
let () = case "optional only before gap" (fun () -> let g = (pr "F" opt) ~o:(pr "o" 1) in print_string "|"; g ~x:(pr "x" 1) (pr "u" ()))
let () = case "positional then gap" (fun () -> let g = (pr "F" mixed) (pr "a" 1) ~d:(pr "d" 1) in print_string "|"; g ~b:(pr "b" 1) (pr "c" 1))
let () = case "gap then several" (fun () -> let g = (pr "F" mixed) ~d:(pr "d" 1) (pr "a" 1) (pr "c" 2) in print_string "|"; g ~b:(pr "b" 1))
let () = case "two gaps" (fun () -> let g = (pr "F" mixed) ~d:(pr "d" 1) ~b:(pr "b" 2) in print_string "|"; g (pr "a" 1) (pr "c" 1))
let () = case "open optional used twice" (fun () -> let g = opt ~x:(pr "x" 1) in print_string "|"; g () + g ~o:(pr "o" 5) ())

(* Data. *)
type r = { x : int; y : int; z : int }
type m = { mutable fld : int }
type v = C of { p : int; q : int } | D of int * int
exception X of int * int
type ext = ..
type ext += E of int * int
let r0 = { x = 0; y = 0; z = 0 }
let () = case "tuple" (fun () -> (pr "a" 1, pr "b" 2, pr "c" 3))
let () = case "constructor" (fun () -> D (pr "a" 1, pr "b" 2))
let () = case "option of tuple" (fun () -> Some (pr "a" 1, pr "b" 2))
let () = case "inline record" (fun () -> C { q = pr "q" 1; p = pr "p" 2 })
let () = case "exception" (fun () -> X (pr "a" 1, pr "b" 2))
let () = case "extension" (fun () -> E (pr "a" 1, pr "b" 2))
let () = case "polymorphic variant" (fun () -> `V (pr "a" 1, pr "b" 2))
let () = case "record" (fun () -> { x = pr "x" 1; y = pr "y" 2; z = pr "z" 3 })
let () = case "record reordered" (fun () -> { z = pr "z" 1; x = pr "x" 2; y = pr "y" 3 })
let () = case "record with" (fun () -> { (pr "e" r0) with z = pr "z" 1; x = pr "x" 2 })
let () = case "array" (fun () -> [| pr "a" 1; pr "b" 2; pr "c" 3 |])
let () = case "float array" (fun () -> [| pr "a" 1.; pr "b" 2.; pr "c" 3. |])
let () = case "string array" (fun () -> [| pr "a" "x"; pr "b" "y" |])
let () = case "list" (fun () -> [ pr "a" 1; pr "b" 2; pr "c" 3 ])
let () = case "nested" (fun () -> (Some (pr "a" 1), [ pr "b" 2; pr "c" 3 ]))
let () = case "raise" (fun () -> try raise (X (pr "a" 1, pr "b" 2)) with X _ -> ())

(* Primitive operators. *)
let () = case "+" (fun () -> pr "a" 1 + pr "b" 2)
let () = case "- *" (fun () -> pr "a" 1 - pr "b" 2 * pr "c" 3)
let () = case "/" (fun () -> pr "a" 10 / pr "b" 2)
let () = case "mod" (fun () -> pr "a" 10 mod pr "b" 3)
let () = case "land" (fun () -> pr "a" 1 land pr "b" 3)
let () = case "+." (fun () -> pr "a" 1. +. pr "b" 2.)
let () = case "::" (fun () -> pr "a" 1 :: pr "b" [])
let () = case ":: ::" (fun () -> pr "a" 1 :: pr "b" 2 :: pr "c" [])
let () = case "^" (fun () -> pr "a" "x" ^ pr "b" "y")
let () = case "^ ^" (fun () -> pr "a" "x" ^ pr "b" "y" ^ pr "c" "z")
let () = case "@" (fun () -> pr "a" [1] @ pr "b" [2])
let () = case "= int" (fun () -> pr "a" 1 = pr "b" 2)
let () = case "= list" (fun () -> pr "a" [1] = pr "b" [2])
let () = case "= string" (fun () -> pr "a" "x" = pr "b" "y")
let () = case "< float" (fun () -> pr "a" 1. < pr "b" 2.)
let () = case "<>" (fun () -> pr "a" 1 <> pr "b" 2)
let () = case "==" (fun () -> pr "a" 1 == pr "b" 2)
let () = case "compare list" (fun () -> compare (pr "a" [1]) (pr "b" [2]))
let () = case "compare string" (fun () -> compare (pr "a" "x") (pr "b" "y"))
let () = case "Int64.add" (fun () -> Int64.add (pr "a" 1L) (pr "b" 2L))
let () = case "&&" (fun () -> pr "a" true && pr "b" true)
let () = case "||" (fun () -> pr "a" false || pr "b" true)
let () = case "not" (fun () -> not (pr "a" true))
let () = case "if" (fun () -> if pr "a" 1 = pr "b" 1 then pr "c" () else pr "d" ())

(* Arrays, strings, references, fields. *)
let arr = [| 1; 2; 3 |]
let farr = [| 1.; 2. |]
let bytes = Bytes.make 4 'a'
let cell = { fld = 0 }
let () = case "a.(i) <- v" (fun () -> (pr "a" arr).(pr "i" 0) <- pr "v" 5)
let () = case "a.(i)" (fun () -> (pr "a" arr).(pr "i" 0))
let () = case "float a.(i) <- v" (fun () -> (pr "a" farr).(pr "i" 0) <- pr "v" 1. +. pr "w" 2.)
let () = case "Array.set" (fun () -> Array.set (pr "a" arr) (pr "i" 0) (pr "v" 5))
let () = case "Array.unsafe_get" (fun () -> Array.unsafe_get (pr "a" arr) (pr "i" 0))
let () = case "Array.make" (fun () -> Array.make (pr "n" 1) (pr "x" 0))
let () = case "Bytes.unsafe_set" (fun () -> Bytes.unsafe_set (pr "a" bytes) (pr "i" 0) (pr "v" 'c'))
let () = case "String.unsafe_get" (fun () -> String.unsafe_get (pr "a" "abc") (pr "i" 0))
let () = case "Bytes.blit" (fun () -> Bytes.blit (pr "a" bytes) (pr "b" 0) (pr "c" bytes) (pr "d" 0) (pr "e" 1))
let () = case "r.f <- v" (fun () -> (pr "r" cell).fld <- pr "v" 1)
let () = case ":=" (fun () -> let r = ref 0 in (pr "r" r) := pr "v" 1)
let () = case ":= !" (fun () -> let r = ref 1 in r := !(pr "r" r) + pr "v" 1)
let () = case "ref read after write" (fun () -> let r = ref 1 in let t = (!r, (r := 2; pr "w" 0)) in print_int (fst t))

(* Bindings and matches. *)
let () = case "let and" (fun () -> let a = pr "a" 1 and b = pr "b" 2 and c = pr "c" 3 in a + b + c)
let () = case "let tuple" (fun () -> let a, b = (pr "a" 1, pr "b" 2) in a + b)
let () = case "let nested tuple" (fun () -> let (a, b), c = (pr "a" 1, pr "b" 2), pr "c" 3 in a + b + c)
let () = case "match tuple" (fun () -> match pr "a" 1, pr "b" 2, pr "c" 3 with a, b, c -> a + b + c)
let () = case "match tuple cases" (fun () -> match (pr "a" 1, pr "b" 2) with 0, 0 -> 0 | a, b -> a + b)
let () = case "match tuple var" (fun () -> match (pr "a" 1, pr "b" 2) with t -> fst t)
let () = case "match tuple alias" (fun () -> match (pr "a" 1, pr "b" 2) with (a, _) as t -> a + snd t)
let () = case "match tuple option" (fun () -> match pr "a" (Some 1), pr "b" 2 with Some a, b -> a + b | None, b -> b)
let () = case "match tuple guard" (fun () -> match pr "a" 1, pr "b" 2 with a, _ when a > 5 -> 0 | a, b -> a + b)
let () = case "match exception" (fun () -> match pr "a" 1, pr "b" 2 with exception Exit -> 0 | a, b -> a + b)
let () = case "function tuple" (fun () -> (function a, b -> a + b) (pr "a" 1, pr "b" 2))
let () = case "for" (fun () -> for _ = pr "a" 0 to pr "b" 0 do pr "c" () done)
let () = case "while" (fun () -> while pr "a" false do () done)
let () = case "lazy" (fun () -> Lazy.force (lazy (pr "a" 1 + pr "b" 2)))
let () = case "assert" (fun () -> assert (pr "a" 1 = pr "b" 1))
