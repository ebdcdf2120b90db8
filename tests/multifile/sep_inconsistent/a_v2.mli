type t = int
val v : t
val w : t
