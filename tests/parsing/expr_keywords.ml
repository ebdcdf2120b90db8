let f = fun x y -> x + y
let g = function 0 -> "zero" | n when n < 0 -> "neg" | _ -> "pos"
let h x = match x with A -> 1 | B y -> y | C (a, b) -> a + b | exception Not_found -> 0
let t = try f () with E -> 1 | F x -> x
let i = if a then b else if c then d else e
let j = if a then (b; c); d
let w = while x > 0 do decr x; print () done
let fo = for i = 0 to 10 do f i done; for j = 10 downto 0 do () done
let a1 = assert (x > 0); assert false
let l = lazy (f x), lazy x
let s = begin f x; g y end
let u = begin end, ()
let r = let x = 1 and y = 2 in let rec f = fun n -> f n in x + y
let m = let module M = struct let x = 1 end in M.x
let o = let open List in map f l, List.(map f l), M.[1; 2], M.{ x = 1 }, M.[| 1 |], M.(), M.[]
let ex = let exception E of int in raise (E 1)
let op = let open! M in x
let seq = a; b; c
let unr = function A -> . | B -> 1
