(* Delayed sequences: a sequence is a function producing its first node on demand. *)

type 'a t = unit -> 'a node
and +'a node = Nil | Cons of 'a * 'a t

(* Consumers *)

let is_empty s = match s () with Nil -> true | Cons _ -> false
let uncons s = match s () with Nil -> None | Cons (x, rest) -> Some (x, rest)

let length s =
  let rec count n s = match s () with Nil -> n | Cons (_, rest) -> count (n + 1) rest in
  count 0 s

let rec iter f s = match s () with Nil -> () | Cons (x, rest) -> f x; iter f rest

let rec fold_left f acc s =
  match s () with Nil -> acc | Cons (x, rest) -> fold_left f (f acc x) rest

let iteri f s =
  let rec go i s = match s () with Nil -> () | Cons (x, rest) -> f i x; go (i + 1) rest in
  go 0 s

let fold_lefti f acc s =
  let rec go i acc s =
    match s () with Nil -> acc | Cons (x, rest) -> go (i + 1) (f acc i x) rest
  in
  go 0 acc s

let rec for_all p s = match s () with Nil -> true | Cons (x, rest) -> p x && for_all p rest
let rec exists p s = match s () with Nil -> false | Cons (x, rest) -> p x || exists p rest

let rec find p s =
  match s () with Nil -> None | Cons (x, rest) -> if p x then Some x else find p rest

let rec find_map f s =
  match s () with
  | Nil -> None
  | Cons (x, rest) -> (match f x with None -> find_map f rest | found -> found)

(* The pairwise consumers stop at the end of the shorter sequence. *)
let rec iter2 f a b =
  match a () with
  | Nil -> ()
  | Cons (x, ra) -> (match b () with Nil -> () | Cons (y, rb) -> f x y; iter2 f ra rb)

let rec fold_left2 f acc a b =
  match a () with
  | Nil -> acc
  | Cons (x, ra) -> (match b () with Nil -> acc | Cons (y, rb) -> fold_left2 f (f acc x y) ra rb)

let rec for_all2 p a b =
  match a () with
  | Nil -> true
  | Cons (x, ra) -> (match b () with Nil -> true | Cons (y, rb) -> p x y && for_all2 p ra rb)

let rec exists2 p a b =
  match a () with
  | Nil -> false
  | Cons (x, ra) -> (match b () with Nil -> false | Cons (y, rb) -> p x y || exists2 p ra rb)

let rec equal eq a b =
  match a (), b () with
  | Nil, Nil -> true
  | Cons (x, ra), Cons (y, rb) -> eq x y && equal eq ra rb
  | Nil, Cons _ | Cons _, Nil -> false

(* Lexicographic; a proper prefix is smaller. *)
let rec compare cmp a b =
  match a (), b () with
  | Nil, Nil -> 0
  | Nil, Cons _ -> -1
  | Cons _, Nil -> 1
  | Cons (x, ra), Cons (y, rb) ->
    let c = cmp x y in
    if c <> 0 then c else compare cmp ra rb

(* Producers *)

let empty () = Nil
let return x () = Cons (x, empty)
let cons x s () = Cons (x, s)

let init n f =
  if n < 0 then invalid_arg "Seq.init"
  else
    let rec from i () = if i >= n then Nil else Cons (f i, from (i + 1)) in
    from 0

let rec unfold step seed () =
  match step seed with None -> Nil | Some (x, seed') -> Cons (x, unfold step seed')

let rec repeat x () = Cons (x, repeat x)
let rec forever f () = Cons (f (), forever f)

let rec cycle_nonempty s () = append_then s (cycle_nonempty s) ()

and append_then a b () =
  match a () with Nil -> b () | Cons (x, rest) -> Cons (x, append_then rest b)

let cycle s () =
  match s () with Nil -> Nil | Cons (x, rest) -> Cons (x, append_then rest (cycle_nonempty s))

let rec iterate f x () = Cons (x, iterate f (f x))

(* Transformers *)

let rec map f s () = match s () with Nil -> Nil | Cons (x, rest) -> Cons (f x, map f rest)

let mapi f s =
  let rec go i s () = match s () with Nil -> Nil | Cons (x, rest) -> Cons (f i x, go (i + 1) rest) in
  go 0 s

let rec filter p s () =
  match s () with
  | Nil -> Nil
  | Cons (x, rest) -> if p x then Cons (x, filter p rest) else filter p rest ()

let rec filter_map f s () =
  match s () with
  | Nil -> Nil
  | Cons (x, rest) ->
    (match f x with Some y -> Cons (y, filter_map f rest) | None -> filter_map f rest ())

