(* Polymorphic variants in a compilation unit: inferred signature as ocamlc -i prints it. *)
type color = [ `Red | `Green | `Blue ]
type shape = [ `Circle of float | `Rect of float * float ]
type any = [ color | shape | `Other of string ]
type 'a tree = [ `Leaf | `Node of 'a tree * 'a * 'a tree ]

let name = function `Red -> "red" | `Green -> "green" | `Blue -> "blue"
let area = function `Circle r -> 3.14 *. r *. r | `Rect (w, h) -> w *. h
let describe (x : any) =
  match x with
  | #color as c -> name c
  | #shape as s -> string_of_float (area s)
  | `Other s -> s

let rec insert x = function
  | `Leaf -> `Node (`Leaf, x, `Leaf)
  | `Node (l, y, r) as t ->
      if x < y then `Node (insert x l, y, r)
      else if x > y then `Node (l, y, insert x r)
      else t

let rec size : 'a tree -> int = function `Leaf -> 0 | `Node (l, _, r) -> size l + 1 + size r
let open_default = function `A -> 1 | `B n -> n | _ -> 0
let upcast (c : color) = (c :> any)
let pair = (`A, `B 1)
let weak = ref []
let push x = weak := `Item x :: !weak
let keep x = match x with `Keep as k -> k | `Drop -> `Dropped

module M : sig
  type t = [ `X | `Y of int ]
  val f : [< `X | `Y of int ] -> int
  val g : int -> [> `Z ]
end = struct
  type t = [ `X | `Y of int ]
  let f = function `X -> 0 | `Y n -> n
  let g _ = `Z
end

let use_m = M.f (`Y 3)
