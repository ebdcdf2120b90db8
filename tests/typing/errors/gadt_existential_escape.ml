type t = E : 'a -> t

let get (E x) = x
