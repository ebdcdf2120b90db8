module type S = sig type t := int val x : t val f : t -> t end;;
module type T = sig type 'a t := 'a list * int val g : string t -> bool t end;;
module type U = sig module L := List val l : int L.t end;;
module type S0 = sig type t val x : t end;;
module type V = sig module type A := S0 module M : A end;;
module type W = S0 with type t := int;;
module M : S = struct let x = 1 let f y = y + 1 end;;
M.f M.x;;
