include Mkset.Make (Int)
let of_list l = List.fold_left (fun s x -> add x s) empty l
