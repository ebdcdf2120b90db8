type t = string
let make s = s
let name s = s ^ "e"
