let where = "d2"
