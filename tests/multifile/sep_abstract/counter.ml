type t = { count : int; label : string }
let hidden_helper x = x + 1
let make n = { count = n; label = "counter" }
let incr c = { c with count = hidden_helper c.count }
let show c = Printf.sprintf "%s=%d" c.label c.count
