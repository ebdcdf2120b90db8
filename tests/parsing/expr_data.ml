let l = [1; 2; 3], [], [x], [1;2;]
let a = [| 1; 2 |], [||]
let r = { x = 1; y = 2 }, { r with x = 3 }, { M.x = 1; y }, { x : int = 1; y : int }
let t = (1, "a", 'c', 2.0), (x : int), (x :> t), (x : t :> u)
let v = `A, `B 1, `C (1, 2)
let c = Some 1, None, A (1, 2), M.C x, true, false, (::) (1, [])
let s = "esc\n\t\\\"\x41\065\o101\u{48}", {|quoted|}, {foo|q "x" |foo}, "multi\
   line"
let ch = 'a', '\n', '\'', '\065', '\x41', '\o101', '"', '\\'
let p = (module M : S), (module M), (module M : S with type t = int)
let n = new c, new M.c, object method x = 1 end
let ov = {< x = 1; y >}
let idx = a.%(1), a.%[1] <- 2, a.M.%{1;2}, b.{1}, b.{1,2,3,4}
