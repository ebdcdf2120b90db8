let r = ref []
let f = List.map (fun x -> x)
let h = (fun x -> x) (fun y -> y)
let cov = List.rev []
let pair_weak = (ref None, [])
let arr = [||]
let lazy_v = lazy 1
