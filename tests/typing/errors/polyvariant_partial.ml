let f (x : [ `A | `B of int | `C ]) = match x with `A -> 1 | `B 0 -> 2
let g = function `A -> 1 | `A -> 2 | `B -> 3
