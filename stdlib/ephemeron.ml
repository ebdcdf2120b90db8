(* Ephemerons (over Obj.Ephemeron) and hash tables whose bindings live in ephemerons: a binding
   disappears once its key is collected. (ocaml-jit's runtime holds ephemeron keys strongly for
   now, so bindings only disappear when removed; the tables are written for the real thing:
   dead bindings are skipped and cleaned.) *)

module type S = sig
  include Hashtbl.S

  val clean : 'a t -> unit
  val stats_alive : 'a t -> Hashtbl.statistics
end

module type SeededS = sig
  include Hashtbl.SeededS

  val clean : 'a t -> unit
  val stats_alive : 'a t -> Hashtbl.statistics
end

module GenHashTable = struct
  type equal = ETrue | EFalse | EDead

  module MakeSeeded (H : sig
    type t
    type 'a container

    val hash : int -> t -> int
    val equal : 'a container -> t -> equal
    val create : t -> 'a -> 'a container
    val get_key : 'a container -> t option
    val get_data : 'a container -> 'a option
    val set_key_data : 'a container -> t -> 'a -> unit
    val check_key : 'a container -> bool
  end) =
  struct
    type key = H.t

    (* Each binding keeps its key's hash, so that resizing never needs the (maybe dead) key. *)
    type 'a bucket = Empty | Cons of int * 'a H.container * 'a bucket

    type 'a t = {
      mutable size : int;
      mutable buckets : 'a bucket array;
      seed : int;
      initial_size : int;
    }

    let rec power_of_two_above x n =
      if x >= n || x * 2 > Sys.max_array_length then x else power_of_two_above (x * 2) n

    let prng = lazy (Random.State.make_self_init ())

    let create ?(random = Hashtbl.is_randomized ()) n =
      let n = power_of_two_above 16 n in
      let seed = if random then Random.State.bits (Lazy.force prng) else 0 in
      { size = 0; buckets = Array.make n Empty; seed; initial_size = n }

    let clear h =
      h.size <- 0;
      Array.fill h.buckets 0 (Array.length h.buckets) Empty

    let reset h =
      if Array.length h.buckets = h.initial_size then clear h
      else begin
        h.size <- 0;
        h.buckets <- Array.make h.initial_size Empty
      end

    let copy h = { h with buckets = Array.copy h.buckets }
    let key_index h hkey = hkey land (Array.length h.buckets - 1)

    (* Drop the bindings whose key is dead. *)
    let clean h =
      let rec purge = function
        | Empty -> Empty
        | Cons (hk, c, rest) ->
          if H.check_key c then Cons (hk, c, purge rest)
          else begin
            h.size <- h.size - 1;
            purge rest
          end
      in
      Array.iteri (fun i b -> h.buckets.(i) <- purge b) h.buckets

    let resize h =
      let old = h.buckets in
      let size = Array.length old * 2 in
      if size < Sys.max_array_length then begin
        let fresh = Array.make size Empty in
        h.buckets <- fresh;
        (* Oldest bindings first, so that each bucket keeps its order. *)
        let rec insert = function
          | Empty -> ()
          | Cons (hk, c, rest) ->
            insert rest;
            let i = key_index h hk in
            fresh.(i) <- Cons (hk, c, fresh.(i))
        in
        Array.iter insert old
      end

    let add h key data =
      let hk = H.hash h.seed key in
      let i = key_index h hk in
      h.buckets.(i) <- Cons (hk, H.create key data, h.buckets.(i));
      h.size <- h.size + 1;
      if h.size > Array.length h.buckets lsl 1 then begin
        clean h;
        if h.size > Array.length h.buckets lsl 1 then resize h
      end

    let remove h key =
      let hk = H.hash h.seed key in
      let rec remove_first = function
        | Empty -> Empty
        | Cons (hk', c, rest) when hk = hk' -> (
            match H.equal c key with
            | ETrue -> h.size <- h.size - 1; rest
            | EFalse -> Cons (hk', c, remove_first rest)
            | EDead -> h.size <- h.size - 1; remove_first rest)
        | Cons (hk', c, rest) -> Cons (hk', c, remove_first rest)
      in
      let i = key_index h hk in
      h.buckets.(i) <- remove_first h.buckets.(i)

    let find_opt h key =
      let hk = H.hash h.seed key in
      let rec search = function
        | Empty -> None
        | Cons (hk', c, rest) when hk = hk' -> (
            match H.equal c key with
            | ETrue -> (match H.get_data c with Some d -> Some d | None -> search rest)
            | EFalse | EDead -> search rest)
        | Cons (_, _, rest) -> search rest
      in
      search h.buckets.(key_index h hk)

    let find h key = match find_opt h key with Some d -> d | None -> raise Not_found

    let find_all h key =
      let hk = H.hash h.seed key in
      let rec search = function
        | Empty -> []
        | Cons (hk', c, rest) when hk = hk' -> (
            match H.equal c key with
            | ETrue -> (match H.get_data c with Some d -> d :: search rest | None -> search rest)
            | EFalse | EDead -> search rest)
        | Cons (_, _, rest) -> search rest
      in
      search h.buckets.(key_index h hk)

    let replace h key data =
      let hk = H.hash h.seed key in
      let rec set = function
        | Empty -> false
        | Cons (hk', c, rest) ->
          if hk = hk' && H.equal c key = ETrue then (H.set_key_data c key data; true) else set rest
      in
      if not (set h.buckets.(key_index h hk)) then add h key data

    let mem h key = find_opt h key <> None

    let iter f h =
      let rec walk = function
        | Empty -> ()
        | Cons (_, c, rest) ->
          (match H.get_key c, H.get_data c with Some k, Some d -> f k d | _ -> ());
          walk rest
      in
      Array.iter walk h.buckets

    let fold f h init =
      let rec walk acc = function
        | Empty -> acc
        | Cons (_, c, rest) ->
          let acc = match H.get_key c, H.get_data c with Some k, Some d -> f k d acc | _ -> acc in
          walk acc rest
      in
      Array.fold_left walk init h.buckets

    let filter_map_inplace f h =
      let rec walk = function
        | Empty -> Empty
        | Cons (hk, c, rest) -> (
            match H.get_key c, H.get_data c with
            | Some k, Some d -> (
                match f k d with
                | Some d' -> H.set_key_data c k d'; Cons (hk, c, walk rest)
                | None -> h.size <- h.size - 1; walk rest)
            | _ -> h.size <- h.size - 1; walk rest)
      in
      Array.iteri (fun i b -> h.buckets.(i) <- walk b) h.buckets

    let length h = h.size

    let statistics h count_binding =
      let rec bucket_length n = function
        | Empty -> n
        | Cons (_, c, rest) -> bucket_length (if count_binding c then n + 1 else n) rest
      in
      let lengths = Array.map (bucket_length 0) h.buckets in
      let longest = Array.fold_left max 0 lengths in
      let histogram = Array.make (longest + 1) 0 in
      Array.iter (fun n -> histogram.(n) <- histogram.(n) + 1) lengths;
      { Hashtbl.num_bindings = Array.fold_left ( + ) 0 lengths; num_buckets = Array.length h.buckets;
        max_bucket_length = longest; bucket_histogram = histogram }

    let stats h = statistics h (fun _ -> true)
    let stats_alive h = statistics h H.check_key

    let to_seq h =
      let rec from_bucket i b () =
        match b with
        | Cons (_, c, rest) -> (
            match H.get_key c, H.get_data c with
            | Some k, Some d -> Seq.Cons ((k, d), from_bucket i rest)
            | _ -> from_bucket i rest ())
        | Empty ->
          if i + 1 < Array.length h.buckets then from_bucket (i + 1) h.buckets.(i + 1) () else Seq.Nil
      in
      from_bucket (-1) Empty

    let to_seq_keys h = Seq.map fst (to_seq h)
    let to_seq_values h = Seq.map snd (to_seq h)
    let add_seq h seq = Seq.iter (fun (k, d) -> add h k d) seq
    let replace_seq h seq = Seq.iter (fun (k, d) -> replace h k d) seq

    let of_seq seq =
      let h = create 16 in
      replace_seq h seq;
      h
  end
end

(* A seeded table made unseeded, for the Make functors. *)
module Unseeded (T : SeededS) = struct
  include T

  let create n = T.create ~random:false n

  let of_seq seq =
    let h = create 16 in
    replace_seq h seq;
    h
end

module K1 = struct
  type ('k, 'd) t = Obj.Ephemeron.t

  let create () : ('k, 'd) t = Obj.Ephemeron.create 1
  let get_key (e : ('k, 'd) t) : 'k option = Obj.magic (Obj.Ephemeron.get_key e 0)
  let get_key_copy (e : ('k, 'd) t) : 'k option = Obj.magic (Obj.Ephemeron.get_key_copy e 0)
  let set_key (e : ('k, 'd) t) (k : 'k) = Obj.Ephemeron.set_key e 0 (Obj.repr k)
  let unset_key (e : ('k, 'd) t) = Obj.Ephemeron.unset_key e 0
  let check_key (e : ('k, 'd) t) = Obj.Ephemeron.check_key e 0
  let blit_key (e1 : ('k, _) t) (e2 : ('k, _) t) = Obj.Ephemeron.blit_key e1 0 e2 0 1
  let get_data (e : ('k, 'd) t) : 'd option = Obj.magic (Obj.Ephemeron.get_data e)
  let get_data_copy (e : ('k, 'd) t) : 'd option = Obj.magic (Obj.Ephemeron.get_data_copy e)
  let set_data (e : ('k, 'd) t) (d : 'd) = Obj.Ephemeron.set_data e (Obj.repr d)
  let unset_data (e : ('k, 'd) t) = Obj.Ephemeron.unset_data e
  let check_data (e : ('k, 'd) t) = Obj.Ephemeron.check_data e
  let blit_data (e1 : (_, 'd) t) (e2 : (_, 'd) t) = Obj.Ephemeron.blit_data e1 e2

  let make key data =
    let e = create () in
    set_key e key;
    set_data e data;
    e

  let query e key =
    match get_key e with
    | Some k when k == key -> get_data e
    | _ -> None

  type ('k, 'd) ephemeron = ('k, 'd) t

  module MakeSeeded (H : Hashtbl.SeededHashedType) =
    GenHashTable.MakeSeeded (struct
      type t = H.t
      type 'a container = (H.t, 'a) ephemeron

      let hash = H.hash

      let equal c k =
        match get_key c with
        | None -> GenHashTable.EDead
        | Some k' -> if H.equal k k' then GenHashTable.ETrue else GenHashTable.EFalse

      let create k d = make k d
      let get_key = get_key
      let get_data = get_data
      let set_key_data c k d = unset_data c; set_key c k; set_data c d
      let check_key = check_key
    end)

  module Make (H : Hashtbl.HashedType) = struct
    module Table = MakeSeeded (struct
      type t = H.t

      let equal = H.equal
      let hash (_ : int) x = H.hash x
    end)

    include Unseeded (Table)
  end

  (* A bucket: ephemerons, newest first. *)
  let make_ephemeron = make

  module Bucket = struct
    type nonrec ('k, 'd) t = ('k, 'd) t list ref

    let make () = ref []
    let add b k d = b := make_ephemeron k d :: !b

    let remove b k =
      let rec drop = function
        | [] -> []
        | e :: rest -> if query e k <> None then rest else e :: drop rest
      in
      b := drop !b

    let find b k = List.find_map (fun e -> query e k) !b
    let length b = List.length !b
    let clear b = b := []
  end
end

module K2 = struct
  type ('k1, 'k2, 'd) t = Obj.Ephemeron.t

  let create () : ('k1, 'k2, 'd) t = Obj.Ephemeron.create 2
  let get_key1 (e : ('k1, 'k2, 'd) t) : 'k1 option = Obj.magic (Obj.Ephemeron.get_key e 0)
  let get_key1_copy (e : ('k1, 'k2, 'd) t) : 'k1 option = Obj.magic (Obj.Ephemeron.get_key_copy e 0)
  let set_key1 (e : ('k1, 'k2, 'd) t) (k : 'k1) = Obj.Ephemeron.set_key e 0 (Obj.repr k)
  let unset_key1 (e : ('k1, 'k2, 'd) t) = Obj.Ephemeron.unset_key e 0
  let check_key1 (e : ('k1, 'k2, 'd) t) = Obj.Ephemeron.check_key e 0
  let get_key2 (e : ('k1, 'k2, 'd) t) : 'k2 option = Obj.magic (Obj.Ephemeron.get_key e 1)
  let get_key2_copy (e : ('k1, 'k2, 'd) t) : 'k2 option = Obj.magic (Obj.Ephemeron.get_key_copy e 1)
  let set_key2 (e : ('k1, 'k2, 'd) t) (k : 'k2) = Obj.Ephemeron.set_key e 1 (Obj.repr k)
  let unset_key2 (e : ('k1, 'k2, 'd) t) = Obj.Ephemeron.unset_key e 1
  let check_key2 (e : ('k1, 'k2, 'd) t) = Obj.Ephemeron.check_key e 1
  let blit_key1 (e1 : ('k1, _, _) t) (e2 : ('k1, _, _) t) = Obj.Ephemeron.blit_key e1 0 e2 0 1
  let blit_key2 (e1 : (_, 'k2, _) t) (e2 : (_, 'k2, _) t) = Obj.Ephemeron.blit_key e1 1 e2 1 1
  let blit_key12 (e1 : ('k1, 'k2, _) t) (e2 : ('k1, 'k2, _) t) = Obj.Ephemeron.blit_key e1 0 e2 0 2
  let get_data (e : ('k1, 'k2, 'd) t) : 'd option = Obj.magic (Obj.Ephemeron.get_data e)
  let get_data_copy (e : ('k1, 'k2, 'd) t) : 'd option = Obj.magic (Obj.Ephemeron.get_data_copy e)
  let set_data (e : ('k1, 'k2, 'd) t) (d : 'd) = Obj.Ephemeron.set_data e (Obj.repr d)
  let unset_data (e : ('k1, 'k2, 'd) t) = Obj.Ephemeron.unset_data e
  let check_data (e : ('k1, 'k2, 'd) t) = Obj.Ephemeron.check_data e
  let blit_data (e1 : ('k1, 'k2, 'd) t) (e2 : ('k1, 'k2, 'd) t) = Obj.Ephemeron.blit_data e1 e2

  let make k1 k2 d =
    let e = create () in
    set_key1 e k1;
    set_key2 e k2;
    set_data e d;
    e

  let query e k1 k2 =
    match get_key1 e, get_key2 e with
    | Some k1', Some k2' when k1' == k1 && k2' == k2 -> get_data e
    | _ -> None

  type ('k1, 'k2, 'd) ephemeron = ('k1, 'k2, 'd) t

  module MakeSeeded (H1 : Hashtbl.SeededHashedType) (H2 : Hashtbl.SeededHashedType) =
    GenHashTable.MakeSeeded (struct
      type t = H1.t * H2.t
      type 'a container = (H1.t, H2.t, 'a) ephemeron

      let hash seed (k1, k2) = H1.hash seed k1 + (H2.hash seed k2 * 65599)

      let equal c (k1, k2) =
        match get_key1 c, get_key2 c with
        | Some k1', Some k2' ->
          if H1.equal k1 k1' && H2.equal k2 k2' then GenHashTable.ETrue else GenHashTable.EFalse
        | _ -> GenHashTable.EDead

      let create (k1, k2) d = make k1 k2 d

      let get_key c =
        match get_key1 c, get_key2 c with Some k1, Some k2 -> Some (k1, k2) | _ -> None

      let get_data = get_data
      let set_key_data c (k1, k2) d = unset_data c; set_key1 c k1; set_key2 c k2; set_data c d
      let check_key c = check_key1 c && check_key2 c
    end)

  module Make (H1 : Hashtbl.HashedType) (H2 : Hashtbl.HashedType) = struct
    module Table = MakeSeeded
         (struct
           type t = H1.t
           let equal = H1.equal
           let hash (_ : int) x = H1.hash x
         end)
         (struct
           type t = H2.t
           let equal = H2.equal
           let hash (_ : int) x = H2.hash x
         end)

    include Unseeded (Table)
  end

  let make_ephemeron = make

  module Bucket = struct
    type nonrec ('k1, 'k2, 'd) t = ('k1, 'k2, 'd) t list ref

    let make () = ref []
    let add b k1 k2 d = b := make_ephemeron k1 k2 d :: !b

    let remove b k1 k2 =
      let rec drop = function
        | [] -> []
        | e :: rest -> if query e k1 k2 <> None then rest else e :: drop rest
      in
      b := drop !b

    let find b k1 k2 = List.find_map (fun e -> query e k1 k2) !b
    let length b = List.length !b
    let clear b = b := []
  end
end

module Kn = struct
  type ('k, 'd) t = Obj.Ephemeron.t

  let create n : ('k, 'd) t = Obj.Ephemeron.create n
  let length (e : ('k, 'd) t) = Obj.Ephemeron.length e
  let get_key (e : ('k, 'd) t) i : 'k option = Obj.magic (Obj.Ephemeron.get_key e i)
  let get_key_copy (e : ('k, 'd) t) i : 'k option = Obj.magic (Obj.Ephemeron.get_key_copy e i)
  let set_key (e : ('k, 'd) t) i (k : 'k) = Obj.Ephemeron.set_key e i (Obj.repr k)
  let unset_key (e : ('k, 'd) t) i = Obj.Ephemeron.unset_key e i
  let check_key (e : ('k, 'd) t) i = Obj.Ephemeron.check_key e i
  let blit_key (e1 : ('k, _) t) o1 (e2 : ('k, _) t) o2 n = Obj.Ephemeron.blit_key e1 o1 e2 o2 n
  let get_data (e : ('k, 'd) t) : 'd option = Obj.magic (Obj.Ephemeron.get_data e)
  let get_data_copy (e : ('k, 'd) t) : 'd option = Obj.magic (Obj.Ephemeron.get_data_copy e)
  let set_data (e : ('k, 'd) t) (d : 'd) = Obj.Ephemeron.set_data e (Obj.repr d)
  let unset_data (e : ('k, 'd) t) = Obj.Ephemeron.unset_data e
  let check_data (e : ('k, 'd) t) = Obj.Ephemeron.check_data e
  let blit_data (e1 : ('k, 'd) t) (e2 : ('k, 'd) t) = Obj.Ephemeron.blit_data e1 e2

  let make keys d =
    let e = create (Array.length keys) in
    Array.iteri (fun i k -> set_key e i k) keys;
    set_data e d;
    e

  let query e keys =
    let n = length e in
    if n <> Array.length keys then None
    else
      let rec same i = i >= n || (match get_key e i with Some k -> k == keys.(i) && same (i + 1) | None -> false) in
      if same 0 then get_data e else None

  let all_keys e =
    let n = length e in
    let rec collect i acc =
      if i < 0 then Some (Array.of_list acc)
      else match get_key e i with Some k -> collect (i - 1) (k :: acc) | None -> None
    in
    collect (n - 1) []

  type ('k, 'd) ephemeron = ('k, 'd) t

  module MakeSeeded (H : Hashtbl.SeededHashedType) =
    GenHashTable.MakeSeeded (struct
      type t = H.t array
      type 'a container = (H.t, 'a) ephemeron

      let hash seed keys =
        let h = ref 0 in
        Array.iter (fun k -> h := (H.hash seed k * 65599) + !h) keys;
        !h

      let equal c keys =
        let n = length c in
        if n <> Array.length keys then GenHashTable.EFalse
        else
          let rec compare_from i =
            if i < 0 then GenHashTable.ETrue
            else match get_key c i with
              | None -> GenHashTable.EDead
              | Some k -> if H.equal k keys.(i) then compare_from (i - 1) else GenHashTable.EFalse
          in
          compare_from (n - 1)

      let create keys d = make keys d
      let get_key = all_keys
      let get_data = get_data

      let set_key_data c keys d =
        unset_data c;
        Array.iteri (fun i k -> set_key c i k) keys;
        set_data c d

      let check_key c =
        let rec alive i = i < 0 || (check_key c i && alive (i - 1)) in
        alive (length c - 1)
    end)

  module Make (H : Hashtbl.HashedType) = struct
    module Table = MakeSeeded (struct
      type t = H.t
      let equal = H.equal
      let hash (_ : int) x = H.hash x
    end)

    include Unseeded (Table)
  end

  let make_ephemeron = make

  module Bucket = struct
    type nonrec ('k, 'd) t = ('k, 'd) t list ref

    let make () = ref []
    let add b keys d = b := make_ephemeron keys d :: !b

    let remove b keys =
      let rec drop = function
        | [] -> []
        | e :: rest -> if query e keys <> None then rest else e :: drop rest
      in
      b := drop !b

    let find b keys = List.find_map (fun e -> query e keys) !b
    let length b = List.length !b
    let clear b = b := []
  end
end
