type a = { x : int; y : int }
type b = { x : string; z : bool }
let get_a (r : a) = r.x
let get_b (r : b) = r.x
let mk_a : a = { x = 1; y = 2 }
let last = { x = "s"; z = true }
type t1 = A | B
type t2 = A | C
let v1 : t1 = A
let v2 = A
let f1 (v : t1) = match v with A -> 0 | B -> 1
let f2 = function A -> 0 | C -> 1
module M = struct type u = { fld : int } end
let mf = { M.fld = 3 }
let gf r = r.M.fld
let plus = Stdlib.( + ) 1 2
let lst = Stdlib.List.length []
