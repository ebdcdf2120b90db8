/* A small calculator grammar exercising the ocamlyacc driver (Parsing) */
%{
let where () =
  let s = Parsing.symbol_start_pos () and e = Parsing.symbol_end_pos () in
  Printf.sprintf "%d:%d-%d" s.Lexing.pos_lnum (s.Lexing.pos_cnum - s.Lexing.pos_bol) (Parsing.symbol_end ()
    - e.Lexing.pos_bol)
%}
%token <int> INT
%token <string> IDENT
%token PLUS MINUS TIMES DIV LPAREN RPAREN LET EQ IN SEMI EOF
%left PLUS MINUS
%left TIMES DIV
%nonassoc UMINUS
%start main
%type <(string * int) list> main
%%
main:
    phrases EOF                 { List.rev $1 }
;
phrases:
    /* empty */                 { [] }
  | phrases phrase SEMI         { $2 :: $1 }
  | phrases error SEMI          { ("error at " ^ string_of_int (Parsing.rhs_start 2), 0) :: $1 }
;
phrase:
    expr                        { (where (), $1) }
;
expr:
    INT                         { $1 }
  | IDENT                       { String.length $1 }
  | LPAREN expr RPAREN          { $2 }
  | expr PLUS expr              { $1 + $3 }
  | expr MINUS expr             { $1 - $3 }
  | expr TIMES expr             { $1 * $3 }
  | expr DIV expr               { if $3 = 0 then raise Parsing.Parse_error else $1 / $3 }
  | MINUS expr %prec UMINUS     { - $2 }
  | LET IDENT EQ expr IN expr   { $4 + $6 }
;
