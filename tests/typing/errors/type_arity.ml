let f (x : (int, int) list) = x
