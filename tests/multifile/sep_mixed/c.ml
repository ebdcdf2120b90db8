let name = B.name ^ "c"
