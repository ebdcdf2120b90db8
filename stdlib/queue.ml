(* First-in first-out queues: a singly linked chain of mutable cells, with pointers to both
   ends so that adding and taking are O(1). *)

type 'a cell = Nil | Cell of { value : 'a; mutable next : 'a cell }
type 'a t = { mutable length : int; mutable first : 'a cell; mutable last : 'a cell }

exception Empty

let create () = { length = 0; first = Nil; last = Nil }

let clear q =
  q.length <- 0;
  q.first <- Nil;
  q.last <- Nil

let add x q =
  let cell = Cell { value = x; next = Nil } in
  (match q.last with
   | Nil -> q.first <- cell
   | Cell last -> last.next <- cell);
  q.last <- cell;
  q.length <- q.length + 1

let push = add

let peek q = match q.first with Nil -> raise Empty | Cell { value; _ } -> value
let peek_opt q = match q.first with Nil -> None | Cell { value; _ } -> Some value
let top = peek

let take q =
  match q.first with
  | Nil -> raise Empty
  | Cell { value; next } ->
    q.first <- next;
    (match next with Nil -> q.last <- Nil | Cell _ -> ());
    q.length <- q.length - 1;
    value

let take_opt q = if q.length = 0 then None else Some (take q)
let pop = take

let is_empty q = q.length = 0
let length q = q.length

let iter f q =
  let rec go = function Nil -> () | Cell { value; next } -> f value; go next in
  go q.first

let fold f acc q =
  let rec go acc = function Nil -> acc | Cell { value; next } -> go (f acc value) next in
  go acc q.first

let copy q =
  let r = create () in
  iter (fun x -> add x r) q;
  r

(* Move all of [src] to the end of [dst], emptying [src]. *)
let transfer src dst =
  if src.length > 0 then begin
    (match dst.last with
     | Nil -> dst.first <- src.first
     | Cell last -> last.next <- src.first);
    dst.last <- src.last;
    dst.length <- dst.length + src.length;
    clear src
  end

let to_seq q =
  let rec from cell () = match cell with Nil -> Seq.Nil | Cell { value; next } -> Seq.Cons (value, from next) in
  from q.first

let add_seq q seq = Seq.iter (fun x -> add x q) seq

let of_seq seq =
  let q = create () in
  add_seq q seq;
  q
