(* Pattern-matching heavy code: a bytecode interpreter over a large variant type, an expression
   simplifier with nested patterns, and a lexer switching on characters and keywords. *)

type instr =
  | Push of int | Pop | Add | Sub | Mul | Mod | Lt | Eq | Dup | Swap | Over | Not
  | Load of int | Store of int | Jmp of int | Jz of int | Jnz of int
  | Inc of int | Dec of int | Nop | Halt | AddR of int * int

let run code =
  let stack = Array.make 256 0 in
  let sp = ref 0 in
  let regs = Array.make 8 0 in
  let pc = ref 0 in
  let steps = ref 0 in
  let push v = stack.(!sp) <- v; incr sp in
  let pop () = decr sp; stack.(!sp) in
  let running = ref true in
  while !running do
    incr steps;
    let i = code.(!pc) in
    incr pc;
    match i with
    | Push n -> push n
    | Pop -> ignore (pop ())
    | Add -> let b = pop () in let a = pop () in push (a + b)
    | Sub -> let b = pop () in let a = pop () in push (a - b)
    | Mul -> let b = pop () in let a = pop () in push (a * b)
    | Mod -> let b = pop () in let a = pop () in push (a mod b)
    | Lt -> let b = pop () in let a = pop () in push (if a < b then 1 else 0)
    | Eq -> let b = pop () in let a = pop () in push (if a = b then 1 else 0)
    | Dup -> let a = pop () in push a; push a
    | Swap -> let b = pop () in let a = pop () in push b; push a
    | Over -> let b = pop () in let a = pop () in push a; push b; push a
    | Not -> push (if pop () = 0 then 1 else 0)
    | Load r -> push regs.(r)
    | Store r -> regs.(r) <- pop ()
    | Jmp t -> pc := t
    | Jz t -> if pop () = 0 then pc := t
    | Jnz t -> if pop () <> 0 then pc := t
    | Inc r -> regs.(r) <- regs.(r) + 1
    | Dec r -> regs.(r) <- regs.(r) - 1
    | AddR (a, b) -> regs.(a) <- regs.(a) + regs.(b)
    | Nop -> ()
    | Halt -> running := false
  done;
  (regs.(0), !steps)

(* r0 = sum over r1 = n downto 1 of (r1 * 7 mod 13), with some detours. *)
let program n =
  [| Push n; Store 1; Push 0; Store 0;
     (* 4: loop *) Load 1; Jz 22;
     Load 1; Push 7; Mul; Push 13; Mod; Load 0; Add; Store 0;
     Nop; Inc 2; Dec 1; AddR (3, 2); Load 1; Push 0; Eq; Jz 4;
     (* 22 *) Halt |]

type expr =
  | Const of int | Var of string | Add of expr * expr | Mul of expr * expr | Sub of expr * expr
  | Neg of expr | If of expr * expr * expr | Let of string * expr * expr

let rec simplify e =
  match e with
  | Add (Const 0, e) | Add (e, Const 0) | Mul (Const 1, e) | Mul (e, Const 1) | Sub (e, Const 0) -> simplify e
  | Mul (Const 0, _) | Mul (_, Const 0) -> Const 0
  | Add (Const a, Const b) -> Const (a + b)
  | Mul (Const a, Const b) -> Const (a * b)
  | Sub (Const a, Const b) -> Const (a - b)
  | Neg (Neg e) -> simplify e
  | Neg (Const n) -> Const (-n)
  | Sub (a, b) when a = b -> Const 0
  | If (Const 0, _, e) -> simplify e
  | If (Const _, e, _) -> simplify e
  | Add (a, b) -> Add (simplify a, simplify b)
  | Mul (a, b) -> Mul (simplify a, simplify b)
  | Sub (a, b) -> Sub (simplify a, simplify b)
  | Neg a -> Neg (simplify a)
  | If (c, a, b) -> If (simplify c, simplify a, simplify b)
  | Let (x, e, b) -> Let (x, simplify e, simplify b)
  | Const _ | Var _ -> e

