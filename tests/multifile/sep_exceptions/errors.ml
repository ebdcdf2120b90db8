exception Bad_input of string
exception Internal of int * string
let check n = if n < 0 then raise (Bad_input (string_of_int n)) else n
