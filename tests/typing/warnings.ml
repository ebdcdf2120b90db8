let partial = function Some x -> x
let unused_case = function _ -> 1 | 1 -> 2
let unused_var () = let x = 1 in ()
let seq () = 1; ()
let partial_app () = List.map (fun x -> x); ()
let list_partial = function [] -> 0
let tuple_partial = function (true, _) -> 1 | (_, false) -> 2
let bool_partial = function true -> 1
let guarded x = match x with Some y when y > 0 -> 1 | None -> 0
let let_partial () = let Some x = Some 1 in x
let rec_partial = function (Some (Some 1), _) -> 1 | (None, true) -> 2
let record_with () = let r = ref 1 in { r with contents = 2 }
let exn_partial = function Not_found -> 1
