let () = Printf.printf "%d\n" (A.twice B.four)
