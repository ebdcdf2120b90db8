let a = 10
type t = A
#show t;;
let b = a + 1;;
