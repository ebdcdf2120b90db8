let f (x : strng) = x
