(* Lists.

   Functions that build a list in order (map, append, filter, ...) recurse normally for the
   first [chunk] elements, which is fast and allocates nothing extra, and finish longer lists
   with an accumulator and a reversal, so that lists of millions of elements never overflow
   the stack. The order in which user functions are applied is always first to last. *)

type 'a t = 'a list = [] | ( :: ) of 'a * 'a list

let chunk = 1000

let rec rev_append l acc = match l with [] -> acc | x :: rest -> rev_append rest (x :: acc)
let rev l = rev_append l []

let length l =
  let rec count n = function [] -> n | _ :: rest -> count (n + 1) rest in
  count 0 l

let rec compare_lengths a b =
  match a, b with
  | [], [] -> 0
  | [], _ -> -1
  | _, [] -> 1
  | _ :: ra, _ :: rb -> compare_lengths ra rb

let rec compare_length_with l n =
  match l with
  | [] -> if n = 0 then 0 else if n > 0 then -1 else 1
  | _ :: rest -> if n <= 0 then 1 else compare_length_with rest (n - 1)

let cons x l = x :: l
let hd = function [] -> failwith "hd" | x :: _ -> x
let tl = function [] -> failwith "tl" | _ :: rest -> rest

let nth l n =
  if n < 0 then invalid_arg "List.nth"
  else
    let rec go l n = match l with [] -> failwith "nth" | x :: rest -> if n = 0 then x else go rest (n - 1) in
    go l n

let nth_opt l n =
  if n < 0 then invalid_arg "List.nth"
  else
    let rec go l n = match l with [] -> None | x :: rest -> if n = 0 then Some x else go rest (n - 1) in
    go l n

let init n f =
  if n < 0 then invalid_arg "List.init"
  else if n <= chunk then
    let rec build i = if i >= n then [] else let x = f i in x :: build (i + 1) in
    build 0
  else
    let rec build_rev i acc = if i >= n then acc else build_rev (i + 1) (f i :: acc) in
    rev (build_rev 0 [])

let append l1 l2 = l1 @ l2

(* Each list is pushed reversed onto an accumulator, which is reversed once at the end. *)
let concat ls =
  let rec go acc = function [] -> rev acc | l :: rest -> go (rev_append l acc) rest in
  match ls with [] -> [] | _ -> go [] ls

let flatten = concat

let rec equal eq a b =
  match a, b with
  | [], [] -> true
  | x :: ra, y :: rb -> eq x y && equal eq ra rb
  | [], _ :: _ | _ :: _, [] -> false

let rec compare cmp a b =
  match a, b with
  | [], [] -> 0
  | [], _ :: _ -> -1
  | _ :: _, [] -> 1
  | x :: ra, y :: rb ->
    let c = cmp x y in
    if c <> 0 then c else compare cmp ra rb

(* Iterators *)

let rec iter f = function [] -> () | x :: rest -> f x; iter f rest

let iteri f l =
  let rec go i = function [] -> () | x :: rest -> f i x; go (i + 1) rest in
  go 0 l

let rev_map f l =
  let rec go acc = function [] -> acc | x :: rest -> go (f x :: acc) rest in
  go [] l

let map f l =
  let rec go depth = function
    | [] -> []
    | x :: rest as l ->
      if depth = 0 then rev (rev_map f l)
      else
        let y = f x in
        y :: go (depth - 1) rest
  in
  go chunk l

let mapi f l =
  let rec slow i acc = function [] -> rev acc | x :: rest -> slow (i + 1) (f i x :: acc) rest in
  let rec go i = function
    | [] -> []
    | x :: rest as l ->
      if i >= chunk then slow i [] l
      else
        let y = f i x in
        y :: go (i + 1) rest
  in
  go 0 l

let filter_map f l =
  let rec go acc = function
    | [] -> rev acc
    | x :: rest -> (match f x with Some y -> go (y :: acc) rest | None -> go acc rest)
  in
  go [] l

let concat_map f l =
  let rec go acc = function [] -> rev acc | x :: rest -> go (rev_append (f x) acc) rest in
  go [] l

let fold_left_map f init l =
  let rec go acc ys = function
    | [] -> (acc, rev ys)
    | x :: rest ->
      let acc, y = f acc x in
      go acc (y :: ys) rest
  in
  go init [] l

