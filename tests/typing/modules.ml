module M = struct
  type t = A | B of int
  let x = A
  let f = function A -> 0 | B n -> n
  exception E of t
end
let y = M.f M.x
let z = M.B 2
module N = struct
  module Inner = struct let v = 1 end
  let w = Inner.v + 1
end
let w = N.Inner.v
open M
let o = f (B 3)
module L = List
let ll = L.length [1]
include struct let inc = 1 end
module type S = sig type t val v : t end
