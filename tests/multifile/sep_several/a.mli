val twice : int -> int
