let f ~x ~y = x + y let z = f 1 2 3
