#!/bin/sh
# Tables of lexer.mll as ocamllex makes them, and traces of OCaml's own Lexing.engine /
# Lexing.new_engine on sample inputs. Lines: "table" TAB field TAB hex bytes, then
# "trace" TAB engine TAB start-state TAB mem-size TAB input TAB steps.
set -eu
tmp=$(mktemp -d)
ocamllex -q lexer.mll -o "$tmp/lexer.ml"
token_state=$(sed -n 's/.*__ocaml_lex_token_rec lexbuf \([0-9]*\)$/\1/p' "$tmp/lexer.ml" | head -1)
assign_line=$(grep -A1 '^and assign lexbuf' "$tmp/lexer.ml" | tr '\n' ' ')
assign_mem=$(echo "$assign_line" | sed -n 's/.*Array.make \([0-9]*\) (-1).*/\1/p')
assign_state=$(echo "$assign_line" | sed -n 's/.*__ocaml_lex_assign_rec lexbuf \([0-9]*\).*/\1/p')
cat > "$tmp/driver.ml" <<ML
#use "$tmp/lexer.ml";;
let hex s = String.concat "" (List.init (String.length s) (fun i -> Printf.sprintf "%02x" (Char.code s.[i])))
let t = __ocaml_lex_tables
let () = List.iter (fun (n, s) -> Printf.printf "table\t%s\t%s\n" n (hex s))
  [ "base", t.Lexing.lex_base; "backtrk", t.Lexing.lex_backtrk; "default", t.Lexing.lex_default;
    "trans", t.Lexing.lex_trans; "check", t.Lexing.lex_check; "base_code", t.Lexing.lex_base_code;
    "backtrk_code", t.Lexing.lex_backtrk_code; "default_code", t.Lexing.lex_default_code;
    "trans_code", t.Lexing.lex_trans_code; "check_code", t.Lexing.lex_check_code;
    "code", t.Lexing.lex_code ]
let trace engine name state memsize input =
  let lb = Lexing.from_string input in
  let steps = ref [] in
  (try
    for _ = 1 to 50 do
      lb.Lexing.lex_mem <- Array.make memsize (-1);
      let a = engine t state lb in
      let mem = String.concat "," (Array.to_list (Array.map string_of_int lb.Lexing.lex_mem)) in
      steps := Printf.sprintf "%d:%d:%d:%s" a lb.Lexing.lex_start_pos lb.Lexing.lex_curr_pos mem :: !steps;
      if lb.Lexing.lex_curr_pos >= String.length input && lb.Lexing.lex_eof_reached = false then raise Exit
    done
  with Exit -> () | Failure m -> steps := ("FAIL:" ^ m) :: !steps);
  Printf.printf "trace\t%s\t%d\t%d\t%s\t%s\n" name state memsize (String.escaped input)
    (String.concat " " (List.rev !steps))
let () =
  List.iter (fun s -> trace Lexing.engine "engine" $token_state 0 s)
    [ "if x <= 10 then y"; ""; "abc123 if_then"; "a<b=c"; "  \n\t"; "x ? y"; "then" ];
  List.iter (fun s -> trace Lexing.new_engine "new_engine" $assign_state $assign_mem s)
    [ "x = 42; y=7;"; "abc=;"; "  q  =  1;"; "x = 4"; "" ]
ML
ocaml "$tmp/driver.ml"
rm -rf "$tmp"