let rec fold_left f acc = function [] -> acc | x :: rest -> fold_left f (f acc x) rest

let fold_right f l init =
  let rec go depth = function
    | [] -> init
    | x :: rest as l ->
      if depth = 0 then fold_left (fun acc x -> f x acc) init (rev l) else f x (go (depth - 1) rest)
  in
  go chunk l

(* Iterators on two lists: the lists must have the same length. *)

let rec iter2 f a b =
  match a, b with
  | [], [] -> ()
  | x :: ra, y :: rb -> f x y; iter2 f ra rb
  | _, _ -> invalid_arg "List.iter2"

let rev_map2 f a b =
  let rec go acc a b =
    match a, b with
    | [], [] -> acc
    | x :: ra, y :: rb -> go (f x y :: acc) ra rb
    | _, _ -> invalid_arg "List.rev_map2"
  in
  go [] a b

let map2 f a b =
  let rec slow acc a b =
    match a, b with
    | [], [] -> rev acc
    | x :: ra, y :: rb -> slow (f x y :: acc) ra rb
    | _, _ -> invalid_arg "List.map2"
  in
  let rec go depth a b =
    match a, b with
    | [], [] -> []
    | x :: ra, y :: rb ->
      if depth = 0 then slow [] a b
      else
        let z = f x y in
        z :: go (depth - 1) ra rb
    | _, _ -> invalid_arg "List.map2"
  in
  go chunk a b

let rec fold_left2 f acc a b =
  match a, b with
  | [], [] -> acc
  | x :: ra, y :: rb -> fold_left2 f (f acc x y) ra rb
  | _, _ -> invalid_arg "List.fold_left2"

let fold_right2 f a b init =
  if compare_lengths a b <> 0 then invalid_arg "List.fold_right2"
  else fold_left2 (fun acc x y -> f x y acc) init (rev a) (rev b)

(* Scanning *)

let rec for_all p = function [] -> true | x :: rest -> p x && for_all p rest
let rec exists p = function [] -> false | x :: rest -> p x || exists p rest

let rec for_all2 p a b =
  match a, b with
  | [], [] -> true
  | x :: ra, y :: rb -> p x y && for_all2 p ra rb
  | _, _ -> invalid_arg "List.for_all2"

let rec exists2 p a b =
  match a, b with
  | [], [] -> false
  | x :: ra, y :: rb -> p x y || exists2 p ra rb
  | _, _ -> invalid_arg "List.exists2"

(* Structural equality in the sense of [compare], as OCaml's [mem] and [assoc] use it: the
   primitive itself, so that each test is one runtime call and not a call of a wrapper. *)
external compare_val : 'a -> 'a -> int = "%compare"

let rec mem v = function [] -> false | x :: rest -> compare_val x v = 0 || mem v rest

let rec memq v = function [] -> false | x :: rest -> x == v || memq v rest

(* Searching *)

let rec find p = function [] -> raise Not_found | x :: rest -> if p x then x else find p rest
let rec find_opt p = function [] -> None | x :: rest -> if p x then Some x else find_opt p rest

let rec find_map f = function
  | [] -> None
  | x :: rest -> (match f x with None -> find_map f rest | found -> found)

let filter p l =
  let rec go acc = function [] -> rev acc | x :: rest -> if p x then go (x :: acc) rest else go acc rest in
  go [] l

let find_all = filter

let filteri p l =
  let rec go i acc = function
    | [] -> rev acc
    | x :: rest -> if p i x then go (i + 1) (x :: acc) rest else go (i + 1) acc rest
  in
  go 0 [] l

let partition p l =
  let rec go yes no = function
    | [] -> (rev yes, rev no)
    | x :: rest -> if p x then go (x :: yes) no rest else go yes (x :: no) rest
  in
  go [] [] l

let partition_map f l =
  let rec go lefts rights = function
    | [] -> (rev lefts, rev rights)
    | x :: rest ->
      (match f x with
       | Either.Left a -> go (a :: lefts) rights rest
       | Either.Right b -> go lefts (b :: rights) rest)
  in
  go [] [] l

(* Association lists *)

