let () = Printf.printf "%d\n" (A.x + B.y)
