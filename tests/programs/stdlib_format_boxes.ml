(* Format: line breaking in every kind of box, nested boxes, margins, max indent. *)
open Format

let show name margin print =
  let b = Buffer.create 100 in
  let f = formatter_of_buffer b in
  pp_set_margin f margin;
  print f;
  pp_print_flush f ();
  Printf.printf "== %s (margin %d)\n%s\n" name margin (Buffer.contents b)

let words = [ "alpha"; "beta"; "gamma"; "delta"; "epsilon"; "zeta"; "eta"; "theta"; "iota"; "kappa" ]

let in_box open_box f =
  open_box f;
  List.iteri (fun i w -> if i > 0 then pp_print_space f (); pp_print_string f w) words;
  pp_close_box f ()

let rec sexp depth f =
  if depth = 0 then pp_print_string f "leaf"
  else begin
    pp_open_hvbox f 1;
    pp_print_string f "(node";
    for i = 1 to 3 do pp_print_space f (); sexp (depth - 1) f; ignore i done;
    pp_print_string f ")";
    pp_close_box f ()
  end

let () =
  List.iter
    (fun m ->
      show "hbox" m (in_box (fun f -> pp_open_hbox f ()));
      show "vbox 2" m (in_box (fun f -> pp_open_vbox f 2));
      show "hvbox 1" m (in_box (fun f -> pp_open_hvbox f 1));
      show "hovbox 3" m (in_box (fun f -> pp_open_hovbox f 3));
      show "box 2" m (in_box (fun f -> pp_open_box f 2));
      show "sexp" m (sexp 3))
    [ 10; 25; 40; 80 ];
  show "no box" 20 (fun f -> List.iter (fun w -> pp_print_string f w; pp_print_space f ()) words);
  show "break 3 4" 20 (fun f ->
      pp_open_hovbox f 0;
      List.iter (fun w -> pp_print_string f w; pp_print_break f 3 4) words;
      pp_close_box f ());
  show "custom break" 20 (fun f ->
      pp_open_hvbox f 0;
      List.iter (fun w -> pp_print_string f w; pp_print_custom_break f ~fits:("", 1, ";") ~breaks:(" ;", 2, "-")) words;
      pp_close_box f ());
  show "force newline" 40 (fun f ->
      pp_open_hovbox f 2; pp_print_string f "a"; pp_force_newline f (); pp_print_string f "b";
      pp_print_space f (); pp_print_string f "c"; pp_close_box f ());
  show "if newline" 12 (fun f ->
      pp_open_hvbox f 0;
      List.iter (fun w -> pp_print_if_newline f (); pp_print_string f "|"; pp_print_string f w; pp_print_cut f ()) words;
      pp_close_box f ());
  show "box structural vs hov" 20 (fun f ->
      pp_open_box f 4; pp_print_string f "f";
      pp_print_space f (); pp_open_box f 0; pp_print_string f "(long_argument_number_one";
      pp_print_space f (); pp_print_string f "x)"; pp_close_box f ();
      pp_print_space f (); pp_print_string f "y"; pp_close_box f ());
  (* max indent: boxes opened too far right *)
  let deep f =
    for i = 1 to 12 do pp_open_hovbox f 2; pp_print_string f (Printf.sprintf "lvl%d" i); pp_print_space f () done;
    pp_print_string f "end";
    for _ = 1 to 12 do pp_close_box f () done
  in
  show "deep" 30 deep;
  show "deep" 50 deep;
  let b = Buffer.create 10 in
  let f = formatter_of_buffer b in
  pp_set_margin f 30; pp_set_max_indent f 12;
  Printf.printf "margin %d max_indent %d\n" (pp_get_margin f ()) (pp_get_max_indent f ());
  deep f; pp_print_flush f ();
  print_endline (Buffer.contents b);
  pp_set_margin f 8;
  Printf.printf "margin %d max_indent %d\n" (pp_get_margin f ()) (pp_get_max_indent f ());
  pp_set_margin f 1000;
  Printf.printf "margin %d max_indent %d\n" (pp_get_margin f ()) (pp_get_max_indent f ());
  pp_set_max_indent f 1; pp_set_max_indent f 5000;
  Printf.printf "margin %d max_indent %d\n" (pp_get_margin f ()) (pp_get_max_indent f ());
  let g = pp_get_geometry f () in
  Printf.printf "geometry %d %d %b %b %b\n" g.margin g.max_indent (check_geometry g)
    (check_geometry { margin = 10; max_indent = 10 }) (check_geometry { margin = 10; max_indent = 1 });
  (try pp_set_geometry f ~max_indent:20 ~margin:10 with Invalid_argument m -> print_endline m);
  (try pp_set_geometry f ~max_indent:1 ~margin:10 with Invalid_argument m -> print_endline m);
  pp_safe_set_geometry f ~max_indent:30 ~margin:10;
  pp_set_geometry f ~max_indent:7 ~margin:11;
  pp_update_geometry f (fun g -> { g with margin = g.margin + 1 });
  Printf.printf "margin %d max_indent %d\n" (pp_get_margin f ()) (pp_get_max_indent f ());
  (* max boxes *)
  show "max boxes" 78 (fun f ->
      pp_set_max_boxes f 3; pp_set_ellipsis_text f "[...]";
      Printf.printf "max_boxes %d ellipsis %s\n" (pp_get_max_boxes f ()) (pp_get_ellipsis_text f ());
      for i = 1 to 5 do pp_open_box f 0; pp_print_int f i; Printf.printf "over %b\n" (pp_over_max_boxes f ()) done;
      for _ = 1 to 5 do pp_close_box f () done;
      pp_print_string f "after")
