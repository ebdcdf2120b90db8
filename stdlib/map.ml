(* Immutable maps over ordered keys, as height-balanced (AVL) binary search trees. *)

module type OrderedType =
  sig
    type t

    val compare : t -> t -> int

  end

module type S =
  sig
    type key

    type !+'a t

    val empty: 'a t

    val is_empty: 'a t -> bool

    val mem: key -> 'a t -> bool

    val add: key -> 'a -> 'a t -> 'a t

    val update: key -> ('a option -> 'a option) -> 'a t -> 'a t

    val singleton: key -> 'a -> 'a t

    val remove: key -> 'a t -> 'a t

    val merge:
         (key -> 'a option -> 'b option -> 'c option) ->
         'a t -> 'b t -> 'c t

    val union: (key -> 'a -> 'a -> 'a option) -> 'a t -> 'a t -> 'a t

    val compare: ('a -> 'a -> int) -> 'a t -> 'a t -> int

    val equal: ('a -> 'a -> bool) -> 'a t -> 'a t -> bool

    val iter: (key -> 'a -> unit) -> 'a t -> unit

    val fold: (key -> 'a -> 'b -> 'b) -> 'a t -> 'b -> 'b

    val for_all: (key -> 'a -> bool) -> 'a t -> bool

    val exists: (key -> 'a -> bool) -> 'a t -> bool

    val filter: (key -> 'a -> bool) -> 'a t -> 'a t

    val filter_map: (key -> 'a -> 'b option) -> 'a t -> 'b t

    val partition: (key -> 'a -> bool) -> 'a t -> 'a t * 'a t

    val cardinal: 'a t -> int

    val bindings: 'a t -> (key * 'a) list

    val min_binding: 'a t -> (key * 'a)

    val min_binding_opt: 'a t -> (key * 'a) option

    val max_binding: 'a t -> (key * 'a)

    val max_binding_opt: 'a t -> (key * 'a) option

    val choose: 'a t -> (key * 'a)

    val choose_opt: 'a t -> (key * 'a) option

    val split: key -> 'a t -> 'a t * 'a option * 'a t

    val find: key -> 'a t -> 'a

    val find_opt: key -> 'a t -> 'a option

    val find_first: (key -> bool) -> 'a t -> key * 'a

    val find_first_opt: (key -> bool) -> 'a t -> (key * 'a) option

    val find_last: (key -> bool) -> 'a t -> key * 'a

    val find_last_opt: (key -> bool) -> 'a t -> (key * 'a) option

    val map: ('a -> 'b) -> 'a t -> 'b t

    val mapi: (key -> 'a -> 'b) -> 'a t -> 'b t

    val to_seq : 'a t -> (key * 'a) Seq.t

    val to_rev_seq : 'a t -> (key * 'a) Seq.t

    val to_seq_from : key -> 'a t -> (key * 'a) Seq.t

    val add_seq : (key * 'a) Seq.t -> 'a t -> 'a t

    val of_seq : (key * 'a) Seq.t -> 'a t

  end


module Make (Ord : OrderedType) = struct
  type key = Ord.t

  (* AVL trees: the heights of the two subtrees of a node differ by at most 2. *)
  type 'a t = Empty | Node of { l : 'a t; v : key; d : 'a; r : 'a t; h : int }

  let height = function Empty -> 0 | Node { h; _ } -> h

  let create l v d r =
    let hl = height l and hr = height r in
    Node { l; v; d; r; h = (if hl >= hr then hl + 1 else hr + 1) }

  (* Rebuild a node whose subtrees may be unbalanced by up to 3, with single or double
     rotations. *)
  let bal l v d r =
    let hl = height l and hr = height r in
    if hl > hr + 2 then
      match l with
      | Empty -> invalid_arg "Map.bal"
      | Node { l = ll; v = lv; d = ld; r = lr; _ } ->
        if height ll >= height lr then create ll lv ld (create lr v d r)
        else (
          match lr with
          | Empty -> invalid_arg "Map.bal"
          | Node { l = lrl; v = lrv; d = lrd; r = lrr; _ } ->
            create (create ll lv ld lrl) lrv lrd (create lrr v d r))
    else if hr > hl + 2 then
      match r with
      | Empty -> invalid_arg "Map.bal"
      | Node { l = rl; v = rv; d = rd; r = rr; _ } ->
        if height rr >= height rl then create (create l v d rl) rv rd rr
        else (
          match rl with
          | Empty -> invalid_arg "Map.bal"
          | Node { l = rll; v = rlv; d = rld; r = rlr; _ } ->
            create (create l v d rll) rlv rld (create rlr rv rd rr))
    else create l v d r

  let empty = Empty
  let is_empty = function Empty -> true | Node _ -> false
  let singleton x d = Node { l = Empty; v = x; d; r = Empty; h = 1 }

  let rec add x data = function
    | Empty -> singleton x data
    | Node { l; v; d; r; h } as m ->
      let c = Ord.compare x v in
      if c = 0 then if d == data then m else Node { l; v = x; d = data; r; h }
      else if c < 0 then
        let l' = add x data l in
        if l == l' then m else bal l' v d r
      else
        let r' = add x data r in
        if r == r' then m else bal l v d r'

  let rec find x = function
    | Empty -> raise Not_found
    | Node { l; v; d; r; _ } ->
      let c = Ord.compare x v in
      if c = 0 then d else find x (if c < 0 then l else r)

  let rec find_opt x = function
    | Empty -> None
    | Node { l; v; d; r; _ } ->
      let c = Ord.compare x v in
      if c = 0 then Some d else find_opt x (if c < 0 then l else r)

  let rec mem x = function
    | Empty -> false
    | Node { l; v; r; _ } ->
      let c = Ord.compare x v in
      c = 0 || mem x (if c < 0 then l else r)

  (* The first binding whose key satisfies a monotone predicate (false then true). *)
  let rec find_first_opt f = function
    | Empty -> None
    | Node { l; v; d; r; _ } ->
      if f v then (match find_first_opt f l with None -> Some (v, d) | found -> found)
      else find_first_opt f r

  let find_first f m = match find_first_opt f m with Some b -> b | None -> raise Not_found

  (* The last binding whose key satisfies a monotone predicate (true then false). *)
  let rec find_last_opt f = function
    | Empty -> None
    | Node { l; v; d; r; _ } ->
      if f v then (match find_last_opt f r with None -> Some (v, d) | found -> found)
      else find_last_opt f l

  let find_last f m = match find_last_opt f m with Some b -> b | None -> raise Not_found

  let rec min_binding_opt = function
    | Empty -> None
    | Node { l = Empty; v; d; _ } -> Some (v, d)
    | Node { l; _ } -> min_binding_opt l

  let min_binding m = match min_binding_opt m with Some b -> b | None -> raise Not_found

  let rec max_binding_opt = function
    | Empty -> None
    | Node { r = Empty; v; d; _ } -> Some (v, d)
    | Node { r; _ } -> max_binding_opt r

  let max_binding m = match max_binding_opt m with Some b -> b | None -> raise Not_found
  let choose = min_binding
  let choose_opt = min_binding_opt

  let rec remove_min = function
    | Empty -> invalid_arg "Map.remove_min_elt"
    | Node { l = Empty; r; _ } -> r
    | Node { l; v; d; r; _ } -> bal (remove_min l) v d r

  (* Join two trees whose keys are ordered and heights differ by at most 2. *)
  let merge_adjacent t1 t2 =
    match t1, t2 with
    | Empty, t | t, Empty -> t
    | _ ->
      let x, d = min_binding t2 in
      bal t1 x d (remove_min t2)

  let rec remove x = function
    | Empty -> Empty
    | Node { l; v; d; r; _ } as m ->
      let c = Ord.compare x v in
      if c = 0 then merge_adjacent l r
      else if c < 0 then
        let l' = remove x l in
        if l == l' then m else bal l' v d r
      else
        let r' = remove x r in
        if r == r' then m else bal l v d r'

  let rec update x f = function
    | Empty -> (match f None with None -> Empty | Some data -> singleton x data)
    | Node { l; v; d; r; h } as m ->
      let c = Ord.compare x v in
      if c = 0 then (
        match f (Some d) with
        | None -> merge_adjacent l r
        | Some data -> if d == data then m else Node { l; v = x; d = data; r; h })
      else if c < 0 then
        let l' = update x f l in
        if l == l' then m else bal l' v d r
      else
        let r' = update x f r in
        if r == r' then m else bal l v d r'

  let rec iter f = function Empty -> () | Node { l; v; d; r; _ } -> iter f l; f v d; iter f r

  let rec map f = function
    | Empty -> Empty
    | Node { l; v; d; r; h } ->
      let l' = map f l in
      let d' = f d in
      let r' = map f r in
      Node { l = l'; v; d = d'; r = r'; h }

  let rec mapi f = function
    | Empty -> Empty
    | Node { l; v; d; r; h } ->
      let l' = mapi f l in
      let d' = f v d in
      let r' = mapi f r in
      Node { l = l'; v; d = d'; r = r'; h }

  let rec fold f m acc = match m with Empty -> acc | Node { l; v; d; r; _ } -> fold f r (f v d (fold f l acc))
  let rec for_all p = function Empty -> true | Node { l; v; d; r; _ } -> p v d && for_all p l && for_all p r
  let rec exists p = function Empty -> false | Node { l; v; d; r; _ } -> p v d || exists p l || exists p r

  (* Joining trees of any heights around a key. *)
  let rec add_min x d = function Empty -> singleton x d | Node { l; v; d = dv; r; _ } -> bal (add_min x d l) v dv r
  let rec add_max x d = function Empty -> singleton x d | Node { l; v; d = dv; r; _ } -> bal l v dv (add_max x d r)

  let rec join l v d r =
    match l, r with
    | Empty, _ -> add_min v d r
    | _, Empty -> add_max v d l
    | Node { l = ll; v = lv; d = ld; r = lr; h = lh }, Node { l = rl; v = rv; d = rd; r = rr; h = rh } ->
      if lh > rh + 2 then bal ll lv ld (join lr v d r)
      else if rh > lh + 2 then bal (join l v d rl) rv rd rr
      else create l v d r

  let concat t1 t2 =
    match t1, t2 with
    | Empty, t | t, Empty -> t
    | _ ->
      let x, d = min_binding t2 in
      join t1 x d (remove_min t2)

  let concat_or_join t1 v d t2 = match d with Some d -> join t1 v d t2 | None -> concat t1 t2

  let rec split x = function
    | Empty -> (Empty, None, Empty)
    | Node { l; v; d; r; _ } ->
      let c = Ord.compare x v in
      if c = 0 then (l, Some d, r)
      else if c < 0 then
        let ll, pres, rl = split x l in
        (ll, pres, join rl v d r)
      else
        let lr, pres, rr = split x r in
        (join l v d lr, pres, rr)

  let rec merge f s1 s2 =
    match s1, s2 with
    | Empty, Empty -> Empty
    | Node { l = l1; v = v1; d = d1; r = r1; h = h1 }, _ when h1 >= height s2 ->
      let l2, d2, r2 = split v1 s2 in
      let l = merge f l1 l2 in
      let d = f v1 (Some d1) d2 in
      let r = merge f r1 r2 in
      concat_or_join l v1 d r
    | _, Node { l = l2; v = v2; d = d2; r = r2; _ } ->
      let l1, d1, r1 = split v2 s1 in
      let l = merge f l1 l2 in
      let d = f v2 d1 (Some d2) in
      let r = merge f r1 r2 in
      concat_or_join l v2 d r
    | _ -> assert false

  let rec union f s1 s2 =
    match s1, s2 with
    | Empty, s | s, Empty -> s
    | Node { l = l1; v = v1; d = d1; r = r1; h = h1 }, Node { l = l2; v = v2; d = d2; r = r2; h = h2 } ->
      if h1 >= h2 then
        let l2, d2, r2 = split v1 s2 in
        let l = union f l1 l2 and r = union f r1 r2 in
        match d2 with None -> join l v1 d1 r | Some d2 -> concat_or_join l v1 (f v1 d1 d2) r
      else
        let l1, d1, r1 = split v2 s1 in
        let l = union f l1 l2 and r = union f r1 r2 in
        match d1 with None -> join l v2 d2 r | Some d1 -> concat_or_join l v2 (f v2 d1 d2) r

  let rec filter p = function
    | Empty -> Empty
    | Node { l; v; d; r; _ } as m ->
      let l' = filter p l in
      let keep = p v d in
      let r' = filter p r in
      if keep then if l == l' && r == r' then m else join l' v d r' else concat l' r'

  let rec filter_map f = function
    | Empty -> Empty
    | Node { l; v; d; r; _ } ->
      let l' = filter_map f l in
      let d' = f v d in
      let r' = filter_map f r in
      (match d' with Some d' -> join l' v d' r' | None -> concat l' r')

  let rec partition p = function
    | Empty -> (Empty, Empty)
    | Node { l; v; d; r; _ } ->
      let lt, lf = partition p l in
      let keep = p v d in
      let rt, rf = partition p r in
      if keep then (join lt v d rt, concat lf rf) else (concat lt rt, join lf v d rf)

  (* Comparisons walk both maps in order through an explicit stack of right spines. *)
  type 'a enumeration = End | More of key * 'a * 'a t * 'a enumeration

  let rec cons_enum m e = match m with Empty -> e | Node { l; v; d; r; _ } -> cons_enum l (More (v, d, r, e))

  let compare cmp m1 m2 =
    let rec go e1 e2 =
      match e1, e2 with
      | End, End -> 0
      | End, _ -> -1
      | _, End -> 1
      | More (v1, d1, r1, e1), More (v2, d2, r2, e2) ->
        let c = Ord.compare v1 v2 in
        if c <> 0 then c
        else
          let c = cmp d1 d2 in
          if c <> 0 then c else go (cons_enum r1 e1) (cons_enum r2 e2)
    in
    go (cons_enum m1 End) (cons_enum m2 End)

  let equal eq m1 m2 =
    let rec go e1 e2 =
      match e1, e2 with
      | End, End -> true
      | End, _ | _, End -> false
      | More (v1, d1, r1, e1), More (v2, d2, r2, e2) ->
        Ord.compare v1 v2 = 0 && eq d1 d2 && go (cons_enum r1 e1) (cons_enum r2 e2)
    in
    go (cons_enum m1 End) (cons_enum m2 End)

  let rec cardinal = function Empty -> 0 | Node { l; r; _ } -> cardinal l + 1 + cardinal r

  let bindings m = fold (fun k d acc -> (k, d) :: acc) m [] |> List.rev

  let rec seq_of_enum e () =
    match e with End -> Seq.Nil | More (k, d, r, e) -> Seq.Cons ((k, d), seq_of_enum (cons_enum r e))

  let to_seq m = seq_of_enum (cons_enum m End)

  let rec snoc_enum m e = match m with Empty -> e | Node { l; v; d; r; _ } -> snoc_enum r (More (v, d, l, e))

  let rec rev_seq_of_enum e () =
    match e with End -> Seq.Nil | More (k, d, l, e) -> Seq.Cons ((k, d), rev_seq_of_enum (snoc_enum l e))

  let to_rev_seq m = rev_seq_of_enum (snoc_enum m End)

  (* The enumeration of the bindings with keys >= low. *)
  let to_seq_from low m =
    let rec from m e =
      match m with
      | Empty -> e
      | Node { l; v; d; r; _ } ->
        let c = Ord.compare v low in
        if c = 0 then More (v, d, r, e) else if c < 0 then from r e else from l (More (v, d, r, e))
    in
    seq_of_enum (from m End)

  let add_seq s m = Seq.fold_left (fun m (k, d) -> add k d m) m s
  let of_seq s = add_seq s empty
end
