let f : 'a. 'a -> 'a = fun x -> x
let g : 'a 'b. 'a -> 'b -> 'a = fun x _ -> x
let rec len : 'a. 'a list -> int = function [] -> 0 | _ :: l -> 1 + len l
let h (type a) (x : a) = x
let k : type a. a list -> int = fun l -> List.length l
let id_pair = (f 1, f "a")
let m (type t) (l : t list) (cmp : t -> t -> int) = List.sort cmp l
