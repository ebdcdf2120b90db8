type t = Circle of float | Square of float
val area : t -> float
val perimeter : t -> float
module Units : sig val scale : float end
