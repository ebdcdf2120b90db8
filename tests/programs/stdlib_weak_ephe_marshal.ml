(* Weak arrays, weak sets, ephemerons and their tables, Marshal, Atomic. Values are kept
   alive so that the outputs do not depend on the collector. *)
let show_opt f = function None -> "None" | Some x -> "Some " ^ f x

let () =
  let keep = Array.init 5 (fun i -> ref (i * 10)) in
  let w = Weak.create 5 in
  Printf.printf "length %d\n" (Weak.length w);
  Weak.set w 1 (Some keep.(1));
  Weak.set w 3 (Some keep.(3));
  for i = 0 to 4 do
    Printf.printf "%d: %s %b\n" i (show_opt (fun r -> string_of_int !r) (Weak.get w i)) (Weak.check w i)
  done;
  let w2 = Weak.create 3 in
  Weak.blit w 1 w2 0 3;
  Printf.printf "blit: %s\n" (show_opt (fun r -> string_of_int !r) (Weak.get w2 2));
  Weak.fill w2 0 3 None;
  Printf.printf "filled: %b\n" (Weak.check w2 2);
  (match Weak.get_copy w 1 with Some r -> Printf.printf "copy %d %b\n" !r (r == keep.(1)) | None -> ());
  List.iter (fun f -> try f () with Invalid_argument m -> print_endline m)
    [ (fun () -> ignore (Weak.get w 5)); (fun () -> Weak.set w (-1) None); (fun () -> ignore (Weak.create (-1)));
      (fun () -> Weak.blit w 0 w2 0 4); (fun () -> Weak.fill w 3 3 None) ]

module S = Weak.Make (struct
  type t = string
  let equal = String.equal
  let hash = Hashtbl.hash
end)

let () =
  let words = List.map (fun s -> String.concat "" [ s ]) [ "a"; "bb"; "a"; "ccc"; "bb"; "dddd" ] in
  let set = S.create 4 in
  let merged = List.map (S.merge set) words in
  Printf.printf "count %d, shared %b\n" (S.count set) (List.nth merged 0 == List.nth merged 2);
  S.add set (List.nth words 0);
  Printf.printf "count %d find_all %d mem %b %b\n" (S.count set) (List.length (S.find_all set "a")) (S.mem set "ccc") (S.mem set "zz");
  S.remove set "a";
  Printf.printf "after remove %d %s\n" (S.count set) (show_opt (fun s -> s) (S.find_opt set "a"));
  (try ignore (S.find set "zz") with Not_found -> print_endline "Not_found");
  print_endline (String.concat "," (List.sort compare (S.fold (fun x acc -> x :: acc) set [])));
  S.clear set;
  Printf.printf "cleared %d\n" (S.count set);
  ignore (Sys.opaque_identity words)

module E = Ephemeron.K1.Make (struct
  type t = int list
  let equal = ( = )
  let hash = Hashtbl.hash
end)

let () =
  let k1 = [ 1; 2 ] and k2 = [ 3 ] in
  let e = Ephemeron.K1.create () in
  Printf.printf "empty %b %b\n" (Ephemeron.K1.check_key e) (Ephemeron.K1.check_data e);
  Ephemeron.K1.set_key e k1;
  Ephemeron.K1.set_data e "data";
  Printf.printf "%s %s\n" (show_opt (fun l -> string_of_int (List.length l)) (Ephemeron.K1.get_key e)) (show_opt (fun s -> s) (Ephemeron.K1.get_data e));
  Ephemeron.K1.unset_data e;
  Printf.printf "unset %b\n" (Ephemeron.K1.check_data e);
  let t = E.create 8 in
  E.add t k1 "one"; E.add t k2 "two"; E.replace t k1 "uno"; E.add t k2 "deux";
  Printf.printf "len %d find %s all %s mem %b\n" (E.length t) (E.find t [ 1; 2 ]) (String.concat "," (E.find_all t [ 3 ])) (E.mem t [ 9 ]);
  E.remove t k2;
  Printf.printf "after remove %s\n" (E.find t [ 3 ]);
  E.filter_map_inplace (fun k v -> if k = k1 then Some (v ^ "!") else None) t;
  print_endline (String.concat ";" (List.sort compare (E.fold (fun k v acc -> (string_of_int (List.length k) ^ "=" ^ v) :: acc) t [])));
  E.clean t;
  Printf.printf "alive %d\n" (E.stats_alive t).Hashtbl.num_bindings;
  let k3 = [| "x"; "y" |] in
  let e2 = Ephemeron.K2.create () in
  Ephemeron.K2.set_key1 e2 k1; Ephemeron.K2.set_key2 e2 k3; Ephemeron.K2.set_data e2 42;
  Printf.printf "k2 %b %b %s\n" (Ephemeron.K2.check_key1 e2) (Ephemeron.K2.check_key2 e2) (show_opt string_of_int (Ephemeron.K2.get_data e2));
  let en = Ephemeron.Kn.create 3 in
  Ephemeron.Kn.set_key en 0 "a"; Ephemeron.Kn.set_key en 2 "c";
  Printf.printf "kn %b %b %b\n" (Ephemeron.Kn.check_key en 0) (Ephemeron.Kn.check_key en 1) (Ephemeron.Kn.check_key en 2);
  ignore (Sys.opaque_identity (k1, k2, k3))

