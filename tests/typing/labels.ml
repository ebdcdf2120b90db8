let f ~x ~y = x - y
let a = f ~x:1 ~y:2
let b = f ~y:2 ~x:1
let c = f ~y:2
let g ?(x = 1) y = x + y
let d = g 2
let e = g ~x:3 2
let h ?x () = match x with Some v -> v | None -> 0
let i = h ()
let j = h ~x:1 ()
let k = h ?x:(Some 2) ()
let k2 ?(s = "") ~n () = (ignore s; n)
let l = k2 ~n:1
let m ~f x = f x
let n = m ~f:succ 1

let p ~x = x
let q = p ~x:1
