(* Constructors and fields of types in modules print qualified unless in scope. *)
module M = struct
  type t = A | B of int | C of { x : int; y : string }
  type r = { f : int; g : string }
  exception E of int
  module N = struct type u = U of t end
end;;
let v = (M.A, M.B 2, M.C { x = 1; y = "y" });;
let r = { M.f = 3; g = "g" };;
let nested = M.N.U (M.B 1);;
let e = M.E 1;;
type t = A;;
let shadowed = (A, M.A);;
open M;;
let opened = (A, B 3, { f = 1; g = "" }, N.U A);;
let e : (int, unit) Either.t = Either.Left 1;;
let s = Seq.Cons (1, Seq.empty);;
let p = Lexing.dummy_pos;;
let o = [Some (Ok 1 : (int, string) result); None];;
let inline_opened = C { x = 2; y = "z" };;
