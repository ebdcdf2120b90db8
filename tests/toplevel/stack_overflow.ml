let rec down n = 1 + down (n + 1);;
down 0;;
let survivor = 42;;
let rec sum n = if n = 0 then 0 else n + sum (n - 1);;
sum 100000;;
down 5;;
survivor;;
