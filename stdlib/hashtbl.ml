(* Hash tables with separate chaining. The layout follows OCaml's so that iteration order is
   the same: a power-of-two array of buckets indexed by the low bits of the hash, new bindings
   at the head of their bucket, the array doubled when there are more than two bindings per
   bucket, and rehashing that keeps the order of each bucket. *)

external seeded_hash_param : int -> int -> int -> 'a -> int = "caml_hash"

let hash x = seeded_hash_param 10 100 0 x
let seeded_hash seed x = seeded_hash_param 10 100 seed x
let hash_param meaningful total x = seeded_hash_param meaningful total 0 x

type ('a, 'b) bucket = Empty | Cons of { mutable key : 'a; mutable data : 'b; mutable next : ('a, 'b) bucket }

type ('a, 'b) t = {
  mutable size : int;
  mutable data : ('a, 'b) bucket array;
  seed : int;
  initial_size : int;
}

(* Randomization: on when OCAMLRUNPARAM (or CAMLRUNPARAM) contains 'R', or after [randomize]. *)
let randomized =
  let params =
    match Sys.getenv_opt "OCAMLRUNPARAM" with
    | Some p -> p
    | None -> (match Sys.getenv_opt "CAMLRUNPARAM" with Some p -> p | None -> "")
  in
  ref (String.contains params 'R')

let randomize () = randomized := true
let is_randomized () = !randomized

let prng = lazy (Random.State.make_self_init ())

let rec power_of_two_above x n =
  if x >= n then x else if x * 2 > Sys.max_array_length then x else power_of_two_above (x * 2) n

let create ?(random = !randomized) n =
  let n = power_of_two_above 16 n in
  let seed = if random then Random.State.bits (Lazy.force prng) else 0 in
  { size = 0; data = Array.make n Empty; seed; initial_size = n }

let clear h =
  if h.size > 0 then begin
    h.size <- 0;
    Array.fill h.data 0 (Array.length h.data) Empty
  end

let reset h =
  if Array.length h.data = abs h.initial_size then clear h
  else begin
    h.size <- 0;
    h.data <- Array.make (abs h.initial_size) Empty
  end

let copy_bucket b =
  let rec copy = function
    | Empty -> Empty
    | Cons { key; data; next } -> Cons { key; data; next = copy next }
  in
  copy b

let copy h = { h with data = Array.map copy_bucket h.data }
let length h = h.size

(* Move every binding into [ndata], appending to the tail of its new bucket so that the
   relative order of bindings that stay together is preserved. *)
let rehash_into index odata ndata =
  let n = Array.length ndata in
  let tails = Array.make n Empty in
  let rec move = function
    | Empty -> ()
    | Cons cell as node ->
      let next = cell.next in
      let i = index cell.key in
      cell.next <- Empty;
      (match tails.(i) with
       | Empty -> ndata.(i) <- node
       | Cons tail -> tail.next <- node);
      tails.(i) <- node;
      move next
  in
  Array.iter move odata;
  ignore n

let resize index h =
  let odata = h.data in
  let osize = Array.length odata in
  let nsize = osize * 2 in
  if nsize < Sys.max_array_length then begin
    let ndata = Array.make nsize Empty in
    h.data <- ndata;
    rehash_into (index h) odata ndata
  end

let key_index h key = seeded_hash_param 10 100 h.seed key land (Array.length h.data - 1)

let add h key data =
  let i = key_index h key in
  h.data.(i) <- Cons { key; data; next = h.data.(i) };
  h.size <- h.size + 1;
  if h.size > 2 * Array.length h.data then resize key_index h

(* Generic versions of the operations, parameterized by the key equality and the index
   function, shared by the polymorphic table and the functors. *)

let remove_with eq index h key =
  let i = index h key in
  let rec go prev = function
    | Empty -> ()
    | Cons cell as node ->
      if eq cell.key key then begin
        h.size <- h.size - 1;
        match prev with Empty -> h.data.(i) <- cell.next | Cons p -> p.next <- cell.next
      end
      else go node cell.next
  in
  go Empty h.data.(i)

let find_with eq index h key =
  let rec go = function Empty -> raise Not_found | Cons c -> if eq c.key key then c.data else go c.next in
  go h.data.(index h key)

let find_opt_with eq index h key =
  let rec go = function Empty -> None | Cons c -> if eq c.key key then Some c.data else go c.next in
  go h.data.(index h key)

let find_all_with eq index h key =
  let rec go = function
    | Empty -> []
    | Cons c -> if eq c.key key then c.data :: go c.next else go c.next
  in
  go h.data.(index h key)

