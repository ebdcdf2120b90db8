(* Floating-point numbers: the [Stdlib] float operations gathered, plus IEEE helpers and
   flat float arrays. *)

external neg : float -> float = "%negfloat"
external add : float -> float -> float = "%addfloat"
external sub : float -> float -> float = "%subfloat"
external mul : float -> float -> float = "%mulfloat"
external div : float -> float -> float = "%divfloat"
external fma : float -> float -> float -> float =
  "caml_fma_float"
external rem : float -> float -> float = "caml_fmod_float"
external abs : float -> float = "%absfloat"
external of_int : int -> float = "%floatofint"
external to_int : float -> int = "%intoffloat"
external of_string : string -> float = "caml_float_of_string"
external classify_float : float -> fpclass =
  "caml_classify_float"
external pow : float -> float -> float = "caml_power_float"
external sqrt : float -> float = "caml_sqrt_float"
external cbrt : float -> float = "caml_cbrt_float"
external exp : float -> float = "caml_exp_float"
external exp2 : float -> float = "caml_exp2_float"
external log : float -> float = "caml_log_float"
external log10 : float -> float = "caml_log10_float"
external log2 : float -> float = "caml_log2_float"
external expm1 : float -> float = "caml_expm1_float"
external log1p : float -> float = "caml_log1p_float"
external cos : float -> float = "caml_cos_float"
external sin : float -> float = "caml_sin_float"
external tan : float -> float = "caml_tan_float"
external acos : float -> float = "caml_acos_float"
external asin : float -> float = "caml_asin_float"
external atan : float -> float = "caml_atan_float"
external atan2 : float -> float -> float = "caml_atan2_float"
external hypot : float -> float -> float = "caml_hypot_float"
external cosh : float -> float = "caml_cosh_float"
external sinh : float -> float = "caml_sinh_float"
external tanh : float -> float = "caml_tanh_float"
external acosh : float -> float = "caml_acosh_float"
external asinh : float -> float = "caml_asinh_float"
external atanh : float -> float = "caml_atanh_float"
external erf : float -> float = "caml_erf_float"
external erfc : float -> float = "caml_erfc_float"
external trunc : float -> float = "caml_trunc_float"
external round : float -> float = "caml_round_float"
external ceil : float -> float = "caml_ceil_float"
external floor : float -> float = "caml_floor_float"
external next_after : float -> float -> float
  = "caml_nextafter_float"
external copy_sign : float -> float -> float
  = "caml_copysign_float"
external sign_bit : float -> bool
  = "caml_signbit_float"
external frexp : float -> float * int = "caml_frexp_float"
external ldexp : float -> int -> float =
  "caml_ldexp_float"
external modf : float -> float * float = "caml_modf_float"

let zero = 0.
let one = 1.
let minus_one = -1.
let infinity = Stdlib.infinity
let neg_infinity = Stdlib.neg_infinity
let nan = Stdlib.nan
let pi = 0x1.921fb54442d18p+1
let max_float = Stdlib.max_float
let min_float = Stdlib.min_float
let epsilon = Stdlib.epsilon_float
let succ x = next_after x infinity
let pred x = next_after x neg_infinity
let is_finite x = x -. x = 0.
let is_infinite x = 1. /. x = 0.
let is_nan (x : float) = x <> x
let is_integer x = x = trunc x && is_finite x
let of_string_opt = Stdlib.float_of_string_opt
let to_string = Stdlib.string_of_float

type fpclass = Stdlib.fpclass = FP_normal | FP_subnormal | FP_zero | FP_infinite | FP_nan

type t = float

let compare (a : float) b = Stdlib.compare a b
let equal a b = compare a b = 0

(* IEEE-style min/max: nan wins, and -0. is smaller than +0. *)
let min (x : float) y =
  if is_nan x then x else if is_nan y then y
  else if x < y then x else if y < x then y else if sign_bit x then x else y

let max (x : float) y =
  if is_nan x then x else if is_nan y then y
  else if x > y then x else if y > x then y else if sign_bit x then y else x

let min_max x y = if is_nan x || is_nan y then (nan, nan) else (min x y, max x y)

(* The _num variants ignore a nan argument. *)
let min_num x y = if is_nan x then y else if is_nan y then x else min x y
let max_num x y = if is_nan x then y else if is_nan y then x else max x y
let min_max_num x y = if is_nan x then (y, y) else if is_nan y then (x, x) else (min x y, max x y)

external seeded_hash_param : int -> int -> int -> 'a -> int = "caml_hash"

let hash (x : float) = seeded_hash_param 10 100 0 x

