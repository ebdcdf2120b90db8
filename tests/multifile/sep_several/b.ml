let four = A.twice 2
