let x = 12xy
