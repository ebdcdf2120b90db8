let f x = match x with 0 -> "a" | _ -> 1
