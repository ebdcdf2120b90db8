(* Conversions inside box and tag descriptions become arguments. *)
let () =
  Format.set_margin 10;
  Format.printf "@[<hov %d>aaa@ bbb@ ccc@ ddd@ eee@]@." 4;
  Format.printf "@[<v %d>aaa@ bbb@]@." 3;
  Format.printf "@[<%s %d>aaa@ bbb@]@." "v" 1;
  Format.set_tags true;
  Format.set_mark_tags true;
  Format.printf "@{<%s>x@}@." "tag";
  Format.printf "@{<a%db>x@}@." 5;
  print_endline (Format.asprintf "@[<%s %d>a@ b@]" "v" 2);
  let f = Scanf.format_from_string "@[<v %d>%s@ %s@]" "%d%s%s" in
  Format.printf f 2 "one" "two";
  Format.printf "@.";
  print_endline (string_of_format f)
