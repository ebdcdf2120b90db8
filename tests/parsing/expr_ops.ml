let a = 1 + 2 * 3 - 4 / 5 mod 6
let b = x ** y ** z lsl 2
let c = a :: b :: [] @ d ^ e
let d = a || b && c or d & e
let e = x := !y; r.f <- 3; a.(i) <- b.(j); s.[0]
let f = -1, - x, -. 2.5, +3, + y, ~- z, ~-. w
let g = a = b, a <> b, a == b, a != b, a < b, a > b, a <= b, a >= b
let h = x |> f |> g @@ h
let i = f x y ~l ~m:2 ?o ?p:(Some 3) (g z)
let j = a.b.c, M.x, M.N.y, r.M.f
let k = x#m a b, x #= y, (x ## y) z
let l = -1L, 0x1F, 0o17, 0b101, 1_000, 3.14e-10, 0x1.8p3, 12n, 1.5g
