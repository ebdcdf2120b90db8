let () = print_endline "Hello, world"
let () = Printf.printf "%d + %d = %d\n" 2 3 (2 + 3)
let rec fact n = if n <= 1 then 1 else n * fact (n - 1)
let () = List.iter (fun n -> Printf.printf "%d! = %d\n" n (fact n)) [1; 5; 10; 20]
