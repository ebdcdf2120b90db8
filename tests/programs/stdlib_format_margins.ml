(* Format: the same nested boxes printed at several margins, %a and %t printers, lists,
   tabulation-free boxes of every kind, and max_indent. *)
open Format
type tree = Leaf of int | Node of string * tree list
let rec pp_tree ppf = function
  | Leaf n -> fprintf ppf "%d" n
  | Node (name, kids) ->
      fprintf ppf "@[<hv 2>%s(@,%a@;<0 -2>)@]" name
        (pp_print_list ~pp_sep:(fun ppf () -> fprintf ppf ",@ ") pp_tree) kids
let t = Node ("root", [ Leaf 1; Node ("left", [ Leaf 22; Leaf 333; Leaf 4444 ]); Node ("right_branch", [ Node ("deep", [ Leaf 5; Leaf 66 ]); Leaf 7 ]); Leaf 88888 ])
let words = "the quick brown fox jumps over the lazy dog and keeps running far away"
let () =
  List.iter (fun m ->
      set_margin m;
      printf "margin %d:@." m;
      printf "%a@." pp_tree t;
      printf "@[<hov 4>%a@]@." pp_print_text words;
      printf "@[<b 2>let x =@ %t@ in@ x@]@." (fun ppf -> fprintf ppf "@[<h>f a b c d@]");
      printf "@[<v 3>vbox:@ %s@ %s@]@." "one" "two";
      printf "@[<h>hbox never breaks: %s@ %s@ %s@]@." "aaaaaaaaaa" "bbbbbbbbbb" "cccccccccc")
    [ 80; 40; 25; 12 ];
  set_margin 30;
  set_max_indent 10;
  printf "max_indent %d:@ @[<2>%a@]@." (get_max_indent ()) pp_tree t;
  printf "@[%a@]@." (pp_print_option ~none:(fun ppf () -> pp_print_string ppf "none") pp_print_int) None;
  printf "@[%a@]@." (pp_print_result ~ok:pp_print_int ~error:pp_print_string) (Error "bad");
  printf "@[%a@]@." (pp_print_seq pp_print_int) (List.to_seq [ 1; 2; 3 ]);
  let s = asprintf "@[<v>%d@,%s@]" 1 "two" in
  printf "%S@." s;
  printf "%s@." (sprintf "@[<hov 2>sprintf@ %d@ %d@]" 1 2)
