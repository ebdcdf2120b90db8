(* Arrays. Float arrays are flat (unboxed), which the primitives handle; the code here is
   generic. *)

type 'a t = 'a array

external length : 'a array -> int = "%array_length"
external get : 'a array -> int -> 'a = "%array_safe_get"
external set : 'a array -> int -> 'a -> unit = "%array_safe_set"
external unsafe_get : 'a array -> int -> 'a = "%array_unsafe_get"
external unsafe_set : 'a array -> int -> 'a -> unit = "%array_unsafe_set"
external make : int -> 'a -> 'a array = "caml_make_vect"
external create : int -> 'a -> 'a array = "caml_make_vect"
external create_float : int -> float array = "caml_make_float_vect"
external unsafe_sub : 'a array -> int -> int -> 'a array = "caml_array_sub"
external append_prim : 'a array -> 'a array -> 'a array = "caml_array_append"
external concat : 'a array list -> 'a array = "caml_array_concat"
external unsafe_blit : 'a array -> int -> 'a array -> int -> int -> unit = "caml_array_blit"
external unsafe_fill : 'a array -> int -> int -> 'a -> unit = "caml_array_fill"

module Floatarray = struct
  external create : int -> floatarray = "caml_floatarray_create"
  external length : floatarray -> int = "%floatarray_length"
  external get : floatarray -> int -> float = "%floatarray_safe_get"
  external set : floatarray -> int -> float -> unit = "%floatarray_safe_set"
  external unsafe_get : floatarray -> int -> float = "%floatarray_unsafe_get"
  external unsafe_set : floatarray -> int -> float -> unit = "%floatarray_unsafe_set"
end

let make_float = create_float

(* The first element decides the array's representation (flat floats or not), so arrays are
   created from an element, then filled. *)
let init n f =
  if n = 0 then [||]
  else if n < 0 then invalid_arg "Array.init"
  else begin
    let a = make n (f 0) in
    for i = 1 to n - 1 do
      unsafe_set a i (f i)
    done;
    a
  end

let make_matrix rows cols v =
  let m = make rows [||] in
  for i = 0 to rows - 1 do
    unsafe_set m i (make cols v)
  done;
  m

let create_matrix = make_matrix

let copy a = if length a = 0 then [||] else unsafe_sub a 0 (length a)

let append a b =
  if length a = 0 then copy b else if length b = 0 then unsafe_sub a 0 (length a) else append_prim a b

let sub a ofs len =
  if ofs < 0 || len < 0 || ofs > length a - len then invalid_arg "Array.sub" else unsafe_sub a ofs len

let fill a ofs len v =
  if ofs < 0 || len < 0 || ofs > length a - len then invalid_arg "Array.fill" else unsafe_fill a ofs len v

let blit src so dst d len =
  if len < 0 || so < 0 || so > length src - len || d < 0 || d > length dst - len then
    invalid_arg "Array.blit"
  else unsafe_blit src so dst d len

let to_list a =
  let rec build i acc = if i < 0 then acc else build (i - 1) (unsafe_get a i :: acc) in
  build (length a - 1) []

let of_list = function
  | [] -> [||]
  | x :: rest as l ->
    let a = make (List.length l) x in
    let rec fill i = function [] -> () | y :: more -> unsafe_set a i y; fill (i + 1) more in
    fill 1 rest;
    a

let iter f a =
  for i = 0 to length a - 1 do
    f (unsafe_get a i)
  done

let iteri f a =
  for i = 0 to length a - 1 do
    f i (unsafe_get a i)
  done

let map f a =
  let n = length a in
  if n = 0 then [||]
  else begin
    let r = make n (f (unsafe_get a 0)) in
    for i = 1 to n - 1 do
      unsafe_set r i (f (unsafe_get a i))
    done;
    r
  end

let mapi f a =
  let n = length a in
  if n = 0 then [||]
  else begin
    let r = make n (f 0 (unsafe_get a 0)) in
    for i = 1 to n - 1 do
      unsafe_set r i (f i (unsafe_get a i))
    done;
    r
  end

let fold_left f acc a =
  let acc = ref acc in
  for i = 0 to length a - 1 do
    acc := f !acc (unsafe_get a i)
  done;
  !acc

let fold_left_map f acc a =
  let n = length a in
  if n = 0 then (acc, [||])
  else begin
    let acc, y0 = f acc (unsafe_get a 0) in
    let r = make n y0 in
    let acc = ref acc in
    for i = 1 to n - 1 do
      let acc', y = f !acc (unsafe_get a i) in
      acc := acc';
      unsafe_set r i y
    done;
    (!acc, r)
  end

