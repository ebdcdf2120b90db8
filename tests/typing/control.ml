let loop n = for i = 1 to n do print_int i done
let down n = for _ = n downto 1 do () done
let wh () = let r = ref 0 in while !r < 10 do incr r done; !r
let cond x = if x then 1 else 2
let cond_unit x = if x then print_string "y"
let seq () = print_string "a"; print_string "b"; 3
let lz = lazy (1 + 1)
let force_it () = Lazy.force lz
let m x = match x with 0 -> "zero" | 1 | 2 -> "small" | n when n < 0 -> "neg" | _ -> "big"
let chars = function 'a' .. 'z' -> true | _ -> false
let strs = function "a" -> 1 | _ -> 0
let tup = function (0, _) -> 0 | (_, 0) -> 1 | (x, y) -> x + y
let alias_pat = function (Some x as o) -> (x, o) | None -> (0, None)
let arr_pat = function [| x; y |] -> x + y | _ -> 0
let or_pat = function (1 | 2) as x -> x | _ -> 0
let lazy_pat = function lazy x -> x
let rec l = 1 :: l
let open_expr = List.(length [1])
let let_open = let open List in rev [1]
