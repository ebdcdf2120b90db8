#!/bin/sh
# Tables of parser.mly as ocamlyacc makes them, and traces of OCaml's own parsing engine driven
# like Parsing.yyparse (semantic value of a rule = its number; small stacks to force growth).
# Lines: "table" TAB field TAB hex bytes | "ints" TAB field TAB numbers | "tablesize" TAB n |
# "trace" TAB tokens TAB steps.
set -eu
tmp=$(mktemp -d)
ocamlyacc -b "$tmp/parser" parser.mly
cat > "$tmp/driver.ml" <<ML
#use "$tmp/parser.ml";;
type parser_env = { mutable s_stack : int array; mutable v_stack : Obj.t array;
  mutable symb_start_stack : Lexing.position array; mutable symb_end_stack : Lexing.position array;
  mutable stacksize : int; mutable stackbase : int; mutable curr_char : int; mutable lval : Obj.t;
  mutable symb_start : Lexing.position; mutable symb_end : Lexing.position; mutable asp : int;
  mutable rule_len : int; mutable rule_number : int; mutable sp : int; mutable state : int;
  mutable errflag : int }
type output = Read_token | Raise_parse_error | Grow_stacks_1 | Grow_stacks_2
  | Compute_semantic_action | Call_error_function
type input = Start | Token_read | Stacks_grown_1 | Stacks_grown_2 | Semantic_action_computed
  | Error_detected
external engine : Parsing.parse_tables -> parser_env -> input -> Obj.t -> output = "caml_parse_engine"
let hex s = String.concat "" (List.init (String.length s) (fun i -> Printf.sprintf "%02x" (Char.code s.[i])))
let t = yytables
let () =
  List.iter (fun (n, s) -> Printf.printf "table\t%s\t%s\n" n (hex s))
    [ "lhs", t.Parsing.lhs; "len", t.Parsing.len; "defred", t.Parsing.defred;
      "dgoto", t.Parsing.dgoto; "sindex", t.Parsing.sindex; "rindex", t.Parsing.rindex;
      "gindex", t.Parsing.gindex; "table", t.Parsing.table; "check", t.Parsing.check ];
  List.iter (fun (n, a) -> Printf.printf "ints\t%s\t%s\n" n
    (String.concat " " (Array.to_list (Array.map string_of_int a))))
    [ "transl_const", t.Parsing.transl_const; "transl_block", t.Parsing.transl_block ];
  Printf.printf "tablesize\t%d\n" t.Parsing.tablesize
let token_of s = if s.[0] = 'i' then Obj.repr (INT (int_of_string (String.sub s 1 (String.length s - 1))))
  else Obj.repr (int_of_string (String.sub s 1 (String.length s - 1)))
let trace tokens =
  let toks = ref (List.map token_of (String.split_on_char ' ' tokens)) in
  let p = Lexing.dummy_pos in
  let env = { s_stack = Array.make 3 0; v_stack = Array.make 3 (Obj.repr ());
    symb_start_stack = Array.make 3 p; symb_end_stack = Array.make 3 p; stacksize = 3;
    stackbase = 1; curr_char = 1; lval = Obj.repr (); symb_start = p; symb_end = p; asp = 0;
    rule_len = 0; rule_number = 0; sp = 0; state = 0; errflag = 0 } in
  let grow () =
    let n = env.stacksize * 2 in
    let g a d = let b = Array.make n d in Array.blit a 0 b 0 env.stacksize; b in
    env.s_stack <- g env.s_stack 0; env.v_stack <- g env.v_stack (Obj.repr ());
    env.symb_start_stack <- g env.symb_start_stack p; env.symb_end_stack <- g env.symb_end_stack p;
    env.stacksize <- n in
  let steps = ref [] in
  let log s = steps := Printf.sprintf "%s:%d:%d:%d" s env.sp env.state env.errflag :: !steps in
  let rec loop cmd arg n =
    if n > 200 then log "LIMIT" else
    match engine t env cmd arg with
    | Read_token -> log "read";
      (match !toks with tk :: rest -> toks := rest; loop Token_read tk (n + 1)
       | [] -> log "EOF_OF_INPUT")
    | Raise_parse_error -> log "parse_error"
    | Grow_stacks_1 -> log "grow1"; grow (); loop Stacks_grown_1 (Obj.repr ()) (n + 1)
    | Grow_stacks_2 -> log "grow2"; grow (); loop Stacks_grown_2 (Obj.repr ()) (n + 1)
    | Call_error_function -> log "error"; loop Error_detected (Obj.repr ()) (n + 1)
    | Compute_semantic_action ->
      log (Printf.sprintf "reduce%d" env.rule_number);
      (match (Obj.magic t.Parsing.actions.(env.rule_number) : parser_env -> Obj.t) env with
       | _ -> loop Semantic_action_computed (Obj.repr env.rule_number) (n + 1)
       | exception Parsing.YYexit v -> log (Printf.sprintf "accept%d" (Obj.magic v : int))) in
  loop Start (Obj.repr ()) 0;
  Printf.printf "trace\t%s\t%s\n" tokens (String.concat " " (List.rev !steps))
let () = List.iter trace [ "c5"; "i1 c4 c5"; "i1 c0 i2 c1 i3 c4 c5"; "c2 c2 c2 i1 c3 c3 c3 c4 c5";
  "i1 c0 c4 i2 c4 c5"; "c0 c0 c4 i7 c4 c5"; "i1 c0"; "c3 c5"; "i1 i2 c4 i3 c4 c5";
  "c2 c2 c2 c2 c2 c2 c2 c2 i1 c3 c3 c3 c3 c3 c3 c3 c3 c4 c5" ]
ML
ocaml "$tmp/driver.ml"
rm -rf "$tmp"
