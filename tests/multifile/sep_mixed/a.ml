let name = "a"
