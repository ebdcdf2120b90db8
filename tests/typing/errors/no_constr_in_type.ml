type t = A | B let x : t = C
