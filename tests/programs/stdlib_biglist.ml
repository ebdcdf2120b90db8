(* List.map and @ on a 10-million-element list must not overflow the stack (ocaml-jit's
   List.map and @ switch to accumulate-and-reverse after 1000 elements). Real OCaml 4.13's
   are not tail-recursive and raise Stack_overflow with its default stack; the expected
   output was made with a large stack (stdlib_biglist.ocamlrunparam), so it shows what the
   results must be. Only checksums are printed. *)
let n = 10_000_000
let l = List.init n (fun i -> i)
let sum l = List.fold_left ( + ) 0 l
let () =
  let m = List.map (fun x -> 2 * x + 1) l in
  Printf.printf "map: length %d, sum %d\n" (List.length m) (sum m);
  let a = l @ m in
  Printf.printf "append: length %d, sum %d\n" (List.length a) (sum a);
  Printf.printf "first %d, last %d\n" (List.hd a) (List.nth a (2 * n - 1))
