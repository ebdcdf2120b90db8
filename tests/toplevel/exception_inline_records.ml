exception E of {code:int};;
module M = struct exception F of {c : int; mutable d : int} end;;
(try raise (M.F {c = 2; d = 1}) with M.F r -> r.d <- 5; r.c + r.d);;
exception E of {code:int; s : string};;
(try raise (E {code = 1; s = "x"}) with E {s; _} -> s);;
(match E {code = 4; s = "y"} with E r -> r.code | _ -> 0);;
