let map2 = 1 let map3 = 2 let x = mapp
