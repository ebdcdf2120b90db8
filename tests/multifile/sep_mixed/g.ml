let g = 1
