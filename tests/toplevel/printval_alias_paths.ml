(* A constructor reached through a module alias keeps the alias in its type. *)
module M = struct module N = struct type u = U of int end end;;
module L = M.N;;
let alias = L.U 0;;
let direct = M.N.U 1;;
