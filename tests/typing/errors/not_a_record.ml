let f x = x.contents + (1).contents
