(* Optional values. *)

type 'a t = 'a option = None | Some of 'a

let none = None
let some v = Some v
let value o ~default = match o with Some v -> v | None -> default
let get = function Some v -> v | None -> invalid_arg "option is None"
let bind o f = match o with Some v -> f v | None -> None
let join = function Some inner -> inner | None -> None
let map f o = match o with Some v -> Some (f v) | None -> None
let fold ~none ~some o = match o with Some v -> some v | None -> none
let iter f o = match o with Some v -> f v | None -> ()
let is_none = function None -> true | Some _ -> false
let is_some = function None -> false | Some _ -> true

let equal eq a b =
  match a, b with
  | None, None -> true
  | Some x, Some y -> eq x y
  | None, Some _ | Some _, None -> false

(* None is smaller than any Some. *)
let compare cmp a b =
  match a, b with
  | None, None -> 0
  | Some x, Some y -> cmp x y
  | None, Some _ -> -1
  | Some _, None -> 1

let to_result ~none o = match o with Some v -> Ok v | None -> Error none
let to_list = function Some v -> [ v ] | None -> []
let to_seq o () = match o with Some v -> Seq.Cons (v, Seq.empty) | None -> Seq.Nil
