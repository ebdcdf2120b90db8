let p () = Printf.printf "%d %s %c %f\n" 1 "a" 'b' 2.0
let s = Printf.sprintf "%5.2f|%-3d|%x|%S|%C|%B|%Ld|%ld|%nd" 1.0 2 3 "s" 'c' true 1L 2l 3n
let star = Printf.sprintf "%*d %.*f" 5 1 2 3.0
let custom = Printf.sprintf "%a" (fun () x -> string_of_int x) 3
let thunk = Printf.sprintf "%t" (fun () -> "t")
let partial = Printf.sprintf "%d-%d"
let fmt : (int -> string, unit, string) format = "%d"
let pct = Printf.sprintf "100%%"
