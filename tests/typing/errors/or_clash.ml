let f = function (1, x) | (x, true) -> 0 | _ -> 1
