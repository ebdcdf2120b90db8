type t = A | B
type u = A | C
type r = {a : int; b : int}
type s = {a : int; c : int}
let f (x : t) = match x with A -> 1 | B -> 2
let g x = (x : t) = A
let k2 x = ignore (x : r); x.a
let k4 x = ignore (x : r); {x with a = 2}
let app f = ignore (f : x:int -> y:int -> int); f ~y:1 ~x:2
let app2 f = ignore (f : ?x:int -> int -> int); f 1
let f6 x = ignore (x : t option); match x with Some A -> 1 | _ -> 2
let f8 x = ignore (x : r); match x with {a; _} -> a
let o x = ignore (x : < m : 'a. 'a -> 'a >); x#m 1, x#m true
module type S = sig val x : int end
let pk4 y = ignore (y : (module S) ref); y := (module struct let x = 1 end)
