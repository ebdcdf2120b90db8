/* A small grammar whose ocamlyacc tables drive the parsing-engine tests (see gen_parsing.sh). */
%token <int> INT
%token PLUS TIMES LPAREN RPAREN EOL EOF
%left PLUS
%left TIMES
%start main
%type <int> main
%%
main:
  | lines EOF { 0 }
;
lines:
  | /* empty */ { 0 }
  | lines line { 0 }
;
line:
  | expr EOL { $1 }
  | error EOL { 0 }
;
expr:
  | INT { $1 }
  | expr PLUS expr { $1 + $3 }
  | expr TIMES expr { $1 * $3 }
  | LPAREN expr RPAREN { $2 }
;
