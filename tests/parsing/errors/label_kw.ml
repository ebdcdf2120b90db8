let f ~match:x = x
