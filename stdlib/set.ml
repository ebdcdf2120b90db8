(* Immutable sets over ordered elements, as height-balanced (AVL) binary search trees. *)

module type OrderedType =
  sig
    type t

    val compare : t -> t -> int

  end

module type S =
  sig
    type elt

    type t

    val empty: t

    val is_empty: t -> bool

    val mem: elt -> t -> bool

    val add: elt -> t -> t

    val singleton: elt -> t

    val remove: elt -> t -> t

    val union: t -> t -> t

    val inter: t -> t -> t

    val disjoint: t -> t -> bool

    val diff: t -> t -> t

    val compare: t -> t -> int

    val equal: t -> t -> bool

    val subset: t -> t -> bool

    val iter: (elt -> unit) -> t -> unit

    val map: (elt -> elt) -> t -> t

    val fold: (elt -> 'a -> 'a) -> t -> 'a -> 'a

    val for_all: (elt -> bool) -> t -> bool

    val exists: (elt -> bool) -> t -> bool

    val filter: (elt -> bool) -> t -> t

    val filter_map: (elt -> elt option) -> t -> t

    val partition: (elt -> bool) -> t -> t * t

    val cardinal: t -> int

    val elements: t -> elt list

    val min_elt: t -> elt

    val min_elt_opt: t -> elt option

    val max_elt: t -> elt

    val max_elt_opt: t -> elt option

    val choose: t -> elt

    val choose_opt: t -> elt option

    val split: elt -> t -> t * bool * t

    val find: elt -> t -> elt

    val find_opt: elt -> t -> elt option

    val find_first: (elt -> bool) -> t -> elt

    val find_first_opt: (elt -> bool) -> t -> elt option

    val find_last: (elt -> bool) -> t -> elt

    val find_last_opt: (elt -> bool) -> t -> elt option

    val of_list: elt list -> t

    val to_seq_from : elt -> t -> elt Seq.t

    val to_seq : t -> elt Seq.t

    val to_rev_seq : t -> elt Seq.t

    val add_seq : elt Seq.t -> t -> t

    val of_seq : elt Seq.t -> t

  end


