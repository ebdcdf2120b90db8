type t = int let f (x : tt) = x
