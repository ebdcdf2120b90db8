(* Format: printf-style directives, %a/%t, the string functions, tags, tabulations,
   symbolic output, combinators. *)
open Format

type tree = Node of string * tree list

let rec pp_tree f (Node (name, kids)) =
  if kids = [] then pp_print_string f name
  else fprintf f "@[<hv 2>%s {@ %a@;<1 -2>}@]" name (pp_print_list ~pp_sep:(fun f () -> fprintf f ";@ ") pp_tree) kids

let big =
  Node ("root", [ Node ("first_child", [ Node ("a", []); Node ("b", []) ]);
                  Node ("second_child_with_long_name", [ Node ("leaf_number_one", []); Node ("leaf_number_two", []);
                                                         Node ("leaf_number_three", []) ]);
                  Node ("c", []) ])

let () =
  printf "@[<v 2>vertical:@,one@,two@ three@]@.";
  printf "@[<h>horizontal:@ one@ two@ three@]@.";
  printf "@[<hov 4>%s@ %d@ %f@ %B@ %c@ %S@]@." "string" 42 3.5 true 'x' "quoted";
  printf "@[%a@]@." pp_tree big;
  set_margin 30;
  printf "@[%a@]@." pp_tree big;
  set_margin 78;
  printf "%t and %a@." (fun f -> pp_print_string f "theta") (fun f n -> fprintf f "<%d>" n) 7;
  printf "escapes: @@ and @%% and 100%%@.";
  printf "@[<2>line1@\nline2@ line3@]@.";
  printf "magic: [@<3>%s] [@<0>%s]@." "abcdef" "zz";
  printf "@[<v>a@;<1 4>b@;c@]@.";
  printf "flush without newline@?";
  printf "@\n";
  let s = asprintf "@[<hov 2>asprintf:@ %a@]" (pp_print_list pp_print_int) [ 1; 2; 3 ] in
  print_endline s;
  let s = sprintf "@[sprintf %d@ %s@]" 5 "x" in
  print_endline s;
  print_endline (kasprintf String.uppercase_ascii "k%s" "asprintf");
  print_endline (ksprintf (fun s -> s ^ "!") "ks%d" 1);
  let d = dprintf "delayed %d %s" 1 "two" in
  printf "[%t]@." d;
  kfprintf (fun f -> pp_print_string f " (continued)"; pp_print_newline f ()) std_formatter "kfprintf %d" 3;
  ifprintf std_formatter "nothing %d" 3;
  fprintf str_formatter "to str_formatter %d" 9;
  print_endline (flush_str_formatter ());
  let b = Buffer.create 10 in
  let f = formatter_of_buffer b in
  fprintf f "@[<hv>%s@ %s@]@?" "buffer" "formatter";
  print_endline (Buffer.contents b);
  (* tags *)
  set_tags true;
  printf "@{<bold>bold@} and @{<it>%s@}@." "italic";
  set_mark_tags false;
  printf "@{<bold>unmarked@}@.";
  set_tags false;
  let f = formatter_of_buffer b in
  Buffer.clear b;
  pp_set_tags f true;
  pp_set_formatter_stag_functions f
    { mark_open_stag = (function String_tag s -> "[" ^ s ^ "|" | _ -> "?");
      mark_close_stag = (fun _ -> "]");
      print_open_stag = (fun _ -> Buffer.add_string b "{open}");
      print_close_stag = (fun _ -> Buffer.add_string b "{close}") };
  fprintf f "x @{<t1>in @{<t2>nested@}@} y@?";
  print_endline (Buffer.contents b);
  (* tabulations *)
  let f = std_formatter in
  pp_open_tbox f ();
  pp_print_string f "name"; pp_set_tab f (); pp_print_string f "     "; pp_set_tab f ();
  pp_print_string f "value"; pp_print_tab f ();
  List.iter (fun (n, v) -> pp_print_string f n; pp_print_tab f (); pp_print_string f v; pp_print_tab f ())
    [ ("a", "1"); ("longer_name", "22"); ("b", "333") ];
  pp_close_tbox f ();
  pp_print_newline f ();
  (* combinators *)
  printf "@[%a@]@." (pp_print_list ~pp_sep:pp_print_space pp_print_string) [ "x"; "y"; "z" ];
  printf "@[%a@]@." (pp_print_seq pp_print_int) (List.to_seq [ 1; 2; 3 ]);
  printf "@[<hov>%a@]@." pp_print_text "some text with spaces\nand a newline that is long enough to wrap around the margin of seventy-eight columns";
  printf "%a|%a@." (pp_print_option pp_print_int) None (pp_print_option ~none:(fun f () -> pp_print_string f "none") pp_print_int) None;
  printf "%a@." (pp_print_option pp_print_int) (Some 4);
  printf "%a %a@." (pp_print_result ~ok:pp_print_int ~error:pp_print_string) (Ok 1)
    (pp_print_result ~ok:pp_print_int ~error:pp_print_string) (Error "e");
  printf "%a %a@." (pp_print_either ~left:pp_print_int ~right:pp_print_string) (Either.Left 1)
    (pp_print_either ~left:pp_print_int ~right:pp_print_string) (Either.Right "r");
  (* symbolic output *)
  let sob = make_symbolic_output_buffer () in
  let f = formatter_of_symbolic_output_buffer sob in
  pp_set_margin f 10;
  fprintf f "@[<hv 2>hello@ world@ again@,x@]@.";
  fprintf f "@[<h>a@,b@]@?";
  List.iter
    (function
      | Output_flush -> print_endline "flush"
      | Output_newline -> print_endline "newline"
      | Output_string s -> Printf.printf "string %S\n" s
      | Output_spaces n -> Printf.printf "spaces %d\n" n
      | Output_indent n -> Printf.printf "indent %d\n" n)
    (flush_symbolic_output_buffer sob);
  Printf.printf "%d left\n" (List.length (get_symbolic_output_buffer sob));
  (* out functions *)
  let o = get_formatter_out_functions () in
  set_formatter_out_functions { o with out_newline = (fun () -> o.out_string "$\n" 0 2); out_indent = (fun n -> o.out_string (String.make n '.') 0 n) };
  printf "@[<v 3>custom@ newline@ and indent@]@.";
  set_formatter_out_functions o;
  (match invalid_arg "x" with () -> () | exception Invalid_argument _ -> ());
  (try printf "@[<bad 3>x@]@." with Failure m -> print_endline m);
  print_string "plain";
  print_newline ();
  printf "pending at exit@ no newline"
