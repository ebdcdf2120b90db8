type r = { a : int; b : int } let x = { a = 1 }
