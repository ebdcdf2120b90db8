(* A lexer exercising the ocamllex engines (Lexing), with positions *)
{
open Calc_parser
exception Error of string
}
let digit = ['0'-'9']
let alpha = ['a'-'z' 'A'-'Z' '_']
rule token = parse
  | [' ' '\t'] { token lexbuf }
  | '\n' { Lexing.new_line lexbuf; token lexbuf }
  | digit+ as n { INT (int_of_string n) }
  | "let" { LET }
  | "in" { IN }
  | alpha+ as id { IDENT id }
  | '+' { PLUS } | '-' { MINUS } | '*' { TIMES } | '/' { DIV }
  | '(' { LPAREN } | ')' { RPAREN } | '=' { EQ } | ';' { SEMI }
  | "(*" { comment 0 lexbuf }
  | eof { EOF }
  | _ as c { raise (Error (Printf.sprintf "unexpected %C at %d" c (Lexing.lexeme_start lexbuf))) }
and comment depth = parse
  | "*)" { if depth = 0 then token lexbuf else comment (depth - 1) lexbuf }
  | "(*" { comment (depth + 1) lexbuf }
  | '\n' { Lexing.new_line lexbuf; comment depth lexbuf }
  | _ { comment depth lexbuf }
  | eof { raise (Error "unterminated comment") }
(* tagged DFA (new engine): the position of an inner group *)
and key_value = parse
  | (alpha+ as k) ' '* '=' ' '* ((digit+ as v) | (alpha+ as w)) {
      Some (k, match v, w with Some v, _ -> v | _, Some w -> w | None, None -> "?") }
  | eof { None }
