let f = function
  | 0 | 1 -> ()
  | 'a'..'z' -> ()
  | -1 -> ()
  | (x, y) as p -> ()
  | x :: y :: rest -> ()
  | [a; b] -> ()
  | [| a; b |] | [||] -> ()
  | { x; y = Some z; _ } -> ()
  | { M.x = 1 } -> ()
  | A | B _ | C (a, b) | D { x } -> ()
  | `A | `B x | #t -> ()
  | lazy x -> ()
  | (x : int) -> ()
  | (module M) -> ()
  | (module M : S) -> ()
  | M.(A x) | M.[] | M.[a] -> ()
  | C (type a b) (x : a) -> ()
  | exception E -> ()
  | _ -> ()
let (x, y) = p
let { a; b } = r
let (+) a b = a
let ( let* ) = bind
let f ~x ~y:z ?o ?(p = 1) ?q:(r = 2) ~(a : int) ?(b : int option) (c, d) (type t) () = 0
