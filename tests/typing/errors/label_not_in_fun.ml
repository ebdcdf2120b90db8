let f x = x let y = f ~x:1
