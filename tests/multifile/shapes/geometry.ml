(* The first unit: types, a functor, an exception and some state initialised at start-up. *)
type shape = Circle of float | Rect of float * float

exception Degenerate of string

let area = function
  | Circle r -> 3.0 *. r *. r
  | Rect (w, h) -> if w = 0. || h = 0. then raise (Degenerate "flat rectangle") else w *. h

let created = ref 0

let make_rect w h = incr created; Rect (w, h)

module Counter (X : sig val name : string end) = struct
  let count = ref 0
  let tick () = incr count; Printf.sprintf "%s:%d" X.name !count
end

let () = print_endline "geometry initialised"
