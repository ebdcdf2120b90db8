type t = int
let v = 10
let w = 20
