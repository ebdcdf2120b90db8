open struct let hidden = 3 end
let y = hidden + 1;;
hidden;;
module M = struct open struct type t = A | B let f = function A -> 1 | B -> 2 end let g () = f A end;;
M.g ();;
let x = 1 open struct let x = 2 end;;
module N = struct let x = 1 open struct let x = 2 end let z = x end;;
N.x, N.z;;
let v = let open struct let a = 5 let b = a * 2 end in a + b;;
let w = let open struct type t = C end in C;;
open (struct let q = 1 end : sig val q : int end);;
q;;
open List;;
