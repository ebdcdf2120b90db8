type t = int
let v = 1
