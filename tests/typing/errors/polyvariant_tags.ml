type t = [ `A | `B ]
let f (x : t) = match x with `A -> 1 | `C -> 2
