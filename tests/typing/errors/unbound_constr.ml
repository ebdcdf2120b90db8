let x = Soome 1