module Array = struct
  type t = floatarray

  external length : t -> int = "%floatarray_length"
  external get : t -> int -> float = "%floatarray_safe_get"
  external set : t -> int -> float -> unit = "%floatarray_safe_set"
  external create : int -> t = "caml_floatarray_create"
  external unsafe_get : t -> int -> float = "%floatarray_unsafe_get"
  external unsafe_set : t -> int -> float -> unit = "%floatarray_unsafe_set"

  let fill_unchecked a ofs len v =
    for i = ofs to ofs + len - 1 do
      unsafe_set a i v
    done

  let make n v =
    let a = create n in
    fill_unchecked a 0 n v;
    a

  let init n f =
    if n < 0 then invalid_arg "Float.Array.init"
    else begin
      let a = create n in
      for i = 0 to n - 1 do
        unsafe_set a i (f i)
      done;
      a
    end

  (* Copies that may overlap (same array): copy in the safe direction. *)
  let blit_unchecked src so dst d len =
    if so < d then
      for i = len - 1 downto 0 do
        unsafe_set dst (d + i) (unsafe_get src (so + i))
      done
    else
      for i = 0 to len - 1 do
        unsafe_set dst (d + i) (unsafe_get src (so + i))
      done

  let sub a ofs len =
    if ofs < 0 || len < 0 || ofs > length a - len then invalid_arg "Float.Array.sub"
    else begin
      let r = create len in
      blit_unchecked a ofs r 0 len;
      r
    end

  let copy a = sub a 0 (length a)

  let append a b =
    let la = length a and lb = length b in
    let r = create (la + lb) in
    blit_unchecked a 0 r 0 la;
    blit_unchecked b 0 r la lb;
    r

  let concat l =
    let total = List.fold_left (fun n a -> n + length a) 0 l in
    let r = create total in
    let _ = List.fold_left (fun pos a -> blit_unchecked a 0 r pos (length a); pos + length a) 0 l in
    r

  let fill a ofs len v =
    if ofs < 0 || len < 0 || ofs > length a - len then invalid_arg "Float.Array.fill"
    else fill_unchecked a ofs len v

  let blit src so dst d len =
    if len < 0 || so < 0 || so > length src - len || d < 0 || d > length dst - len then
      invalid_arg "Float.Array.blit"
    else blit_unchecked src so dst d len

  let to_list a =
    let rec build i acc = if i < 0 then acc else build (i - 1) (unsafe_get a i :: acc) in
    build (length a - 1) []

  let of_list l =
    let a = create (List.length l) in
    List.iteri (fun i x -> unsafe_set a i x) l;
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
    let r = create (length a) in
    for i = 0 to length a - 1 do
      unsafe_set r i (f (unsafe_get a i))
    done;
    r

  let mapi f a =
    let r = create (length a) in
    for i = 0 to length a - 1 do
      unsafe_set r i (f i (unsafe_get a i))
    done;
    r

  let fold_left f acc a =
    let acc = ref acc in
    for i = 0 to length a - 1 do
      acc := f !acc (unsafe_get a i)
    done;
    !acc

  let fold_right f a acc =
    let acc = ref acc in
    for i = length a - 1 downto 0 do
      acc := f (unsafe_get a i) !acc
    done;
    !acc

  let iter2 f a b =
    if length a <> length b then invalid_arg "Float.Array.iter2: arrays must have the same length"
    else
      for i = 0 to length a - 1 do
        f (unsafe_get a i) (unsafe_get b i)
      done

  let map2 f a b =
    if length a <> length b then invalid_arg "Float.Array.map2: arrays must have the same length"
    else begin
      let r = create (length a) in
      for i = 0 to length a - 1 do
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

  let mem x a = exists (fun y -> compare y x = 0) a
  let mem_ieee x a = exists (fun y -> y = x) a

  (* Stable sort through a boxed array copy. *)
  let stable_sort cmp a =
    let boxed = Stdlib.Array.init (length a) (fun i -> unsafe_get a i) in
    Stdlib.Array.stable_sort cmp boxed;
    Stdlib.Array.iteri (fun i x -> unsafe_set a i x) boxed

  let sort = stable_sort
  let fast_sort = stable_sort

  let to_seq a =
    let rec from i () = if i < length a then Seq.Cons (unsafe_get a i, from (i + 1)) else Seq.Nil in
    from 0

  let to_seqi a =
    let rec from i () = if i < length a then Seq.Cons ((i, unsafe_get a i), from (i + 1)) else Seq.Nil in
    from 0

  let of_seq s = of_list (List.of_seq s)
  let map_to_array f a = Stdlib.Array.init (length a) (fun i -> f (unsafe_get a i))

  let map_from_array f a =
    let r = create (Stdlib.Array.length a) in
    Stdlib.Array.iteri (fun i x -> unsafe_set r i (f x)) a;
    r
end

module ArrayLabels = struct
  include Array

  let init n ~f = init n f
  let sub a ~pos ~len = sub a pos len
  let fill a ~pos ~len v = fill a pos len v
  let blit ~src ~src_pos ~dst ~dst_pos ~len = blit src src_pos dst dst_pos len
  let iter ~f a = iter f a
  let iteri ~f a = iteri f a
  let map ~f a = map f a
  let mapi ~f a = mapi f a
  let fold_left ~f ~init a = fold_left f init a
  let fold_right ~f a ~init = fold_right f a init
  let iter2 ~f a b = iter2 f a b
  let map2 ~f a b = map2 f a b
  let for_all ~f a = for_all f a
  let exists ~f a = exists f a
  let mem x ~set = mem x set
  let mem_ieee x ~set = mem_ieee x set
  let sort ~cmp a = sort cmp a
  let stable_sort ~cmp a = stable_sort cmp a
  let fast_sort ~cmp a = fast_sort cmp a
  let map_to_array ~f a = map_to_array f a
  let map_from_array ~f a = map_from_array f a
end
