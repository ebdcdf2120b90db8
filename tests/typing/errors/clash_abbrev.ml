type t = int
let x : t = "a"
