let where = 2
