(* Sorting: a hand-written merge sort on lists and quicksort on arrays. *)
let rec merge cmp a b =
  match a, b with
  | [], l | l, [] -> l
  | x :: a', y :: b' -> if cmp x y <= 0 then x :: merge cmp a' b else y :: merge cmp a b'

let rec split l a b = match l with [] -> (a, b) | x :: r -> split r b (x :: a)

let rec msort cmp l =
  match l with
  | [] | [_] -> l
  | _ -> let (a, b) = split l [] [] in merge cmp (msort cmp a) (msort cmp b)

let qsort arr =
  let rec go lo hi =
    if lo < hi then begin
      let p = arr.((lo + hi) / 2) in
      let i = ref lo and j = ref hi in
      while !i <= !j do
        while arr.(!i) < p do incr i done;
        while arr.(!j) > p do decr j done;
        if !i <= !j then begin
          let t = arr.(!i) in arr.(!i) <- arr.(!j); arr.(!j) <- t; incr i; decr j
        end
      done;
      go lo !j; go !i hi
    end
  in
  go 0 (Array.length arr - 1)

let () =
  let seed = ref 42 in
  let rand () = seed := (!seed * 1103515245 + 12345) land 0x3fffffff; !seed in
  let total = ref 0 in
  for _ = 1 to 10 do
    let l = List.init 20000 (fun _ -> rand () mod 100000) in
    let s = msort compare l in
    total := !total + List.hd s
  done;
  let arr = Array.init 300_000 (fun _ -> rand () mod 1000000) in
  qsort arr;
  print_int !total; print_newline ();
  print_int arr.(0); print_string " "; print_int arr.(299_999); print_newline ()
