let rec l = lazy (Lazy.force l + 1);;
Lazy.force l;;
let rec x = let _ = x in 1;;
