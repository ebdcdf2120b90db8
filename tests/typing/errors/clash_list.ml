let f (x : int list) = (x : string list)
