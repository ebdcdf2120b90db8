let x = "\999"
