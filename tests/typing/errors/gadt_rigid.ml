type _ t = I : int t | S : string t

let f : type a. a t -> a = function I -> "not an int" | S -> ""
