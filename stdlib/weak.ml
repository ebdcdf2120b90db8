(* Weak arrays (over the runtime's ephemeron primitives) and weak hash sets. *)

type !'a t

external create_raw : int -> 'a t = "caml_weak_create"

let create n =
  if n < 0 || n > Obj.Ephemeron.max_ephe_length then invalid_arg "Weak.create";
  create_raw n

(* A weak array is an ephemeron block: two header fields, then the slots. *)
let length w = Obj.size (Obj.repr w) - 2

let check_index w i name = if i < 0 || i >= length w then invalid_arg name

external set_key : 'a t -> int -> 'a -> unit = "caml_ephe_set_key"
external unset_key : 'a t -> int -> unit = "caml_ephe_unset_key"
external get_raw : 'a t -> int -> 'a option = "caml_weak_get"
external get_copy_raw : 'a t -> int -> 'a option = "caml_weak_get_copy"
external check_raw : 'a t -> int -> bool = "caml_weak_check"
external blit_raw : 'a t -> int -> 'a t -> int -> int -> unit = "caml_weak_blit"

let set w i v =
  check_index w i "Weak.set";
  match v with None -> unset_key w i | Some x -> set_key w i x

let get w i = check_index w i "Weak.get"; get_raw w i
let get_copy w i = check_index w i "Weak.get_copy"; get_copy_raw w i
let check w i = check_index w i "Weak.check"; check_raw w i

let blit w1 o1 w2 o2 n =
  if n < 0 || o1 < 0 || o1 > length w1 - n || o2 < 0 || o2 > length w2 - n then invalid_arg "Weak.blit"
  else if n <> 0 then blit_raw w1 o1 w2 o2 n

let fill w ofs n v =
  if ofs < 0 || n < 0 || ofs > length w - n then invalid_arg "Weak.fill"
  else for i = ofs to ofs + n - 1 do set w i v done

module type S = sig
  type data
  type t

  val create : int -> t
  val clear : t -> unit
  val merge : t -> data -> data
  val add : t -> data -> unit
  val remove : t -> data -> unit
  val find : t -> data -> data
  val find_opt : t -> data -> data option
  val find_all : t -> data -> data list
  val mem : t -> data -> bool
  val iter : (data -> unit) -> t -> unit
  val fold : (data -> 'a -> 'a) -> t -> 'a -> 'a
  val count : t -> int
  val stats : t -> int * int * int * int * int * int
end

(* A weak set is an ephemeron table whose bindings map each element to itself: the element
   stays reachable only through its own key. *)
module Make (H : Hashtbl.HashedType) = struct
  module Table = Ephemeron.K1.Make (H)

  type data = H.t
  type t = data Table.t

  let create n = Table.create n
  let clear = Table.clear
  let add t x = Table.add t x x
  let merge t x = match Table.find_opt t x with Some y -> y | None -> add t x; x
  let remove = Table.remove
  let find = Table.find
  let find_opt = Table.find_opt
  let find_all = Table.find_all
  let mem = Table.mem
  let iter f t = Table.iter (fun x _ -> f x) t
  let fold f t init = Table.fold (fun x _ acc -> f x acc) t init
  let count t = fold (fun _ n -> n + 1) t 0

  (* (buckets, entries, sum of bucket lengths, smallest, median, biggest bucket length) *)
  let stats t =
    let s = Table.stats_alive t in
    let h = s.Hashtbl.bucket_histogram in
    let smallest = let rec first i = if i < Array.length h && h.(i) = 0 then first (i + 1) else i in first 0 in
    let median =
      let half = s.Hashtbl.num_buckets / 2 in
      let rec walk i seen = if i >= Array.length h - 1 || seen + h.(i) > half then i else walk (i + 1) (seen + h.(i)) in
      walk 0 0
    in
    (s.Hashtbl.num_buckets, count t, s.Hashtbl.num_bindings, smallest, median, s.Hashtbl.max_bucket_length)
end
