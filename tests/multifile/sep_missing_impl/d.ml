let () = Printf.printf "d: %d\n" (B.y + A.x)
