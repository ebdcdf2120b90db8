let twice x = let unused = 3 in 2 * x
