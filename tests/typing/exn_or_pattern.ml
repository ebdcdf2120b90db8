(* Exception patterns inside or-patterns of a match. *)
let size f = match f () with n when n > 0 -> n | _ | (exception Not_found) -> 0

let g f = match f () with Some x -> x | None | (exception (Failure _ | Exit)) -> ""
