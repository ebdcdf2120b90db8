let x : (int * string) list = [(1, 2)]
