(* Without -rectypes the occurs check stays, except through polymorphic variants. *)
type t = t -> int;;
type 'a u = 'a u list;;
let p x = x :: x;;
let l (x : 'a list as 'a) = x;;
let v x = match x with `A y -> y | `B -> x;;
