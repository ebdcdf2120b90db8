let name = A.name ^ "b"
