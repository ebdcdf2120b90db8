(* Last-in first-out stacks: a list and its length. *)

type 'a t = { mutable items : 'a list; mutable len : int }

exception Empty

let create () = { items = []; len = 0 }
let clear s = s.items <- []; s.len <- 0
let copy s = { items = s.items; len = s.len }

let push x s =
  s.items <- x :: s.items;
  s.len <- s.len + 1

let pop s =
  match s.items with
  | [] -> raise Empty
  | x :: rest ->
    s.items <- rest;
    s.len <- s.len - 1;
    x

let pop_opt s =
  match s.items with
  | [] -> None
  | x :: rest ->
    s.items <- rest;
    s.len <- s.len - 1;
    Some x

let top s = match s.items with [] -> raise Empty | x :: _ -> x
let top_opt s = match s.items with [] -> None | x :: _ -> Some x
let is_empty s = s.items = []
let length s = s.len
let iter f s = List.iter f s.items
let fold f acc s = List.fold_left f acc s.items
let to_seq s = List.to_seq s.items
let add_seq s seq = Seq.iter (fun x -> push x s) seq

let of_seq seq =
  let s = create () in
  add_seq s seq;
  s
