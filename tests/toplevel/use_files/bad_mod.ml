let q = 1 + "x"
