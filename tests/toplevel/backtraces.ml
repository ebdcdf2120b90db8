(* Backtraces of exceptions caught inside a phrase (an uncaught one would also show the
   bytecode toplevel's own frames, which ocaml-jit has not). *)
Printexc.record_backtrace true;;
exception E of int;;
let leaf x = if x > 0 then raise (E x) else x;;
let rec middle x = if x < 0 then middle (x + 1) else leaf x + 1;;
let outer x = let rec inner y = if y < 0 then inner (y + 1) else middle y * 2 in inner x + 1;;
try outer 3 with E _ -> Printexc.print_backtrace stdout; 0;;
try (try outer 4 with E _ as e -> raise e) with _ -> Printexc.print_backtrace stdout; 0;;
try (try outer 5 with E n -> raise (E (n + 1))) with _ -> Printexc.print_backtrace stdout; 0;;
try (try outer 6 with Not_found -> 0) with _ -> Printexc.print_backtrace stdout; 0;;
let f = fun x -> List.length [x] + leaf x;;
try f 1 with _ -> Printexc.print_backtrace stdout; 0;;
module M = struct let g x = leaf x + 1 end;;
try M.g 2 with _ -> Printexc.print_backtrace stdout; 0;;
Printexc.record_backtrace false;;
try outer 7 with E _ -> Printexc.print_backtrace stdout; 1;;
