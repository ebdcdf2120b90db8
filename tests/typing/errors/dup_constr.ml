type t = A | A
