(* Lexing and Parsing: an ocamllex lexer and an ocamlyacc parser (calc_lexer.mll,
   calc_parser.mly) run on strings, channels and functions, with positions and errors. *)
let run name lexbuf =
  Lexing.set_filename lexbuf name;
  match Calc_parser.main Calc_lexer.token lexbuf with
  | results ->
    List.iter (fun (w, v) -> Printf.printf "%s: %s = %d\n" name w v) results;
    let p = Lexing.lexeme_end_p lexbuf in
    Printf.printf "end at %s line %d col %d\n" p.Lexing.pos_fname p.Lexing.pos_lnum (p.Lexing.pos_cnum - p.Lexing.pos_bol)
  | exception Parsing.Parse_error -> Printf.printf "%s: parse error at %d\n" name (Lexing.lexeme_start lexbuf)
  | exception Calc_lexer.Error m -> Printf.printf "%s: lexer error %s\n" name m

let source = "1 + 2 * 3;\n(4 + 5) * -2;\nlet x = 3 in x * 7;\n  foo + 1 ; 3 + ; 7 / 0;\n(* comment (* nested *)\n *) 10 - 4 - 3;\n"

let () =
  run "string" (Lexing.from_string source);
  run "nopos" (Lexing.from_string ~with_positions:false source);
  let long = String.concat "" (List.init 400 (fun i -> Printf.sprintf "%d + (%d * 2);\n" i i)) in
  let pos = ref 0 in
  let lexbuf =
    Lexing.from_function (fun buf n ->
        let k = min 7 (min n (String.length long - !pos)) in
        Bytes.blit_string long !pos buf 0 k;
        pos := !pos + k;
        k)
  in
  (match Calc_parser.main Calc_lexer.token lexbuf with
   | l -> Printf.printf "function: %d phrases, sum %d\n" (List.length l) (List.fold_left (fun a (_, v) -> a + v) 0 l)
   | exception Parsing.Parse_error -> print_endline "function: parse error");
  let deep = String.make 300 '(' ^ "1" ^ String.make 300 ')' ^ ";" in
  run "deep" (Lexing.from_string deep);
  run "bad" (Lexing.from_string "1 + $");
  run "unclosed" (Lexing.from_string "(1 + 2;");
  let f = Filename.temp_file "calc" ".txt" in
  let oc = open_out f in
  output_string oc source;
  close_out oc;
  let ic = open_in f in
  run "channel" (Lexing.from_channel ic);
  close_in ic;
  Sys.remove f;
  let lb = Lexing.from_string "alpha = 12  beta=x" in
  let rec pairs () =
    match Calc_lexer.key_value lb with
    | Some (k, v) -> Printf.printf "%s -> %s [%s] %d-%d\n" k v (Lexing.lexeme lb) (Lexing.lexeme_start lb) (Lexing.lexeme_end lb);
      (match Calc_lexer.key_value lb with exception _ -> () | Some (k, v) -> Printf.printf "%s -> %s\n" k v | None -> ())
    | None -> ()
    | exception Failure m -> print_endline m
  in
  pairs ();
  let lb = Lexing.from_string "abc" in
  Lexing.set_position lb { Lexing.pos_fname = "f"; pos_lnum = 5; pos_bol = 10; pos_cnum = 12 };
  ignore (Calc_lexer.token lb);
  let p = Lexing.lexeme_start_p lb and q = Lexing.lexeme_end_p lb in
  Printf.printf "%s %d %d %d / %d %b %c\n" p.Lexing.pos_fname p.Lexing.pos_lnum p.Lexing.pos_bol p.Lexing.pos_cnum q.Lexing.pos_cnum
    (Lexing.with_positions lb) (Lexing.lexeme_char lb 1);
  Lexing.flush_input lb;
  Printf.printf "%d %d\n" (Lexing.lexeme_end_p lb).Lexing.pos_cnum lb.Lexing.lex_buffer_len;
  Printf.printf "%b\n" (Parsing.set_trace false)
