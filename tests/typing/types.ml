type color = Red | Green | Blue
type shape = Circle of float | Rect of float * float | Empty
type 'a tree = Leaf | Node of 'a tree * 'a * 'a tree
type point = { x : int; y : int }
type mpoint = { mutable mx : float; mutable my : float }
type ('a, 'b) pair = { first : 'a; second : 'b }
type abbrev = int list
type 'a alias = 'a * 'a
type abstract
type 'a abstract1
type t = A of { name : string; age : int } | B
type priv = private int
type u = int
and v = u list
type 'a tree2 = Leaf2 of 'a | Node2 of 'a forest
and 'a forest = 'a tree2 list
let c = Red
let s = Circle 1.0
let t = Node (Leaf, 1, Leaf)
let p = { x = 1; y = 2 }
let px = p.x
let mp = { mx = 1.0; my = 2.0 }
let () = mp.mx <- 3.0
let pr = { first = 1; second = "a" }
let p2 = { p with y = 3 }
let a = A { name = "x"; age = 3 }
let area = function Circle r -> r *. r | Rect (w, h) -> w *. h | Empty -> 0.
let rec size = function Leaf -> 0 | Node (l, _, r) -> size l + 1 + size r
let getx { x; _ } = x
let name = function A { name; _ } -> name | B -> ""
let ab : abbrev = [1]
let al : int alias = (1, 2)
