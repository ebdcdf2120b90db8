let f x = x [@attr] [@attr2 "payload"]
let g = (f [@inlined]) x
let h = [%ext x] + [%ext: int] + [%ext? Some x when x > 0]
let i = match%ext x with _ -> ()
let j = fun%ext x -> x
let k = let* x = a and* y = b in x + y
let l = let+ x = a in x
let m = f (fun x -> x) (function _ -> 1)
let n = x.(0).(1) <- 2
let o = !r.f
let p = { r with x = 1 }.x
let q = f ~x:(-1) ~y:(-.2.)
let s = if x then () else (); y
let t = (f x : int)
let v2 = f (fun x -> x) ~y:"a"
let u = fun (x : int) : int -> x
let v = fun ~x:y ?z:(w = 3) -> y + w
let w = let f : type a. a -> a = fun x -> x in f
let x : int = 1
let y : 'a. 'a -> 'a = fun x -> x
let z :> int = 1
let (a, b) : int * int = (1, 2)
let f = fun (type a) (x : a) -> x
let g (type a b) (x : a) (y : b) = x
