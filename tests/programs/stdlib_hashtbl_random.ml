let () =
  let h = Hashtbl.create 8 in
  for i = 0 to 99 do Hashtbl.add h (string_of_int (i * 7)) i done;
  Hashtbl.replace h "14" 1000; Hashtbl.add h "21" 2100; Hashtbl.remove h "70";
  Hashtbl.iter (fun k v -> Printf.printf "%s=%d " k v) h; print_newline ();
  Printf.printf "len=%d find=%d all=[%s] mem=%B %B\n" (Hashtbl.length h) (Hashtbl.find h "21")
    (String.concat ";" (List.map string_of_int (Hashtbl.find_all h "21"))) (Hashtbl.mem h "70") (Hashtbl.mem h "77");
  print_endline (Hashtbl.fold (fun k _ acc -> k ^ "," ^ acc) h "");
  Hashtbl.filter_map_inplace (fun _ v -> if v mod 3 = 0 then None else Some (v * 2)) h;
  Seq.iter (fun (k, v) -> Printf.printf "%s:%d " k v) (Hashtbl.to_seq h); print_newline ();
  let s = Hashtbl.stats h in
  Printf.printf "bindings=%d buckets=%d max=%d\n" s.Hashtbl.num_bindings s.Hashtbl.num_buckets s.Hashtbl.max_bucket_length;
  let h2 = Hashtbl.create 1 in
  List.iter (fun x -> Hashtbl.replace h2 x (x *. x)) [ 3.5; -1.; 0.; 1e10; nan ];
  Hashtbl.iter (fun k v -> Printf.printf "%g->%g " k v) h2; print_newline ();
  let h3 = Hashtbl.create 16 in
  List.iter (fun k -> Hashtbl.add h3 k ()) [ (1, "a"); (2, "b"); (3, "c"); (1, "z") ];
  Hashtbl.iter (fun (a, b) () -> Printf.printf "(%d,%s) " a b) h3; print_newline ();
  Printf.printf "hashes %d %d %d %d %d\n" (Hashtbl.hash 1) (Hashtbl.hash "abc") (Hashtbl.hash (1, 2.5, "x"))
    (Hashtbl.hash [ 1; 2; 3 ]) (Hashtbl.seeded_hash 42 "abc");
  let module H = Hashtbl.Make (struct type t = int let equal = ( = ) let hash x = x land 0xff end) in
  let t = H.create 4 in
  for i = 0 to 50 do H.replace t (i * 37) i done;
  H.iter (fun k v -> Printf.printf "%d:%d " k v) t; print_newline ();
  let c = Hashtbl.copy h in
  Hashtbl.reset h;
  Printf.printf "copy len=%d reset len=%d\n" (Hashtbl.length c) (Hashtbl.length h);
  (* Random: default state, then seeded *)
  for _ = 1 to 5 do Printf.printf "%d " (Random.int 1000) done; print_newline ();
  Random.init 42;
  for _ = 1 to 5 do Printf.printf "%d " (Random.bits ()) done; print_newline ();
  (* Drawn in order by lets: OCaml evaluates function arguments right to left. *)
  let f = Random.float 10. in
  let b = Random.bool () in
  let i32 = Random.int32 1000l in
  let i64 = Random.int64 1_000_000_000_000L in
  let ni = Random.nativeint 77n in
  let fi = Random.full_int (1 lsl 40) in
  Printf.printf "%.17g %B %ld %Ld %nd %d\n" f b i32 i64 ni fi;
  Random.full_init [| 1; 2; 3 |];
  let st = Random.get_state () in
  let a = Random.int 100 in
  Random.set_state st;
  Printf.printf "%d %d\n" a (Random.int 100);
  let s = Random.State.make [| 7 |] in
  let si = Random.State.int s 10 in
  let sb = Random.State.bits s in
  let sf = Random.State.float s 1. in
  Printf.printf "%d %d %g\n" si sb sf;
  let l = List.init 20 (fun i -> i) in
  let shuffled = List.map snd (List.sort compare (List.map (fun x -> (Random.bits (), x)) l)) in
  List.iter (Printf.printf "%d ") shuffled; print_newline ();
  print_endline (Digest.to_hex (Digest.string "hello"))
