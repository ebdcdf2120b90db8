let f : int -> int = fun x -> x ^ "a"
