let f ((a, b) : int * string) = a + b
