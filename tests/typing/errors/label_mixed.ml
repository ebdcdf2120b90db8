type a = { x : int } type b = { y : int } let v = { x = 1; y = 2 }
