val total_area : Shape.t list -> float
