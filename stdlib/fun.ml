(* Combinators on functions. *)

external id : 'a -> 'a = "%identity"

let const c _ = c
let flip f x y = f y x
let negate p x = not (p x)

exception Finally_raised of exn

let () =
  Printexc.register_printer (function
    | Finally_raised e -> Some ("Fun.Finally_raised: " ^ Printexc.to_string e)
    | _ -> None)

(* Run [work], then [finally] whatever happens; an exception from [finally] is wrapped in
   Finally_raised so it is not mistaken for one of [work]. *)
let protect ~finally work =
  let run_finally () = try finally () with e -> raise (Finally_raised e) in
  match work () with
  | result -> run_finally (); result
  | exception e -> run_finally (); raise e
