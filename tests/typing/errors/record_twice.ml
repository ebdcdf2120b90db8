type r = { a : int; b : int } let x = { a = 1; a = 2; b = 3 }