let rec assoc k = function [] -> raise Not_found | (a, b) :: rest -> if compare_val a k = 0 then b else assoc k rest
let rec assoc_opt k = function [] -> None | (a, b) :: rest -> if compare_val a k = 0 then Some b else assoc_opt k rest
let rec assq k = function [] -> raise Not_found | (a, b) :: rest -> if a == k then b else assq k rest
let rec assq_opt k = function [] -> None | (a, b) :: rest -> if a == k then Some b else assq_opt k rest
let rec mem_assoc k = function [] -> false | (a, _) :: rest -> compare_val a k = 0 || mem_assoc k rest
let rec mem_assq k = function [] -> false | (a, _) :: rest -> a == k || mem_assq k rest

(* Only the first binding of the key is removed. *)
let remove_first matches l =
  let rec go seen = function
    | [] -> l
    | ((a, _) as pair) :: rest -> if matches a then rev_append seen rest else go (pair :: seen) rest
  in
  go [] l

let remove_assoc k l = remove_first (fun a -> compare_val a k = 0) l
let remove_assq k l = remove_first (fun a -> a == k) l

(* Pairs *)

let split l =
  let rec go xs ys = function [] -> (rev xs, rev ys) | (x, y) :: rest -> go (x :: xs) (y :: ys) rest in
  go [] [] l

let combine a b =
  let rec go acc a b =
    match a, b with
    | [], [] -> rev acc
    | x :: ra, y :: rb -> go ((x, y) :: acc) ra rb
    | _, _ -> invalid_arg "List.combine"
  in
  go [] a b

(* Sorting: a stable merge sort over an array copy of the list (recursion depth is the log of
   the length), then the list is rebuilt from the sorted array. *)

external make_array : int -> 'a -> 'a array = "caml_make_vect"
external array_get : 'a array -> int -> 'a = "%array_unsafe_get"
external array_set : 'a array -> int -> 'a -> unit = "%array_unsafe_set"

(* Sort src.(lo..hi-1) into dst.(lo..hi-1), using src as scratch; stable. *)
let rec sort_into cmp src dst lo hi =
  if hi - lo <= 1 then (if hi - lo = 1 then array_set dst lo (array_get src lo))
  else begin
    let mid = lo + (hi - lo) / 2 in
    (* sort both halves into src (using dst as scratch), then merge them into dst *)
    sort_into cmp dst src lo mid;
    sort_into cmp dst src mid hi;
    let rec merge i j k =
      if i < mid && j < hi then begin
        let a = array_get src i and b = array_get src j in
        if cmp a b <= 0 then (array_set dst k a; merge (i + 1) j (k + 1))
        else (array_set dst k b; merge i (j + 1) (k + 1))
      end
      else if i < mid then (array_set dst k (array_get src i); merge (i + 1) j (k + 1))
      else if j < hi then (array_set dst k (array_get src j); merge i (j + 1) (k + 1))
    in
    merge lo mid lo
  end

let stable_sort cmp l =
  match l with
  | [] | [ _ ] -> l
  | [ a; b ] -> if cmp a b <= 0 then l else [ b; a ]
  | first :: _ ->
    let n = length l in
    let src = make_array n first and dst = make_array n first in
    iteri (fun i x -> array_set src i x; array_set dst i x) l;
    sort_into cmp src dst 0 n;
    let rec build i acc = if i < 0 then acc else build (i - 1) (array_get dst i :: acc) in
    build (n - 1) []

let sort = stable_sort
let fast_sort = stable_sort

(* Among equal elements, the first in sorted order is kept. *)
let sort_uniq cmp l =
  let rec dedup acc = function
    | [] -> rev acc
    | x :: rest ->
      (match acc with y :: _ when cmp y x = 0 -> dedup acc rest | _ -> dedup (x :: acc) rest)
  in
  dedup [] (stable_sort cmp l)

let merge cmp a b =
  let rec go acc a b =
    match a, b with
    | [], rest | rest, [] -> rev_append acc rest
    | x :: ra, y :: rb -> if cmp x y <= 0 then go (x :: acc) ra b else go (y :: acc) a rb
  in
  go [] a b

(* Sequences *)

let to_seq l =
  let rec from l () = match l with [] -> Seq.Nil | x :: rest -> Seq.Cons (x, from rest) in
  from l

let of_seq s =
  let rec go acc s = match s () with Seq.Nil -> rev acc | Seq.Cons (x, rest) -> go (x :: acc) rest in
  go [] s
