let x = List.mapp succ []
