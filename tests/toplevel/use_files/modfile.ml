let z = 5
let twice f x = f (f x)
