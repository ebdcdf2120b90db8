(* The second unit uses the first one's types, functor and state. *)
module C = Geometry.Counter (struct let name = "report" end)

let describe s =
  let kind = match s with Geometry.Circle _ -> "circle" | Geometry.Rect _ -> "rect" in
  Printf.sprintf "%s %s area %.2f" (C.tick ()) kind (Geometry.area s)

let () = print_endline "report initialised"
