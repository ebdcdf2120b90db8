(* A small lexer whose tables drive the lexing-engine tests (see gen_lexing.sh). *)
rule token = parse
  | [' ' '\t' '\n']+ { 0 }
  | ['0'-'9']+ { 1 }
  | "if" | "then" { 2 }
  | ['a'-'z' '_']+ { 3 }
  | "<=" | "<" | "=" { 4 }
  | eof { 5 }
and assign = parse
  | (['a'-'z']+ as id) ' '* '=' ' '* (['0'-'9']* as n) ';' { ignore (id, n); 0 }
  | ' '+ { 1 }
  | eof { 2 }
