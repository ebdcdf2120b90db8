exception E
exception F of int
exception G of string * int
exception H of { code : int }
let raise_e () = raise E
let catch f = try f () with E -> 0 | F n -> n | G (_, n) -> n | H { code } -> code
let nf = try List.assoc 1 [] with Not_found -> "none"
let fail () = failwith "boom"
let inv () = invalid_arg "bad"
let local () = let exception L of int in try raise (L 1) with L n -> n
let m x = match x with exception E -> 0 | 1 -> 1 | _ -> 2
let a = assert true
let af () = assert false