let scan f init s =
  let rec after acc s () =
    match s () with
    | Nil -> Nil
    | Cons (x, rest) ->
      let acc = f acc x in
      Cons (acc, after acc rest)
  in
  fun () -> Cons (init, after init s)

let take n s =
  if n < 0 then invalid_arg "Seq.take"
  else
    let rec go n s () =
      if n = 0 then Nil
      else match s () with Nil -> Nil | Cons (x, rest) -> Cons (x, go (n - 1) rest)
    in
    go n s

let drop n s =
  if n < 0 then invalid_arg "Seq.drop"
  else if n = 0 then s
  else
    let rec skip n s =
      if n = 0 then s () else match s () with Nil -> Nil | Cons (_, rest) -> skip (n - 1) rest
    in
    fun () -> skip n s

let rec take_while p s () =
  match s () with
  | Nil -> Nil
  | Cons (x, rest) -> if p x then Cons (x, take_while p rest) else Nil

let rec drop_while p s () =
  match s () with
  | Nil -> Nil
  | Cons (x, rest) as node -> if p x then drop_while p rest () else node

let rec group eq s () =
  match s () with
  | Nil -> Nil
  | Cons (x, rest) ->
    let same y = eq x y in
    Cons (cons x (take_while same rest), group eq (drop_while same rest))

(* Memoization with a mutable cell per node: the first force computes, later ones reuse.
   A node forced again while being computed is an error, as with lazy values. *)
type 'a memo_state = Todo of 'a t | Running | Done of 'a node | Raised of exn

exception Recursive_force

let rec memoize s =
  let cell = ref (Todo s) in
  fun () ->
    match !cell with
    | Done node -> node
    | Raised e -> raise e
    | Running -> raise Recursive_force
    | Todo s ->
      cell := Running;
      (match s () with
       | node ->
         let node = match node with Nil -> Nil | Cons (x, rest) -> Cons (x, memoize rest) in
         cell := Done node;
         node
       | exception e ->
         cell := Raised e;
         raise e)

exception Forced_twice

let rec once s =
  let used = ref false in
  fun () ->
    if !used then raise Forced_twice
    else begin
      used := true;
      match s () with Nil -> Nil | Cons (x, rest) -> Cons (x, once rest)
    end

let rec append a b () =
  match a () with Nil -> b () | Cons (x, rest) -> Cons (x, append rest b)

let rec concat ss () =
  match ss () with Nil -> Nil | Cons (s, rest) -> append s (concat rest) ()

let rec flat_map f s () =
  match s () with Nil -> Nil | Cons (x, rest) -> append (f x) (flat_map f rest) ()

let concat_map = flat_map

let rec zip a b () =
  match a () with
  | Nil -> Nil
  | Cons (x, ra) -> (match b () with Nil -> Nil | Cons (y, rb) -> Cons ((x, y), zip ra rb))

let rec map2 f a b () =
  match a () with
  | Nil -> Nil
  | Cons (x, ra) -> (match b () with Nil -> Nil | Cons (y, rb) -> Cons (f x y, map2 f ra rb))

let rec interleave a b () =
  match a () with Nil -> b () | Cons (x, rest) -> Cons (x, interleave b rest)

let rec sorted_merge cmp a b () =
  match a (), b () with
  | Nil, node | node, Nil -> node
  | (Cons (x, ra) as na), (Cons (y, rb) as nb) ->
    if cmp x y <= 0 then Cons (x, sorted_merge cmp ra (fun () -> nb))
    else Cons (y, sorted_merge cmp (fun () -> na) rb)

let unzip s = (map fst s, map snd s)
let split = unzip

(* Column i of the result holds the i-th elements of the rows long enough to have one; both
   the heads and the remaining rows are computed lazily, so infinite inputs work. *)
let rec transpose rows () =
  let heads, tails = unzip (filter_map uncons rows) in
  if is_empty heads then Nil else Cons (heads, transpose tails)

let rec product a b () =
  match a () with
  | Nil -> Nil
  | Cons (x, ra) -> interleave (map (fun y -> (x, y)) b) (product ra b) ()

let map_product f a b = map (fun (x, y) -> f x y) (product a b)

let partition_map f s =
  ( filter_map (fun x -> match f x with Either.Left l -> Some l | Either.Right _ -> None) s,
    filter_map (fun x -> match f x with Either.Left _ -> None | Either.Right r -> Some r) s )

let partition p s = (filter p s, filter (fun x -> not (p x)) s)

let rec of_dispenser next () =
  match next () with None -> Nil | Some x -> Cons (x, of_dispenser next)

let to_dispenser s =
  let rest = ref s in
  fun () ->
    match !rest () with
    | Nil -> None
    | Cons (x, more) ->
      rest := more;
      Some x

let rec ints i () = Cons (i, ints (i + 1))
