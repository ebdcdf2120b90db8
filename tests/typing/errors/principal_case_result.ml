type t = A | B
type u = A | C
let g4 x = match x with `A -> (A : t) | `B -> A
