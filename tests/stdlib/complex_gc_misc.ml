(* Complex arithmetic (bit-exact results), Gc alarms and finalisers, Callback, Oo labels. *)
let pc name (z : Complex.t) = Printf.printf "%s = %.17g %.17g\n" name z.re z.im

let () =
  let open Complex in
  let a = { re = 3.0; im = -4.0 } and b = { re = -1.5; im = 0.25 } and c = { re = 1e-3; im = 7e5 } in
  List.iter
    (fun (n, x, y) ->
      pc (n ^ " add") (add x y); pc (n ^ " sub") (sub x y); pc (n ^ " mul") (mul x y); pc (n ^ " div") (div x y);
      pc (n ^ " pow") (pow x y))
    [ ("ab", a, b); ("ba", b, a); ("ac", a, c); ("cb", c, b) ];
  List.iter
    (fun (n, x) ->
      pc (n ^ " neg") (neg x); pc (n ^ " conj") (conj x); pc (n ^ " inv") (inv x); pc (n ^ " sqrt") (sqrt x);
      pc (n ^ " exp") (exp x); pc (n ^ " log") (log x);
      Printf.printf "%s norm %.17g norm2 %.17g arg %.17g\n" n (norm x) (norm2 x) (arg x))
    [ ("a", a); ("b", b); ("c", c); ("zero", zero); ("one", one); ("i", i); ("negre", { re = -4.0; im = 0.0 });
      ("negim", { re = -4.0; im = -0.0 }) ];
  pc "polar" (polar 2.0 0.5)

let () =
  let runs = ref 0 in
  let alarm = Gc.create_alarm (fun () -> incr runs) in
  Gc.full_major ();
  Gc.full_major ();
  Gc.delete_alarm alarm;
  let after = !runs in
  Gc.full_major ();
  Printf.printf "alarm ran: %b, stopped: %b\n" (after > 0) (after = !runs);
  let finalised = ref [] in
  for i = 1 to 3 do
    Gc.finalise (fun r -> finalised := !r :: !finalised) (ref i)
  done;
  Gc.finalise_last (fun () -> finalised := 100 :: !finalised) (ref 0);
  Gc.full_major ();
  Printf.printf "finalised: %s\n" (String.concat "," (List.map string_of_int (List.sort compare !finalised)));
  let s = Gc.quick_stat () in
  Printf.printf "stats sane: %b\n" (s.Gc.minor_collections >= 0 && s.Gc.heap_words > 0);
  Printf.printf "allocated positive: %b\n" (Gc.allocated_bytes () > 0.0);
  let c = Gc.get () in
  Gc.set { c with Gc.verbose = 0 };
  Printf.printf "space_overhead kept: %b\n" ((Gc.get ()).Gc.space_overhead = c.Gc.space_overhead)

exception My_exn of int

let () =
  Callback.register "my value" (1, 2);
  Callback.register_exception "my exn" (My_exn 3);
  List.iter (fun m -> Printf.printf "%s %d\n" m (Obj.magic (Oo.public_method_label m) : int))
    [ "x"; "get"; "set_value"; "a_rather_long_method_name"; "" ]
