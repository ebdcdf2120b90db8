type t = Circle of float | Square of float
let area = function Circle r -> 3.14 *. r *. r | Square s -> s *. s
let perimeter = function Circle r -> int_of_float (6.28 *. r) | Square s -> 4 * int_of_float s
module Units = struct let scale = 1.0 end