let fold_right f a acc =
  let acc = ref acc in
  for i = length a - 1 downto 0 do
    acc := f (unsafe_get a i) !acc
  done;
  !acc

let iter2 f a b =
  if length a <> length b then invalid_arg "Array.iter2: arrays must have the same length"
  else
    for i = 0 to length a - 1 do
      f (unsafe_get a i) (unsafe_get b i)
    done

let map2 f a b =
  let n = length a in
  if n <> length b then invalid_arg "Array.map2: arrays must have the same length"
  else if n = 0 then [||]
  else begin
    let r = make n (f (unsafe_get a 0) (unsafe_get b 0)) in
    for i = 1 to n - 1 do
      unsafe_set r i (f (unsafe_get a i) (unsafe_get b i))
    done;
    r
  end

let for_all p a =
  let n = length a in
  let rec go i = i >= n || (p (unsafe_get a i) && go (i + 1)) in
  go 0

let exists p a =
  let n = length a in
  let rec go i = i < n && (p (unsafe_get a i) || go (i + 1)) in
  go 0

let for_all2 p a b =
  let n = length a in
  if n <> length b then invalid_arg "Array.for_all2"
  else
    let rec go i = i >= n || (p (unsafe_get a i) (unsafe_get b i) && go (i + 1)) in
    go 0

let exists2 p a b =
  let n = length a in
  if n <> length b then invalid_arg "Array.exists2"
  else
    let rec go i = i < n && (p (unsafe_get a i) (unsafe_get b i) || go (i + 1)) in
    go 0

let mem v a = exists (fun x -> compare x v = 0) a
let memq v a = exists (fun x -> x == v) a

let find_opt p a =
  let n = length a in
  let rec go i = if i >= n then None else let x = unsafe_get a i in if p x then Some x else go (i + 1) in
  go 0

let find_map f a =
  let n = length a in
  let rec go i = if i >= n then None else match f (unsafe_get a i) with None -> go (i + 1) | r -> r in
  go 0

let split a =
  let n = length a in
  if n = 0 then ([||], [||])
  else begin
    let x0, y0 = unsafe_get a 0 in
    let xs = make n x0 and ys = make n y0 in
    for i = 1 to n - 1 do
      let x, y = unsafe_get a i in
      unsafe_set xs i x;
      unsafe_set ys i y
    done;
    (xs, ys)
  end

let combine a b =
  let n = length a in
  if n <> length b then invalid_arg "Array.combine"
  else if n = 0 then [||]
  else begin
    let r = make n (unsafe_get a 0, unsafe_get b 0) in
    for i = 1 to n - 1 do
      unsafe_set r i (unsafe_get a i, unsafe_get b i)
    done;
    r
  end

(* Sorting: a stable merge sort, with a scratch copy; both [sort] and [stable_sort] use it.
   [sort_into cmp src dst lo hi] leaves src.(lo..hi-1) sorted in dst (both hold the same
   elements on entry; src is used as scratch). *)
let rec sort_into cmp src dst lo hi =
  let len = hi - lo in
  if len <= 6 then begin
    (* insertion sort of src's range, written into dst *)
    for i = lo to hi - 1 do
      let x = unsafe_get src i in
      let j = ref (i - 1) in
      while !j >= lo && cmp (unsafe_get dst !j) x > 0 do
        unsafe_set dst (!j + 1) (unsafe_get dst !j);
        decr j
      done;
      unsafe_set dst (!j + 1) x
    done
  end
  else begin
    let mid = lo + (len / 2) in
    sort_into cmp dst src lo mid;
    sort_into cmp dst src mid hi;
    let i = ref lo and j = ref mid and k = ref lo in
    while !i < mid && !j < hi do
      let a = unsafe_get src !i and b = unsafe_get src !j in
      if cmp a b <= 0 then (unsafe_set dst !k a; incr i) else (unsafe_set dst !k b; incr j);
      incr k
    done;
    while !i < mid do
      unsafe_set dst !k (unsafe_get src !i); incr i; incr k
    done;
    while !j < hi do
      unsafe_set dst !k (unsafe_get src !j); incr j; incr k
    done
  end

let stable_sort cmp a =
  let n = length a in
  if n > 1 then sort_into cmp (copy a) a 0 n

let sort = stable_sort
let fast_sort = stable_sort

(* Sequences *)

let to_seq a =
  let rec from i () = if i < length a then Seq.Cons (unsafe_get a i, from (i + 1)) else Seq.Nil in
  from 0

let to_seqi a =
  let rec from i () = if i < length a then Seq.Cons ((i, unsafe_get a i), from (i + 1)) else Seq.Nil in
  from 0

let of_seq s = of_list (List.of_seq s)
