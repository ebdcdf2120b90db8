type t = int
val v : t
