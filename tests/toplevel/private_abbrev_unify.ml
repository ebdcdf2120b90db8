type t = private int;;
let j2 (x : int) = (x : t);;
let j3 (x : t) = (x : int);;
let j4 (x:int) = (x :> t);;
let j5 (x:t) = (x :> int);;
