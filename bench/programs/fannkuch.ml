(* Array permutations: integer arrays, loops, swaps. *)
let fannkuch n =
  let perm = Array.make n 0 and perm1 = Array.init n (fun i -> i) and count = Array.make n 0 in
  let max_flips = ref 0 and checksum = ref 0 and sign = ref 1 and r = ref n and go = ref true in
  while !go do
    while !r <> 1 do count.(!r - 1) <- !r; decr r done;
    Array.blit perm1 0 perm 0 n;
    let flips = ref 0 in
    let k = ref perm.(0) in
    while !k <> 0 do
      let i = ref 0 and j = ref !k in
      while !i < !j do
        let t = perm.(!i) in perm.(!i) <- perm.(!j); perm.(!j) <- t; incr i; decr j
      done;
      incr flips;
      k := perm.(0)
    done;
    if !flips > !max_flips then max_flips := !flips;
    checksum := !checksum + !sign * !flips;
    sign := - !sign;
    let rec next () =
      if !r = n then go := false
      else begin
        let p0 = perm1.(0) in
        for i = 0 to !r - 1 do perm1.(i) <- perm1.(i + 1) done;
        perm1.(!r) <- p0;
        count.(!r) <- count.(!r) - 1;
        if count.(!r) > 0 then () else (incr r; next ())
      end
    in
    next ()
  done;
  (!checksum, !max_flips)

let () =
  let (c, m) = fannkuch 9 in
  print_int c; print_newline ();
  print_string "Pfannkuchen(9) = "; print_int m; print_newline ()
