let classify = function 0 -> "zero" | 1 -> "one"
let old = String.lowercase "ABC"
