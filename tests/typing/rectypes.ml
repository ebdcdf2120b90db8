(* ocamlc -rectypes -i: recursive types print with `as`. *)
let f x = x x
let rec g x = g
type t = t -> int
type 'a u = 'a u list
let k = [g; fun _ -> g]
let p x = x :: x
let rec stream = (1, fun () -> stream)
let r x = let y = x x in y y
