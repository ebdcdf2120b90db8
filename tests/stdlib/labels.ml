(* ListLabels, ArrayLabels, StringLabels, BytesLabels, StdLabels, MoreLabels. *)
let () =
  let open ListLabels in
  let l = init ~len:6 ~f:(fun i -> i * i) in
  Printf.printf "%s\n" (String.concat "," (map ~f:string_of_int l));
  Printf.printf "%d %d\n" (fold_left ~f:( + ) ~init:0 l) (fold_right ~f:(fun x acc -> x - acc) l ~init:0);
  Printf.printf "%s\n" (String.concat "," (map (filter ~f:(fun x -> x mod 2 = 0) l) ~f:string_of_int));
  let evens, odds = partition ~f:(fun x -> x mod 2 = 0) l in
  Printf.printf "%d %d %b %b\n" (length evens) (length odds) (exists ~f:(fun x -> x > 20) l) (for_all ~f:(fun x -> x >= 0) l);
  Printf.printf "%s\n" (String.concat "," (map ~f:string_of_int (sort ~cmp:(fun a b -> Stdlib.compare b a) l)));
  Printf.printf "%d\n" (find ~f:(fun x -> x > 5) l);
  Printf.printf "%s\n" (String.concat ";" (map2 ~f:(fun a b -> a ^ b) [ "a"; "b" ] [ "c"; "d" ]));
  Printf.printf "%d\n" (compare_length_with l ~len:3);
  Printf.printf "%s\n" (match assoc_opt 2 [ (1, "x"); (2, "y") ] with Some s -> s | None -> "-");
  let m, acc = fold_left_map ~f:(fun acc x -> (acc + x, x * 2)) ~init:0 [ 1; 2; 3 ] in
  Printf.printf "%d %s\n" m (String.concat "," (map ~f:string_of_int acc));
  iteri ~f:(fun i x -> if i < 2 then Printf.printf "[%d:%d]" i x) l;
  print_newline ()

let () =
  let open ArrayLabels in
  let a = init 5 ~f:(fun i -> 10 - i) in
  let b = make 3 0 in
  blit ~src:a ~src_pos:1 ~dst:b ~dst_pos:0 ~len:3;
  Printf.printf "%s\n" (String.concat "," (to_list (map b ~f:string_of_int)));
  sort a ~cmp:compare;
  Printf.printf "%s %d\n" (String.concat "," (to_list (map a ~f:string_of_int))) (fold_left a ~f:( + ) ~init:0);
  fill a ~pos:1 ~len:2 7;
  Printf.printf "%s %b %b\n" (String.concat "," (to_list (mapi a ~f:(fun i x -> string_of_int (i + x))))) (mem 7 ~set:a)
    (exists ~f:(fun x -> x > 9) a);
  let s = sub a ~pos:1 ~len:3 in
  Printf.printf "%d %d\n" (length s) (fold_right s ~f:( - ) ~init:0)

let () =
  let open StringLabels in
  let s = "hello, world" in
  Printf.printf "%s|%s|%b|%b\n" (sub s ~pos:7 ~len:5) (concat ~sep:"-" [ "a"; "b"; "c" ]) (starts_with ~prefix:"he" s) (ends_with ~suffix:"x" s);
  Printf.printf "%s|%d|%s\n" (map ~f:Char.uppercase_ascii s) (index_from s 3 'o') (String.concat "/" (split_on_char ~sep:',' s));
  Printf.printf "%s\n" (init 4 ~f:(fun i -> Char.chr (65 + i)));
  let b = Bytes.of_string "xxxxxx" in
  blit ~src:s ~src_pos:0 ~dst:b ~dst_pos:1 ~len:3;
  print_endline (Bytes.to_string b);
  let open BytesLabels in
  let b = make 5 '.' in
  fill b ~pos:1 ~len:3 '#';
  blit_string ~src:"ab" ~src_pos:0 ~dst:b ~dst_pos:3 ~len:2;
  Printf.printf "%s %s\n" (to_string b) (to_string (sub b ~pos:1 ~len:2))

let () =
  let open StdLabels in
  Printf.printf "%d %d %s\n" (List.length [ 1; 2 ]) (Array.length [| 1 |]) (String.make 2 'z')

let () =
  let open MoreLabels in
  let h = Hashtbl.create 8 in
  Hashtbl.add h ~key:"a" ~data:1;
  Hashtbl.replace h ~key:"b" ~data:2;
  Hashtbl.add h ~key:"a" ~data:3;
  Printf.printf "%d %d\n" (Hashtbl.find h "a") (Hashtbl.fold h ~init:0 ~f:(fun ~key:_ ~data acc -> data + acc));
  Hashtbl.iter h ~f:(fun ~key ~data -> if key = "b" then Printf.printf "b=%d\n" data);
  let module M = Map.Make (String) in
  let m = M.add ~key:"x" ~data:1 (M.add ~key:"y" ~data:2 M.empty) in
  Printf.printf "%d %s\n" (M.find "y" m) (String.concat "," (M.fold m ~init:[] ~f:(fun ~key ~data acc -> (key ^ string_of_int data) :: acc)));
  let m2 = M.mapi m ~f:(fun key data -> key ^ string_of_int (data * 10)) in
  M.iter m2 ~f:(fun ~key:_ ~data -> print_string (data ^ " "));
  print_newline ();
  let module S = Set.Make (Int) in
  let s = S.of_list [ 3; 1; 2 ] in
  Printf.printf "%d %b\n" (S.fold s ~init:0 ~f:( + )) (S.exists s ~f:(fun x -> x > 2));
  let module H = Hashtbl.Make (struct type t = int let equal = ( = ) let hash = Hashtbl.hash end) in
  let t = H.create 4 in
  H.add t ~key:1 ~data:"one";
  H.filter_map_inplace t ~f:(fun ~key ~data -> Some (data ^ string_of_int key));
  print_endline (H.find t 1)
