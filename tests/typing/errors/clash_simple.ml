let x : string = 1 + 2
