type t = { x : float; y : float }
let add a b = { x = a.x +. b.x; y = a.y +. b.y }
let scale k v = { x = k *. v.x; y = k *. v.y }
let to_string v = Printf.sprintf "(%g, %g)" v.x v.y
