(* Float arrays and closures: the spectral norm of an infinite matrix. *)
let a i j = 1. /. float_of_int ((i + j) * (i + j + 1) / 2 + i + 1)

let mul_av n v av =
  for i = 0 to n - 1 do
    let s = ref 0. in
    for j = 0 to n - 1 do s := !s +. a i j *. v.(j) done;
    av.(i) <- !s
  done

let mul_atv n v atv =
  for i = 0 to n - 1 do
    let s = ref 0. in
    for j = 0 to n - 1 do s := !s +. a j i *. v.(j) done;
    atv.(i) <- !s
  done

let mul_atav n v atav =
  let u = Array.make n 0. in
  mul_av n v u; mul_atv n u atav

let () =
  let n = 1000 in
  let u = Array.make n 1. and v = Array.make n 0. in
  for _ = 1 to 10 do mul_atav n u v; mul_atav n v u done;
  let vbv = ref 0. and vv = ref 0. in
  for i = 0 to n - 1 do vbv := !vbv +. u.(i) *. v.(i); vv := !vv +. v.(i) *. v.(i) done;
  Printf.printf "%0.9f\n" (sqrt (!vbv /. !vv))
