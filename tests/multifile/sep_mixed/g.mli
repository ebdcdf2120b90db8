val g : int
