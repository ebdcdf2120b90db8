let total_area l = List.fold_left (fun acc s -> acc +. Shape.area s) 0.0 l
let () =
  let origin = { Vec.x = 0.0; y = 0.0 } in
  let shapes = [ Shape.circle origin 1.0; Shape.square (Vec.scale 2.0 { Vec.x = 1.0; y = 1.0 }) 3.0 ] in
  let shapes = List.map (Shape.move { Vec.x = 1.0; y = -1.0 }) shapes in
  List.iter (fun s -> print_endline (Shape.describe s)) shapes;
  Printf.printf "total %g\n" (total_area shapes)
