let f = fun (x : int) -> 1;;
let g = fun x -> 1;;
let h (x : int) = 1;;
let k = function (x : int) -> 1;;
