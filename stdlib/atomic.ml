(* Atomic references. ocaml-jit runs one domain and never switches threads inside these
   functions, so plain reads and writes are atomic; the layout is a ref's. *)

type !'a t = { mutable value : 'a }

let make value = { value }
let get r = r.value
let set r v = r.value <- v

let exchange r v =
  let old = r.value in
  r.value <- v;
  old

(* Compares physically, like the hardware instruction it stands for. *)
let compare_and_set r seen v =
  if r.value == seen then begin
    r.value <- v;
    true
  end
  else false

let fetch_and_add r n =
  let old = r.value in
  r.value <- old + n;
  old

let incr r = ignore (fetch_and_add r 1)
let decr r = ignore (fetch_and_add r (-1))
