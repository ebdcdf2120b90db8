(* ocamlc -short-paths -i: each item's names serve the next items. *)
module M = struct module N = struct type t = A | B end end
type u = M.N.t
let x = M.N.A
module S = Map.Make (String)
let m = S.empty
type t = int
let l = [1]
type 'a lst = 'a list
let l2 = [1]
module type T = sig type t val x : t end
module F (X : T) = struct type v = X.t lst let v : v = [] end
module G = F (struct type t = float let x = 1. end)
let r = G.v
open M
let a = N.A
