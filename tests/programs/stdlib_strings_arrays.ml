let p = print_endline
let catch f = try f () with Invalid_argument m -> p ("Invalid_argument " ^ m) | Not_found -> p "Not_found" | Failure m -> p ("Failure " ^ m)
let pi = Printf.printf "%d\n"
let () =
  let s = "  Hello, World!\t\n" in
  p (String.trim s); p (String.uppercase_ascii s); p (String.lowercase_ascii "ABC"); p (String.capitalize_ascii "abc"); p (String.uncapitalize_ascii "ABC");
  p (String.escaped "tab\there \"q\" \\ \001 \200 é"); p (Char.escaped '\t'); p (Char.escaped '\''); p (Char.escaped '\200');
  p (String.concat ", " [ "a"; "b"; "c" ]); p (String.concat "" []); p (String.sub "abcdef" 2 3);
  catch (fun () -> ignore (String.sub "abc" 2 5)); catch (fun () -> ignore (String.get "abc" 10));
  pi (String.index "hello" 'l'); pi (String.rindex "hello" 'l'); pi (String.index_from "hello" 3 'l');
  catch (fun () -> ignore (String.index "hello" 'z')); catch (fun () -> ignore (String.index_from "hello" 10 'l'));
  catch (fun () -> ignore (String.rindex_from "hello" 10 'l'));
  Printf.printf "%B %B %B %B\n" (String.contains "hello" 'e') (String.contains_from "hello" 2 'e') (String.rcontains_from "hello" 2 'e') (String.contains "" 'a');
  List.iter (fun s -> Printf.printf "[%s]" s) (String.split_on_char ',' ",a,,b,"); print_newline ();
  p (String.map Char.uppercase_ascii "map"); p (String.mapi (fun i c -> if i mod 2 = 0 then c else '_') "abcdef");
  p (String.make 3 'x'); p (String.init 5 (fun i -> Char.chr (97 + i)));
  Printf.printf "%d %d %d %B %B\n" (String.compare "a" "b") (String.compare "b" "a") (String.compare "abc" "abc") (String.equal "x" "x") (String.equal "x" "y");
  Printf.printf "%B %B %B %B\n" (String.starts_with ~prefix:"ab" "abc") (String.starts_with ~prefix:"abcd" "abc") (String.ends_with ~suffix:"bc" "abc") (String.ends_with ~suffix:"x" "abc");
  Printf.printf "%d %B %B\n" (String.fold_left (fun a c -> a + Char.code c) 0 "abc") (String.for_all (fun c -> c <> 'z') "abc") (String.exists (fun c -> c = 'b') "abc");
  p (String.fold_right (fun c acc -> acc ^ String.make 1 c) "abc" "");
  String.iteri (fun i c -> Printf.printf "%d%c " i c) "xyz"; print_newline ();
  p (String.of_seq (Seq.map Char.uppercase_ascii (String.to_seq "seq")));
  Seq.iter (fun (i, c) -> Printf.printf "%d:%c " i c) (String.to_seqi "ab"); print_newline ();
  Printf.printf "%d %d %d %d %ld %Ld\n" (String.get_uint8 "\255\001" 0) (String.get_int8 "\255" 0) (String.get_uint16_be "\001\002" 0) (String.get_int16_le "\255\255" 0) (String.get_int32_be "\000\000\001\000" 0) (String.get_int64_le "\001\000\000\000\000\000\000\128" 0);
  let b = Bytes.of_string "hello" in
  Bytes.set b 0 'j'; Bytes.fill b 1 2 'E'; p (Bytes.to_string b);
  let b2 = Bytes.make 8 '.' in Bytes.blit_string "abc" 0 b2 2 3; Bytes.blit b 0 b2 5 3; p (Bytes.to_string b2);
  catch (fun () -> Bytes.blit b 0 b2 6 5); catch (fun () -> Bytes.fill b 3 5 'x');
  p (Bytes.to_string (Bytes.extend (Bytes.of_string "abc") 2 1)); p (Bytes.to_string (Bytes.extend (Bytes.of_string "abcdef") (-2) (-1)));
  p (Bytes.to_string (Bytes.cat (Bytes.of_string "ab") (Bytes.of_string "cd"))); p (Bytes.to_string (Bytes.concat (Bytes.of_string "-") [ Bytes.of_string "x"; Bytes.of_string "y" ]));
  let b3 = Bytes.create 8 in Bytes.set_int32_le b3 0 0x01020304l; Bytes.set_uint16_be b3 4 0xABCD; Bytes.set_int8 b3 6 (-1); Bytes.set_uint8 b3 7 300;
  p (String.escaped (Bytes.to_string b3)); Printf.printf "%Ld\n" (Bytes.get_int64_be b3 0);
  Printf.printf "%d %c %c %c %d\n" (Char.code 'A') (Char.chr 66) (Char.lowercase_ascii 'Q') (Char.uppercase_ascii 'q') (Char.compare 'a' 'b');
  catch (fun () -> ignore (Char.chr 256));
  Printf.printf "%s %s %s\n" (string_of_int (Option.value ~default:0 (Some 3))) (match Option.map succ None with None -> "None" | Some _ -> "Some") (String.concat "," (List.map string_of_int (Option.to_list (Some 9))));
  Printf.printf "%d %B %B\n" (Option.fold ~none:0 ~some:succ (Some 1)) (Option.is_none None) (Option.equal ( = ) (Some 1) (Some 1));
  catch (fun () -> ignore (Option.get None));
  Printf.printf "%d %d %B\n" (Result.value ~default:0 (Error "e")) (Result.get_ok (Result.map succ (Ok 1))) (Result.is_error (Result.bind (Ok 1) (fun _ -> Error 2)));
  catch (fun () -> ignore (Result.get_ok (Error 1)));
  Printf.printf "%d %d\n" (Int.max 3 4) (Int.abs (-5)); p (Int.to_string Int.min_int); p (Bool.to_string true);
  (* arrays *)
  let a = Array.init 6 (fun i -> i * i) in
  Array.iter (Printf.printf "%d ") a; print_newline ();
  Array.iter (Printf.printf "%d ") (Array.map succ a); print_newline ();
  Array.iter (Printf.printf "%d ") (Array.append a [| 100 |]); print_newline ();
  Array.iter (Printf.printf "%d ") (Array.concat [ a; [| 1 |]; [||]; [| 2; 3 |] ]); print_newline ();
  Array.iter (Printf.printf "%d ") (Array.sub a 2 3); print_newline ();
  catch (fun () -> ignore (Array.sub a 4 5)); catch (fun () -> ignore (Array.make (-1) 0)); catch (fun () -> ignore a.(10));
  let c = Array.copy a in Array.blit a 0 c 1 4; Array.fill c 0 1 (-1); Array.iter (Printf.printf "%d ") c; print_newline ();
  Array.blit c 0 c 2 3; Array.iter (Printf.printf "%d ") c; print_newline ();
  let m = Array.make_matrix 2 3 0 in m.(1).(2) <- 5; Array.iter (fun r -> Array.iter (Printf.printf "%d") r; print_string "|") m; print_newline ();
  Printf.printf "%d %d %B %B %B\n" (Array.fold_left ( + ) 0 a) (Array.fold_right ( - ) a 0) (Array.mem 9 a) (Array.exists (fun x -> x > 20) a) (Array.for_all (fun x -> x >= 0) a);
  let s = [| 5; 2; 8; 1; 9; 3 |] in Array.sort compare s; Array.iter (Printf.printf "%d ") s; print_newline ();
  let fl = [| 3.5; -1.; 2.25 |] in Array.stable_sort compare fl; Array.iter (Printf.printf "%g ") fl; print_newline ();
  let xs, ys = Array.split [| (1, 'a'); (2, 'b') |] in Printf.printf "%d%d %c%c\n" xs.(0) xs.(1) ys.(0) ys.(1);
  catch (fun () -> ignore (Array.map2 ( + ) [| 1 |] [||]));
  p (String.concat "," (List.map string_of_int (Array.to_list (Array.of_list [ 4; 5; 6 ]))));
  let acc, arr = Array.fold_left_map (fun acc x -> (acc + x, acc)) 0 [| 1; 2; 3 |] in Printf.printf "%d %d%d%d\n" acc arr.(0) arr.(1) arr.(2);
  (match Array.find_opt (fun x -> x > 3) a with Some x -> pi x | None -> ());
  (* floats and boxed ints *)
  Printf.printf "%s %s %s %s %s\n" (string_of_float 3.0) (string_of_float 0.1) (string_of_float (1. /. 3.)) (string_of_float 1e300) (string_of_float (-. 0.5));
  Printf.printf "%g %g %g %g\n" (Float.succ 1.) (Float.round 2.5) (Float.trunc (-2.7)) (Float.rem 7. 3.);
  Printf.printf "%B %B %B %B\n" (Float.is_integer 3.) (Float.is_nan nan) (Float.is_finite infinity) (Float.equal nan nan);
  Printf.printf "%g %g %g %g\n" (Float.min 1. 2.) (Float.max (-0.) 0.) (Float.min_num nan 3.) (Float.max 1. nan);
  Printf.printf "%d %d %.3f %g\n" (Float.compare 1. 2.) (compare nan 1.) Float.pi (Float.of_int 3);
  let fa = Float.Array.init 4 float_of_int in Float.Array.set fa 0 9.5;
  Printf.printf "%g %d %g\n" (Float.Array.get fa 0) (Float.Array.length fa) (Float.Array.fold_left ( +. ) 0. fa);
  Printf.printf "%ld %ld %ld %s %ld\n" (Int32.add 2147483647l 1l) (Int32.div (-7l) 2l) (Int32.rem (-7l) 2l) (Int32.to_string Int32.min_int) (Int32.unsigned_div (-1l) 3l);
  Printf.printf "%Ld %Ld %d %Lx\n" (Int64.mul 3037000500L 3037000500L) (Int64.of_string "0x7fffffffffffffff") (Int64.unsigned_compare (-1L) 1L) (Int64.shift_right_logical (-1L) 4);
  Printf.printf "%nd %d %s\n" (Nativeint.of_int 5) (Nativeint.size) (match Int32.unsigned_to_int (-1l) with Some n -> string_of_int n | None -> "none");
  catch (fun () -> ignore (Int32.of_string "zz")); (try ignore (Int64.div 1L 0L) with Division_by_zero -> p "Division_by_zero");
  p (Int64.to_string (Int64.unsigned_rem (-1L) 10L));
  (* Buffer and Uchar *)
  let buf = Buffer.create 2 in
  Buffer.add_string buf "hello"; Buffer.add_char buf ' '; Buffer.add_substring buf "xworldx" 1 5; Buffer.add_utf_8_uchar buf (Uchar.of_int 0x20AC);
  p (Buffer.contents buf); Printf.printf "%d %c %s\n" (Buffer.length buf) (Buffer.nth buf 1) (Buffer.sub buf 6 5);
  Buffer.truncate buf 5; Buffer.add_substitute buf (fun v -> "<" ^ v ^ ">") " $x ${long} $(p) \\$no"; p (Buffer.contents buf);
  catch (fun () -> ignore (Buffer.nth buf 100)); Buffer.clear buf; Printf.printf "%d\n" (Buffer.length buf);
  Buffer.add_utf_16be_uchar buf (Uchar.of_int 0x1F600); Buffer.add_int32_le buf 7l; p (String.escaped (Buffer.contents buf));
  Printf.printf "%d %B %d %d\n" (Uchar.to_int (Uchar.succ (Uchar.of_int 0xD7FF))) (Uchar.is_valid 0xD800) (Uchar.to_int Uchar.rep) (Uchar.to_int (Uchar.of_char 'A'));
  catch (fun () -> ignore (Uchar.of_int 0xD800)); catch (fun () -> ignore (Uchar.to_char (Uchar.of_int 300)));
  (* Seq *)
  let sq = Seq.unfold (fun n -> if n > 5 then None else Some (n, n + 1)) 1 in
  Seq.iter (Printf.printf "%d ") (Seq.filter_map (fun x -> if x mod 2 = 0 then Some (x * 10) else None) sq); print_newline ();
  Printf.printf "%d\n" (Seq.fold_left ( + ) 0 (Seq.append sq (Seq.return 100)));
  Seq.iter (Printf.printf "%d ") (Seq.flat_map (fun x -> List.to_seq [ x; x ]) (Seq.cons 7 Seq.empty)); print_newline ()
