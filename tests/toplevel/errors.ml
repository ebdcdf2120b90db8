let x = 1 + "a";;
let y = undefined_thing;;
let z = 3;;
z + ;;
z;;
let f x = x + 1;;
f "s";;
f 1 2;;
