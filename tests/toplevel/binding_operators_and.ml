let ( let* ) o f = match o with None -> None | Some x -> f x
let ( and* ) a b = match a, b with Some x, Some y -> Some (x, y) | _ -> None;;
let r = let* x = Some 1 and* y = Some 2 and* z = Some 3 in Some (x + y + z);;
let ( let+ ) x f = List.map f x and ( and+ ) a b = List.concat_map (fun x -> List.map (fun y -> (x, y)) b) a;;
let l = let+ a = [1;2] and+ b = (print_endline "b"; [10;20]) and+ c = (print_endline "c"; [100]) in a + b + c;;
let bad = let* x = Some 1 and+ y = Some 2 in Some x;;
let ( and* ) = 3;;
let bad2 = let* x = Some 1 and* y = Some 2 in Some x;;
let ( *** ) a b = a * b;;
let ( .%{} ) a i = a.(i);;
let ( ~- ) x = x;;
let ( let* ) = 3;;
let x = let* a = 1 in a;;
let ( let* ) f x = f x;;
let x = let* a = 1 in a;;
let ( let* ) ~f x = f x;;
let x = let* a = 1 in a;;
let x = let* a = 1 and* b = 2 in a;;
let x = let+ a = 1 in a;;
