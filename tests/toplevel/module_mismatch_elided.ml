(* Signature mismatch reports elide big module types as `...`, as OCaml does (its test: the
   two module types marshalled fit in 500 bytes). Small, big, and nested cases. *)
module type S = sig val x : string end;;
module M : S = struct let a1 = 1 let a2 = 1 let x = 1 end;;
module M : S = struct let a1 = 1 let a2 = 1 let a3 = 1 let a4 = 1 let a5 = 1 let a6 = 1 let a7 = 1 let a8 = 1 let a9 = 1 let a10 = 1 let x = 1 end;;
module M : sig module N : S end = struct module N = struct let a1 = 1 let a2 = 1 let a3 = 1 let a4 = 1 let a5 = 1 let a6 = 1 let a7 = 1 let a8 = 1 let a9 = 1 let x = 1 end end;;
module M : sig module N : S end = struct module N = struct let a1 = 1 let a2 = 1 let x = 1 end end;;
module M : sig module N : S end = struct module N = struct let a1 = 1 let a2 = 1 let a3 = 1 let a4 = 1 let x = 1 end end;;
module M : S = struct type t = A | B | C | D of int * string | E of { x : int } type u = int list let f x y = (x, y) let g l = List.map succ l let x = 1 end;;
module M : sig type t val x : t end = struct type t = int let x = "" end;;
module F (X : sig type t val v : t end) = struct let w = X.v let l = [X.v] let p = (X.v, 1) let s = "" end;;
module M : sig val w : string end = F (struct type t = int let v = 1 end);;
