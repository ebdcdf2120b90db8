let f ~x = x let y = f ~z:1