module Make (Ord : OrderedType) = struct
  type elt = Ord.t

  (* AVL trees: the heights of the two subtrees of a node differ by at most 2. *)
  type t = Empty | Node of { l : t; v : elt; r : t; h : int }

  let height = function Empty -> 0 | Node { h; _ } -> h

  let create l v r =
    let hl = height l and hr = height r in
    Node { l; v; r; h = (if hl >= hr then hl + 1 else hr + 1) }

  let bal l v r =
    let hl = height l and hr = height r in
    if hl > hr + 2 then
      match l with
      | Empty -> invalid_arg "Set.bal"
      | Node { l = ll; v = lv; r = lr; _ } ->
        if height ll >= height lr then create ll lv (create lr v r)
        else (
          match lr with
          | Empty -> invalid_arg "Set.bal"
          | Node { l = lrl; v = lrv; r = lrr; _ } -> create (create ll lv lrl) lrv (create lrr v r))
    else if hr > hl + 2 then
      match r with
      | Empty -> invalid_arg "Set.bal"
      | Node { l = rl; v = rv; r = rr; _ } ->
        if height rr >= height rl then create (create l v rl) rv rr
        else (
          match rl with
          | Empty -> invalid_arg "Set.bal"
          | Node { l = rll; v = rlv; r = rlr; _ } -> create (create l v rll) rlv (create rlr rv rr))
    else create l v r

  let empty = Empty
  let is_empty = function Empty -> true | Node _ -> false
  let singleton x = Node { l = Empty; v = x; r = Empty; h = 1 }

  let rec add x = function
    | Empty -> singleton x
    | Node { l; v; r; _ } as t ->
      let c = Ord.compare x v in
      if c = 0 then t
      else if c < 0 then
        let l' = add x l in
        if l == l' then t else bal l' v r
      else
        let r' = add x r in
        if r == r' then t else bal l v r'

  let rec add_min x = function Empty -> singleton x | Node { l; v; r; _ } -> bal (add_min x l) v r
  let rec add_max x = function Empty -> singleton x | Node { l; v; r; _ } -> bal l v (add_max x r)

  let rec join l v r =
    match l, r with
    | Empty, _ -> add_min v r
    | _, Empty -> add_max v l
    | Node { l = ll; v = lv; r = lr; h = lh }, Node { l = rl; v = rv; r = rr; h = rh } ->
      if lh > rh + 2 then bal ll lv (join lr v r)
      else if rh > lh + 2 then bal (join l v rl) rv rr
      else create l v r

  let rec min_elt_opt = function
    | Empty -> None
    | Node { l = Empty; v; _ } -> Some v
    | Node { l; _ } -> min_elt_opt l

  let min_elt t = match min_elt_opt t with Some v -> v | None -> raise Not_found

  let rec max_elt_opt = function
    | Empty -> None
    | Node { r = Empty; v; _ } -> Some v
    | Node { r; _ } -> max_elt_opt r

  let max_elt t = match max_elt_opt t with Some v -> v | None -> raise Not_found

  let rec remove_min = function
    | Empty -> invalid_arg "Set.remove_min_elt"
    | Node { l = Empty; r; _ } -> r
    | Node { l; v; r; _ } -> bal (remove_min l) v r

  let merge_adjacent t1 t2 =
    match t1, t2 with Empty, t | t, Empty -> t | _ -> bal t1 (min_elt t2) (remove_min t2)

  let concat t1 t2 =
    match t1, t2 with Empty, t | t, Empty -> t | _ -> join t1 (min_elt t2) (remove_min t2)

  (* (elements < x, whether x is present, elements > x) *)
  let rec split x = function
    | Empty -> (Empty, false, Empty)
    | Node { l; v; r; _ } ->
      let c = Ord.compare x v in
      if c = 0 then (l, true, r)
      else if c < 0 then
        let ll, pres, rl = split x l in
        (ll, pres, join rl v r)
      else
        let lr, pres, rr = split x r in
        (join l v lr, pres, rr)

  let rec mem x = function
    | Empty -> false
    | Node { l; v; r; _ } ->
      let c = Ord.compare x v in
      c = 0 || mem x (if c < 0 then l else r)

  let rec remove x = function
    | Empty -> Empty
    | Node { l; v; r; _ } as t ->
      let c = Ord.compare x v in
      if c = 0 then merge_adjacent l r
      else if c < 0 then
        let l' = remove x l in
        if l == l' then t else bal l' v r
      else
        let r' = remove x r in
        if r == r' then t else bal l v r'

  let rec union s1 s2 =
    match s1, s2 with
    | Empty, t | t, Empty -> t
    | Node { l = l1; v = v1; r = r1; h = h1 }, Node { l = l2; v = v2; r = r2; h = h2 } ->
      if h1 >= h2 then
        if h2 = 1 then add v2 s1
        else
          let l2, _, r2 = split v1 s2 in
          join (union l1 l2) v1 (union r1 r2)
      else if h1 = 1 then add v1 s2
      else
        let l1, _, r1 = split v2 s1 in
        join (union l1 l2) v2 (union r1 r2)

  let rec inter s1 s2 =
    match s1, s2 with
    | Empty, _ | _, Empty -> Empty
    | Node { l = l1; v = v1; r = r1; _ }, t2 -> (
        match split v1 t2 with
        | l2, false, r2 -> concat (inter l1 l2) (inter r1 r2)
        | l2, true, r2 -> join (inter l1 l2) v1 (inter r1 r2))

  let rec disjoint s1 s2 =
    match s1, s2 with
    | Empty, _ | _, Empty -> true
    | Node { l; v; r; _ }, t2 ->
      if s1 == s2 then false
      else (match split v t2 with l2, false, r2 -> disjoint l l2 && disjoint r r2 | _, true, _ -> false)

  let rec diff s1 s2 =
    match s1, s2 with
    | Empty, _ -> Empty
    | t, Empty -> t
    | Node { l = l1; v = v1; r = r1; _ }, t2 -> (
        match split v1 t2 with
        | l2, false, r2 -> join (diff l1 l2) v1 (diff r1 r2)
        | l2, true, r2 -> concat (diff l1 l2) (diff r1 r2))

  type enumeration = End | More of elt * t * enumeration

  let rec cons_enum s e = match s with Empty -> e | Node { l; v; r; _ } -> cons_enum l (More (v, r, e))

  let compare s1 s2 =
    let rec go e1 e2 =
      match e1, e2 with
      | End, End -> 0
      | End, _ -> -1
      | _, End -> 1
      | More (v1, r1, e1), More (v2, r2, e2) ->
        let c = Ord.compare v1 v2 in
        if c <> 0 then c else go (cons_enum r1 e1) (cons_enum r2 e2)
    in
    go (cons_enum s1 End) (cons_enum s2 End)

  let equal s1 s2 = compare s1 s2 = 0

  let rec subset s1 s2 =
    match s1, s2 with
    | Empty, _ -> true
    | _, Empty -> false
    | Node { l = l1; v = v1; r = r1; _ }, Node { l = l2; v = v2; r = r2; _ } ->
      let c = Ord.compare v1 v2 in
      if c = 0 then subset l1 l2 && subset r1 r2
      else if c < 0 then subset (create l1 v1 Empty) l2 && subset r1 s2
      else subset (create Empty v1 r1) r2 && subset l1 s2

  let rec iter f = function Empty -> () | Node { l; v; r; _ } -> iter f l; f v; iter f r
  let rec fold f s acc = match s with Empty -> acc | Node { l; v; r; _ } -> fold f r (f v (fold f l acc))
  let rec for_all p = function Empty -> true | Node { l; v; r; _ } -> p v && for_all p l && for_all p r
  let rec exists p = function Empty -> false | Node { l; v; r; _ } -> p v || exists p l || exists p r

  let rec filter p = function
    | Empty -> Empty
    | Node { l; v; r; _ } as t ->
      let l' = filter p l in
      let keep = p v in
      let r' = filter p r in
      if keep then if l == l' && r == r' then t else join l' v r' else concat l' r'

  let rec partition p = function
    | Empty -> (Empty, Empty)
    | Node { l; v; r; _ } ->
      let lt, lf = partition p l in
      let keep = p v in
      let rt, rf = partition p r in
      if keep then (join lt v rt, concat lf rf) else (concat lt rt, join lf v rf)

  let rec cardinal = function Empty -> 0 | Node { l; r; _ } -> cardinal l + 1 + cardinal r
  let elements s = fold (fun v acc -> v :: acc) s [] |> List.rev
  let choose = min_elt
  let choose_opt = min_elt_opt

  let rec find x = function
    | Empty -> raise Not_found
    | Node { l; v; r; _ } ->
      let c = Ord.compare x v in
      if c = 0 then v else find x (if c < 0 then l else r)

  let rec find_opt x = function
    | Empty -> None
    | Node { l; v; r; _ } ->
      let c = Ord.compare x v in
      if c = 0 then Some v else find_opt x (if c < 0 then l else r)

  let rec find_first_opt f = function
    | Empty -> None
    | Node { l; v; r; _ } ->
      if f v then (match find_first_opt f l with None -> Some v | found -> found) else find_first_opt f r

  let find_first f s = match find_first_opt f s with Some v -> v | None -> raise Not_found

  let rec find_last_opt f = function
    | Empty -> None
    | Node { l; v; r; _ } ->
      if f v then (match find_last_opt f r with None -> Some v | found -> found) else find_last_opt f l

  let find_last f s = match find_last_opt f s with Some v -> v | None -> raise Not_found

  (* [map] keeps the tree when every element maps to itself (physically). *)
  let try_join l v r =
    if (match l with Empty -> true | Node _ -> Ord.compare (max_elt l) v < 0)
       && (match r with Empty -> true | Node _ -> Ord.compare v (min_elt r) < 0)
    then join l v r
    else union l (add v r)

  let rec map f = function
    | Empty -> Empty
    | Node { l; v; r; _ } as t ->
      let l' = map f l in
      let v' = f v in
      let r' = map f r in
      if l == l' && v == v' && r == r' then t else try_join l' v' r'

  let rec filter_map f = function
    | Empty -> Empty
    | Node { l; v; r; _ } as t -> (
        let l' = filter_map f l in
        let v' = f v in
        let r' = filter_map f r in
        match v' with
        | Some v' -> if l == l' && v == v' && r == r' then t else try_join l' v' r'
        | None -> (match l', r' with Empty, s | s, Empty -> s | _ -> union l' r'))

  let of_list l = List.fold_left (fun s x -> add x s) empty l

  let rec seq_of_enum e () =
    match e with End -> Seq.Nil | More (v, r, e) -> Seq.Cons (v, seq_of_enum (cons_enum r e))

  let to_seq s = seq_of_enum (cons_enum s End)

  let rec snoc_enum s e = match s with Empty -> e | Node { l; v; r; _ } -> snoc_enum r (More (v, l, e))

  let rec rev_seq_of_enum e () =
    match e with End -> Seq.Nil | More (v, l, e) -> Seq.Cons (v, rev_seq_of_enum (snoc_enum l e))

  let to_rev_seq s = rev_seq_of_enum (snoc_enum s End)

  let to_seq_from low s =
    let rec from s e =
      match s with
      | Empty -> e
      | Node { l; v; r; _ } ->
        let c = Ord.compare v low in
        if c = 0 then More (v, r, e) else if c < 0 then from r e else from l (More (v, r, e))
    in
    seq_of_enum (from s End)

  let add_seq s t = Seq.fold_left (fun t x -> add x t) t s
  let of_seq s = add_seq s empty
end
