type _ t = I : int t | S : string t

let f (type a) (x : a t) : a = match x with I -> 1 | S -> 2
