val greet : string -> string
val count : int ref
