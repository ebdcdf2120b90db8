let x = 40