let () =
  let values = [ Obj.repr 42; Obj.repr "hello"; Obj.repr [ 1; 2; 3 ]; Obj.repr (3.5, Some 'c'); Obj.repr [| 1.0; 2.0 |] ] in
  List.iter (fun v -> print_endline (String.escaped (Marshal.to_string v []))) values;
  let shared = let s = "shared" in (s, s) in
  Printf.printf "sharing %d no_sharing %d\n" (String.length (Marshal.to_string shared [])) (String.length (Marshal.to_string shared [ Marshal.No_sharing ]));
  let b = Marshal.to_bytes [ "a"; "b" ] [] in
  Printf.printf "header %d data %d total %d\n" Marshal.header_size (Marshal.data_size b 0) (Marshal.total_size b 0);
  let (l : string list) = Marshal.from_bytes b 0 in
  print_endline (String.concat "," l);
  let s = "xx" ^ Marshal.to_string (1, "two") [] in
  let (n, t) : int * string = Marshal.from_string s 2 in
  Printf.printf "%d %s\n" n t;
  let buf = Bytes.create 100 in
  let len = Marshal.to_buffer buf 10 90 [ 1; 2 ] [] in
  Printf.printf "to_buffer %d %s\n" len (String.concat "," (List.map string_of_int (Marshal.from_bytes buf 10)));
  List.iter (fun f -> try f () with Invalid_argument m -> print_endline m | Failure m -> print_endline ("Failure " ^ m))
    [ (fun () -> ignore (Marshal.to_buffer buf 95 10 0 []));
      (fun () -> ignore (Marshal.to_buffer buf 0 5 "long string here" []));
      (fun () -> ignore (Marshal.data_size buf 90)); (fun () -> ignore (Marshal.from_bytes (Bytes.sub b 0 22) 0)) ];
  let f = Filename.temp_file "marshal" "" in
  let oc = open_out_bin f in
  Marshal.to_channel oc (Some [ 1.5 ]) [];
  Marshal.to_channel oc "second" [];
  close_out oc;
  let ic = open_in_bin f in
  let (a : float list option) = Marshal.from_channel ic in
  let (b : string) = Marshal.from_channel ic in
  close_in ic;
  Sys.remove f;
  Printf.printf "%s %s\n" (show_opt (fun l -> string_of_float (List.hd l)) a) b;
  (try ignore (Marshal.to_string (fun x -> x + 1) []) with Invalid_argument m -> print_endline m)

let () =
  let a = Atomic.make 10 in
  Printf.printf "%d " (Atomic.get a);
  Atomic.set a 5;
  Printf.printf "%d " (Atomic.exchange a 7);
  Printf.printf "%b %b " (Atomic.compare_and_set a 6 0) (Atomic.compare_and_set a 7 1);
  Printf.printf "%d " (Atomic.fetch_and_add a 10);
  Atomic.incr a; Atomic.incr a; Atomic.decr a;
  Printf.printf "%d\n" (Atomic.get a);
  let s = Atomic.make "x" in
  Printf.printf "%b\n" (Atomic.compare_and_set s (String.make 1 'x') "y")
