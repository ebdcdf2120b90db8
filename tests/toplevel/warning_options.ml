let f x = 1;;
let g = function 0 -> 1;;
let h () = let z = 1 in 2;;
h;;
let k x = let y = x in 2;;
