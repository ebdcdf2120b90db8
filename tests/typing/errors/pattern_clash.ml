let f = function 1 -> 0 | "a" -> 1
