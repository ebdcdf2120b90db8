(* A comment over
   several lines
   before a phrase *)
let x = 1;;
let s = "a string
over two lines";;
let q = {id|quoted
(* not a comment *)
|id};;
let y = (* a comment
  inside *) 2 + (* nested (* twice
  *) *) 3;;
let c = '"' and d = 4
  ;;
let z = (* a "string (* in
  a comment" *) 5;;
let e = '\"' (* an escaped quote
  before a comment *) ;;