let replace_with eq index h key data =
  let i = index h key in
  let rec go = function
    | Empty -> false
    | Cons c -> if eq c.key key then (c.key <- key; c.data <- data; true) else go c.next
  in
  if not (go h.data.(i)) then begin
    h.data.(i) <- Cons { key; data; next = h.data.(i) };
    h.size <- h.size + 1;
    if h.size > 2 * Array.length h.data then resize index h
  end

let mem_with eq index h key =
  let rec go = function Empty -> false | Cons c -> eq c.key key || go c.next in
  go h.data.(index h key)

(* The polymorphic table's versions compare keys directly with [compare]: the same code as the
   generic versions, without a closure call per binding visited. *)

let remove h key =
  let i = key_index h key in
  let rec go prev = function
    | Empty -> ()
    | Cons cell as node ->
      if compare cell.key key = 0 then begin
        h.size <- h.size - 1;
        match prev with Empty -> h.data.(i) <- cell.next | Cons p -> p.next <- cell.next
      end
      else go node cell.next
  in
  go Empty h.data.(i)

let find h key =
  let rec go = function
    | Empty -> raise Not_found
    | Cons c -> if compare c.key key = 0 then c.data else go c.next
  in
  go h.data.(key_index h key)

let find_opt h key =
  let rec go = function
    | Empty -> None
    | Cons c -> if compare c.key key = 0 then Some c.data else go c.next
  in
  go h.data.(key_index h key)

let find_all h key =
  let rec go = function
    | Empty -> []
    | Cons c -> if compare c.key key = 0 then c.data :: go c.next else go c.next
  in
  go h.data.(key_index h key)

let replace h key data =
  let i = key_index h key in
  let rec go = function
    | Empty -> false
    | Cons c -> if compare c.key key = 0 then (c.key <- key; c.data <- data; true) else go c.next
  in
  if not (go h.data.(i)) then begin
    h.data.(i) <- Cons { key; data; next = h.data.(i) };
    h.size <- h.size + 1;
    if h.size > 2 * Array.length h.data then resize key_index h
  end

let mem h key =
  let rec go = function Empty -> false | Cons c -> compare c.key key = 0 || go c.next in
  go h.data.(key_index h key)

(* Traversals: buckets in index order, each from head to tail. *)

let iter f h =
  let rec go = function Empty -> () | Cons c -> f c.key c.data; go c.next in
  Array.iter go h.data

let fold f h init =
  let rec go acc = function Empty -> acc | Cons c -> go (f c.key c.data acc) c.next in
  Array.fold_left go init h.data

let filter_map_inplace f h =
  Array.iteri
    (fun i bucket ->
      (* rebuild the bucket keeping order, with the surviving bindings updated in place *)
      let rec go prev = function
        | Empty -> (match prev with Empty -> h.data.(i) <- Empty | Cons p -> p.next <- Empty)
        | Cons c as node ->
          (match f c.key c.data with
           | None ->
             h.size <- h.size - 1;
             go prev c.next
           | Some data ->
             c.data <- data;
             (match prev with Empty -> h.data.(i) <- node | Cons p -> p.next <- node);
             go node c.next)
      in
      go Empty bucket)
    h.data

type statistics = {
  num_bindings : int;
  num_buckets : int;
  max_bucket_length : int;
  bucket_histogram : int array;
}

let stats h =
  let rec len n = function Empty -> n | Cons c -> len (n + 1) c.next in
  let longest = Array.fold_left (fun m b -> max m (len 0 b)) 0 h.data in
  let histogram = Array.make (longest + 1) 0 in
  Array.iter (fun b -> let l = len 0 b in histogram.(l) <- histogram.(l) + 1) h.data;
  { num_bindings = h.size; num_buckets = Array.length h.data; max_bucket_length = longest; bucket_histogram = histogram }

let to_seq h =
  let data = h.data in
  let rec from i bucket () =
    match bucket with
    | Cons c -> Seq.Cons ((c.key, c.data), from i c.next)
    | Empty -> if i < Array.length data then from (i + 1) data.(i) () else Seq.Nil
  in
  from 0 Empty

let to_seq_keys h = Seq.map fst (to_seq h)
let to_seq_values h = Seq.map snd (to_seq h)
let add_seq h s = Seq.iter (fun (k, v) -> add h k v) s
let replace_seq h s = Seq.iter (fun (k, v) -> replace h k v) s

let of_seq s =
  let h = create 16 in
  replace_seq h s;
  h

(* A fresh table with the same bindings; buckets are re-filled oldest binding first so that
   the order of equal keys is kept. *)