let rec gen seed depth =
  if depth = 0 then (if seed mod 3 = 0 then Var "x" else Const (seed mod 4))
  else
    let l = gen (seed * 7 + 1) (depth - 1) and r = gen (seed * 13 + 5) (depth - 1) in
    match seed mod 8 with
    | 0 -> Add (l, r) | 1 -> Mul (l, r) | 2 -> Sub (l, r) | 3 -> Neg l
    | 4 -> If (Const (seed mod 2), l, r) | 5 -> Let ("y", l, r) | 6 -> Add (Const 0, l) | _ -> Mul (r, Const 1)

let rec size = function
  | Const _ | Var _ -> 1
  | Neg a -> 1 + size a
  | Add (a, b) | Mul (a, b) | Sub (a, b) | Let (_, a, b) -> 1 + size a + size b
  | If (a, b, c) -> 1 + size a + size b + size c

type token = Ident | Keyword of int | Number | Symbol of char | Str

let keyword = function
  | "let" -> 1 | "in" -> 2 | "if" -> 3 | "then" -> 4 | "else" -> 5 | "match" -> 6 | "with" -> 7
  | "fun" -> 8 | "function" -> 9 | "type" -> 10 | "of" -> 11 | "rec" -> 12 | "and" -> 13
  | "begin" -> 14 | "end" -> 15 | "module" -> 16 | "struct" -> 17 | "sig" -> 18 | _ -> 0

let lex s =
  let n = String.length s in
  let counts = Array.make 6 0 in
  let count t =
    let k = match t with Ident -> 0 | Keyword _ -> 1 | Number -> 2 | Symbol ('(' | ')') -> 3 | Symbol _ -> 4 | Str -> 5 in
    counts.(k) <- counts.(k) + 1
  in
  let i = ref 0 in
  while !i < n do
    match s.[!i] with
    | ' ' | '\t' | '\n' | '\r' -> incr i
    | 'a' .. 'z' | 'A' .. 'Z' | '_' ->
        let start = !i in
        while !i < n && (match s.[!i] with 'a' .. 'z' | 'A' .. 'Z' | '_' | '0' .. '9' | '\'' -> true | _ -> false) do incr i done;
        let w = String.sub s start (!i - start) in
        count (match keyword w with 0 -> Ident | k -> Keyword k)
    | '0' .. '9' ->
        while !i < n && (match s.[!i] with '0' .. '9' | '_' -> true | _ -> false) do incr i done;
        count Number
    | '"' ->
        incr i;
        while !i < n && s.[!i] <> '"' do incr i done;
        incr i;
        count Str
    | ('(' | ')' | '[' | ']' | '{' | '}' | ';' | ',' | '+' | '-' | '*' | '/' | '=' | '<' | '>' | '|' | ':' | '.') as c ->
        incr i;
        count (Symbol c)
    | c -> incr i; count (Symbol c)
  done;
  counts

let source =
  let b = Buffer.create 100_000 in
  for i = 0 to 1500 do
    Buffer.add_string b
      (Printf.sprintf "let rec f%d x = match x with [] -> 0 | y :: ys -> if y > %d then f ys + \"s\" else begin g (y, %d) end\nmodule M%d = struct type t = A of int end\n" i i (i * 7) i)
  done;
  Buffer.contents b

let () =
  let total = ref 0 and steps = ref 0 in
  for k = 1 to 120 do
    let r, s = run (program (20_000 + k)) in
    total := !total + r;
    steps := !steps + s
  done;
  Printf.printf "vm: %d in %d steps\n" !total !steps;
  let sz = ref 0 in
  for seed = 1 to 120 do
    sz := !sz + size (simplify (simplify (gen seed 14)))
  done;
  Printf.printf "simplified size: %d\n" !sz;
  let c = Array.make 6 0 in
  for _ = 1 to 150 do
    Array.iteri (fun i x -> c.(i) <- c.(i) + x) (lex source)
  done;
  Printf.printf "tokens: %s\n" (String.concat " " (Array.to_list (Array.map string_of_int c)))
