module type STACK = sig
  type 'a t
  val empty : 'a t
  val push : 'a -> 'a t -> 'a t
  val pop : 'a t -> ('a * 'a t) option
  val size : 'a t -> int
end
module ListStack : STACK = struct
  type 'a t = 'a list
  let empty = []
  let push x s = x :: s
  let pop = function [] -> None | x :: r -> Some (x, r)
  let size = List.length
end
module type ORD = sig type t val compare : t -> t -> int val show : t -> string end
module MaxOf (O : ORD) = struct
  let max_list l = List.fold_left (fun a b -> if O.compare a b >= 0 then a else b) (List.hd l) l
  let show_max l = O.show (max_list l)
end
module IntOrd = struct type t = int let compare = compare let show = string_of_int end
module StrOrd = struct type t = string let compare = String.compare let show s = "\"" ^ s ^ "\"" end
module MI = MaxOf (IntOrd)
module MS = MaxOf (StrOrd)
module Counter = struct
  let count = ref 0
  let next () = incr count; !count
end
let () =
  let s = ListStack.(push 3 (push 2 (push 1 empty))) in
  Printf.printf "size %d\n" (ListStack.size s);
  (match ListStack.pop s with Some (x, r) -> Printf.printf "top %d rest %d\n" x (ListStack.size r) | None -> ());
  print_endline (MI.show_max [3; 9; 2]);
  print_endline (MS.show_max ["b"; "zz"; "a"]);
  ignore (Counter.next ()); ignore (Counter.next ());
  Printf.printf "counter %d\n" (Counter.next ());
  let module L = struct let x = 10 let f y = x + y end in
  Printf.printf "local %d\n" (L.f 5);
  let open Counter in Printf.printf "open %d\n" !count
