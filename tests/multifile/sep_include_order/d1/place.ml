let where = "d1"
