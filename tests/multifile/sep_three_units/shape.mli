type t
val circle : Vec.t -> float -> t
val square : Vec.t -> float -> t
val move : Vec.t -> t -> t
val area : t -> float
val describe : t -> string
