(* Script mode: Sys.argv is the script and its arguments *)
let () = Printf.printf "%d %s\n" (Array.length Sys.argv) Sys.argv.(0)
