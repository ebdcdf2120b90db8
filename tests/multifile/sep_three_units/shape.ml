type t = Circle of Vec.t * float | Square of Vec.t * float
let circle c r = Circle (c, r)
let square c s = Square (c, s)
let move d = function
  | Circle (c, r) -> Circle (Vec.add c d, r)
  | Square (c, s) -> Square (Vec.add c d, s)
let area = function Circle (_, r) -> 3.0 *. r *. r | Square (_, s) -> s *. s
let describe = function
  | Circle (c, r) -> Printf.sprintf "circle at %s radius %g" (Vec.to_string c) r
  | Square (c, s) -> Printf.sprintf "square at %s side %g" (Vec.to_string c) s
