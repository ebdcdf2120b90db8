let a () = let x = 1 in let y = 2 in ()
let b () = let (p, q) = (1, 2) in p
let c () = let _z = 1 in ()
let d () = let rec f x = x in ()
let e () = let f = fun y -> 1 in f 2
