(* Backtraces recorded with Printexc.record_backtrace, printed from handlers. Every function
   is [@inline never] so that ocamlopt's frames are the ones a non-inlining compiler has. *)
exception E of int

let[@inline never] leaf x = if x > 0 then raise (E x) else x + 1
let[@inline never] middle x = leaf x + 1
let[@inline never] outer x =
  let rec inner y = if y < 0 then inner (y + 1) else middle y * 2 in
  inner x + 3

module Sub = struct
  let[@inline never] f x = if x = 0 then raise Not_found else x
  module Deeper = struct
    let[@inline never] g x = f x + 1
  end
end

let[@inline never] apply f x = f x + 1
let[@inline never] rec deep n = if n = 0 then raise (E 0) else 1 + deep (n - 1)
let[@inline never] rec loop n = if n = 0 then raise (E (-1)) else loop (n - 1)
let[@inline never] divide a b = a / b
let[@inline never] get (a : int array) i = a.(i)

let[@inline never] stack () = Printexc.get_callstack 10

let[@inline never] show name f =
  match f () with
  | _ -> Printf.printf "%s: no exception\n" name
  | exception e ->
    Printf.printf "%s: caught\n" name;
    Printexc.print_backtrace stdout

let () =
  Printexc.record_backtrace true;
  Printf.printf "status %b\n" (Printexc.backtrace_status ());
  show "nested" (fun () -> outer 5);
  show "submodule" (fun () -> Sub.Deeper.g 0);
  show "anonymous" (fun () -> apply (fun y -> if y > 0 then raise (E y) else y) 3);
  show "deep" (fun () -> deep 12);
  show "tail calls" (fun () -> loop 10);
  show "division" (fun () -> divide 1 (Sys.opaque_identity 0));
  show "bounds" (fun () -> get [| 1; 2 |] 7);
  show "reraise" (fun () -> try outer 6 with E _ as e -> raise e);
  show "handler unmatched" (fun () -> try outer 7 with Not_found -> 0);
  show "new exception in handler" (fun () -> try outer 8 with E n -> raise (E (n + 100)));
  show "raise_with_backtrace" (fun () ->
      let saved = try ignore (outer 9); assert false with E _ -> Printexc.get_raw_backtrace () in
      Printexc.raise_with_backtrace (E 9) saved);
  show "notrace" (fun () -> raise_notrace (E 10));
  print_string (Printexc.get_backtrace ());
  print_endline "-- get_callstack";
  print_string (Printexc.raw_backtrace_to_string (stack ()));
  print_endline "-- slots";
  (try ignore (middle 4) with E _ ->
     let raw = Printexc.get_raw_backtrace () in
     Printf.printf "length %d\n" (Printexc.raw_backtrace_length raw);
     match Printexc.backtrace_slots raw with
     | None -> print_endline "no slots"
     | Some slots ->
       Array.iteri
         (fun i s ->
           let name = match Printexc.Slot.name s with Some n -> n | None -> "?" in
           match Printexc.Slot.location s with
           | Some l ->
             Printf.printf "%d %s raise=%b inline=%b %s:%d:%d-%d\n" i name (Printexc.Slot.is_raise s)
               (Printexc.Slot.is_inline s) l.Printexc.filename l.Printexc.line_number l.Printexc.start_char
               l.Printexc.end_char
           | None -> Printf.printf "%d no location\n" i)
         slots);
  Printexc.record_backtrace false;
  show "off" (fun () -> outer 11)
