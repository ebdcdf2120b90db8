(* Allocation-heavy: build and walk many short-lived binary trees, keep one long-lived. *)
type tree = Leaf | Node of tree * tree

let rec make d = if d = 0 then Node (Leaf, Leaf) else Node (make (d - 1), make (d - 1))

let rec check t = match t with Leaf -> 0 | Node (l, r) -> 1 + check l + check r

let () =
  let max_depth = 16 in
  let long_lived = make max_depth in
  let d = ref 4 in
  while !d <= max_depth do
    let iters = 1 lsl (max_depth - !d + 4) in
    let total = ref 0 in
    for _ = 1 to iters do total := !total + check (make !d) done;
    print_int iters; print_string " trees of depth "; print_int !d;
    print_string " check: "; print_int !total; print_newline ();
    d := !d + 2
  done;
  print_string "long lived check: "; print_int (check long_lived); print_newline ()
