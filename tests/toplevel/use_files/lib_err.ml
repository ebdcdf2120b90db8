let p = 1;;
let q = p + "x";;
let r = 3;;
