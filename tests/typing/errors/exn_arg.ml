exception E of int let x = raise (E "a")
