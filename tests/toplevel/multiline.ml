let f x =
  let y = x * 2 in
  y + 1;;
(* a comment between phrases *)

f 20;;
let g = function
  | 0 -> "zero"
  | _ -> "other";;
g 0;;
