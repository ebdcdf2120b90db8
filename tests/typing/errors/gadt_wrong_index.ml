type _ t = I : int t | S : string t

let f (x : int t) = match x with I -> 0 | S -> 1
