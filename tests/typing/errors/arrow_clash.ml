let f : int -> string = fun x -> x
