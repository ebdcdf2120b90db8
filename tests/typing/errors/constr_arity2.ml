let x = None 1
