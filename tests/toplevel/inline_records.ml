type t = Empty | Node of { l : t; v : int };;
let g = function Empty -> 0 | Node r -> r.v;;
g (Node { l = Empty; v = 7 });;
let rec depth = function Empty -> 0 | Node { l; _ } -> 1 + depth l;;
depth (Node { l = Node { l = Empty; v = 1 }; v = 2 });;
exception E of { code : int; msg : string };;
(try raise (E { code = 3; msg = "m" }) with E r -> r.code);;
