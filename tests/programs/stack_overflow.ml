let rec non_tail n = if n = 0 then 0 else 1 + non_tail (n - 1)
let () =
  Printf.printf "small %d\n" (non_tail 100_000);
  (try Printf.printf "%d\n" (non_tail 100_000_000) with Stack_overflow -> print_endline "Stack_overflow caught");
  Printf.printf "again %d\n" (non_tail 1000);
  print_endline "done"
