(* Strings and hash tables: count words of a generated text. *)
let () =
  let words = [| "alpha"; "beta"; "gamma"; "delta"; "epsilon"; "zeta"; "eta"; "theta" |] in
  let tbl = Hashtbl.create 1024 in
  let buf = Buffer.create 16 in
  for i = 0 to 500_000 do
    Buffer.clear buf;
    Buffer.add_string buf words.(i mod 8);
    Buffer.add_string buf (string_of_int (i mod 5000));
    let w = Buffer.contents buf in
    match Hashtbl.find_opt tbl w with
    | Some r -> incr r
    | None -> Hashtbl.add tbl w (ref 1)
  done;
  let total = Hashtbl.fold (fun _ r acc -> acc + !r) tbl 0 in
  Printf.printf "%d distinct, %d total, alpha0 = %d\n" (Hashtbl.length tbl) total !(Hashtbl.find tbl "alpha0")
