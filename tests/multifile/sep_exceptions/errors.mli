exception Bad_input of string
exception Internal of int * string
val check : int -> int
