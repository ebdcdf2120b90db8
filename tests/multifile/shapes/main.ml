(* The last unit: runs, then lets the first unit's exception escape. *)
let shapes = [ Geometry.Circle 1.0; Geometry.make_rect 2. 3.; Geometry.Circle 0.5 ]

let () =
  List.iter (fun s -> print_endline (Report.describe s)) shapes;
  Printf.printf "rectangles made: %d\n" !Geometry.created;
  (try ignore (Geometry.area (Geometry.make_rect 0. 1.)) with Geometry.Degenerate m -> print_endline ("caught " ^ m));
  print_endline (Report.describe (Geometry.Rect (1., 0.)))