let rebuild ?(random = !randomized) h =
  let n = power_of_two_above 16 (Array.length h.data) in
  let seed = if random then Random.State.bits (Lazy.force prng) else 0 in
  let r = { size = h.size; data = Array.make n Empty; seed; initial_size = h.initial_size } in
  let copied = Array.map copy_bucket h.data in
  rehash_into (key_index r) copied r.data;
  r

(* Functorial interface *)

module type HashedType = sig
  type t

  val equal : t -> t -> bool
  val hash : t -> int
end

module type S = sig
  type key
  type !'a t

  val create : int -> 'a t
  val clear : 'a t -> unit
  val reset : 'a t -> unit
  val copy : 'a t -> 'a t
  val add : 'a t -> key -> 'a -> unit
  val remove : 'a t -> key -> unit
  val find : 'a t -> key -> 'a
  val find_opt : 'a t -> key -> 'a option
  val find_all : 'a t -> key -> 'a list
  val replace : 'a t -> key -> 'a -> unit
  val mem : 'a t -> key -> bool
  val iter : (key -> 'a -> unit) -> 'a t -> unit
  val filter_map_inplace : (key -> 'a -> 'a option) -> 'a t -> unit
  val fold : (key -> 'a -> 'b -> 'b) -> 'a t -> 'b -> 'b
  val length : 'a t -> int
  val stats : 'a t -> statistics
  val to_seq : 'a t -> (key * 'a) Seq.t
  val to_seq_keys : _ t -> key Seq.t
  val to_seq_values : 'a t -> 'a Seq.t
  val add_seq : 'a t -> (key * 'a) Seq.t -> unit
  val replace_seq : 'a t -> (key * 'a) Seq.t -> unit
  val of_seq : (key * 'a) Seq.t -> 'a t
end

module type SeededHashedType = sig
  type t

  val equal : t -> t -> bool
  val hash : int -> t -> int
end

module type SeededS = sig
  type key
  type !'a t

  val create : ?random:bool -> int -> 'a t
  val clear : 'a t -> unit
  val reset : 'a t -> unit
  val copy : 'a t -> 'a t
  val add : 'a t -> key -> 'a -> unit
  val remove : 'a t -> key -> unit
  val find : 'a t -> key -> 'a
  val find_opt : 'a t -> key -> 'a option
  val find_all : 'a t -> key -> 'a list
  val replace : 'a t -> key -> 'a -> unit
  val mem : 'a t -> key -> bool
  val iter : (key -> 'a -> unit) -> 'a t -> unit
  val filter_map_inplace : (key -> 'a -> 'a option) -> 'a t -> unit
  val fold : (key -> 'a -> 'b -> 'b) -> 'a t -> 'b -> 'b
  val length : 'a t -> int
  val stats : 'a t -> statistics
  val to_seq : 'a t -> (key * 'a) Seq.t
  val to_seq_keys : _ t -> key Seq.t
  val to_seq_values : 'a t -> 'a Seq.t
  val add_seq : 'a t -> (key * 'a) Seq.t -> unit
  val replace_seq : 'a t -> (key * 'a) Seq.t -> unit
  val of_seq : (key * 'a) Seq.t -> 'a t
end

module MakeSeeded (H : SeededHashedType) : SeededS with type key = H.t = struct
  type key = H.t
  type 'a hashtbl = (key, 'a) t
  type 'a t = 'a hashtbl

  let create = create
  let clear = clear
  let reset = reset
  let copy = copy
  let index h key = H.hash h.seed key land (Array.length h.data - 1)

  let add h key data =
    let i = index h key in
    h.data.(i) <- Cons { key; data; next = h.data.(i) };
    h.size <- h.size + 1;
    if h.size > 2 * Array.length h.data then resize index h

  let remove h key = remove_with H.equal index h key
  let find h key = find_with H.equal index h key
  let find_opt h key = find_opt_with H.equal index h key
  let find_all h key = find_all_with H.equal index h key
  let replace h key data = replace_with H.equal index h key data
  let mem h key = mem_with H.equal index h key
  let iter = iter
  let filter_map_inplace = filter_map_inplace
  let fold = fold
  let length = length
  let stats = stats
  let to_seq = to_seq
  let to_seq_keys = to_seq_keys
  let to_seq_values = to_seq_values
  let add_seq h s = Seq.iter (fun (k, v) -> add h k v) s
  let replace_seq h s = Seq.iter (fun (k, v) -> replace h k v) s

  let of_seq s =
    let h = create 16 in
    replace_seq h s;
    h
end

module Make (H : HashedType) : S with type key = H.t = struct
  include MakeSeeded (struct
    type t = H.t

    let equal = H.equal
    let hash (_ : int) x = H.hash x
  end)

  let create n = create ~random:false n

  let of_seq s =
    let h = create 16 in
    replace_seq h s;
    h
end
