(* Pseudo-random numbers: OCaml 4.14's lagged-Fibonacci generator (55 words of 30 bits,
   taps 55 and 24), re-implemented so that seeded sequences are the same as OCaml's. *)

module State = struct
  type t = { st : int array; mutable idx : int }

  let size = 55
  let mask30 = 0x3FFFFFFF

  let copy s = { st = Array.copy s.st; idx = s.idx }

  let assign dst src =
    Array.blit src.st 0 dst.st 0 size;
    dst.idx <- src.idx

  (* Seeding: the words start as 0..54, then each is mixed with bytes of a running MD5 chain
     over the seed values. *)
  let full_init s seed =
    let seed = if Array.length seed = 0 then [| 0 |] else seed in
    let n = Array.length seed in
    let digest_word d =
      Char.code d.[0] lor (Char.code d.[1] lsl 8) lor (Char.code d.[2] lsl 16) lor (Char.code d.[3] lsl 24)
    in
    for i = 0 to size - 1 do
      s.st.(i) <- i
    done;
    let chain = ref "x" in
    for i = 0 to size - 1 + Int.max size n do
      chain := Digest.string (!chain ^ Int.to_string seed.(i mod n));
      let j = i mod size in
      s.st.(j) <- s.st.(j) lxor digest_word !chain land mask30
    done;
    s.idx <- 0

  let make seed =
    let s = { st = Array.make size 0; idx = 0 } in
    full_init s seed;
    s

  external random_seed : unit -> int array = "caml_sys_random_seed"

  let make_self_init () = make (random_seed ())

  (* 30 fresh random bits *)
  let bits s =
    s.idx <- (s.idx + 1) mod size;
    let cur = s.st.(s.idx) in
    let next = s.st.((s.idx + 24) mod size) + (cur lxor ((cur lsr 25) land 0x1F)) in
    let v = next land mask30 in
    s.st.(s.idx) <- v;
    v

  (* Uniform in [0, n): draws falling in the incomplete last block of size n are redrawn. *)
  let rec int_below s n =
    let r = bits s in
    let v = r mod n in
    if r - v > mask30 - n + 1 then int_below s n else v

  let int s bound = if bound > mask30 || bound <= 0 then invalid_arg "Random.int" else int_below s bound

  let rec int32_below s n =
    let low = Int32.of_int (bits s) in
    let high = Int32.shift_left (Int32.of_int (bits s land 1)) 30 in
    let r = Int32.logor low high in
    let v = Int32.rem r n in
    if Int32.sub r v > Int32.add (Int32.sub Int32.max_int n) 1l then int32_below s n else v

  let int32 s bound = if bound <= 0l then invalid_arg "Random.int32" else int32_below s bound

  let rec int64_below s n =
    let b1 = Int64.of_int (bits s) in
    let b2 = Int64.shift_left (Int64.of_int (bits s)) 30 in
    let b3 = Int64.shift_left (Int64.of_int (bits s land 7)) 60 in
    let r = Int64.logor b1 (Int64.logor b2 b3) in
    let v = Int64.rem r n in
    if Int64.sub r v > Int64.add (Int64.sub Int64.max_int n) 1L then int64_below s n else v

  let int64 s bound = if bound <= 0L then invalid_arg "Random.int64" else int64_below s bound

  (* Bounds above 2^30: 31 bits are taken from two draws (upper 15 bits of the first, 16 of
     the second) when the bound fits in 31 bits, otherwise 62 bits from three draws. *)
  let rec int63_below s n =
    let max31 = (1 lsl 31) - 1 in
    let d1 = bits s in
    let d2 = bits s in
    let r, top =
      if n <= max31 then (((d2 land 0x3FFFC000) lsl 1) lor (d1 lsr 15), max31)
      else
        let d3 = bits s in
        (((((d3 land 0x3FFFFE00) lsl 12) lor (d2 lsr 9)) lsl 20) lor (d1 lsr 10), max_int)
    in
    let v = r mod n in
    if r - v > top - n + 1 then int63_below s n else v

  let full_int s bound =
    if bound <= 0 then invalid_arg "Random.full_int"
    else if bound > mask30 then int63_below s bound
    else int_below s bound

  let nativeint s bound =
    if bound <= 0n then invalid_arg "Random.nativeint"
    else if Nativeint.size = 32 then Nativeint.of_int32 (int32_below s (Nativeint.to_int32 bound))
    else Int64.to_nativeint (int64_below s (Int64.of_nativeint bound))

  (* 60 random bits scaled to [0, 1) *)
  let raw_float s =
    let scale = 1073741824.0 in
    let r1 = Stdlib.float (bits s) in
    let r2 = Stdlib.float (bits s) in
    ((r1 /. scale) +. r2) /. scale

  let float s bound = raw_float s *. bound
  let bool s = bits s land 1 = 0
end

(* The default generator starts in the same state as OCaml's (see tools/random_default_state.ml). *)
let default =
  {
    State.st =
      [| 0x3ae2522b; 0x1d8d4634; 0x15b4fad0; 0x18b14ace; 0x12f8a3c4;
         0x3b086c47; 0x16d467d6; 0x101d91c7; 0x321df177; 0x176c193;
         0x1ff72bf1; 0x1e889109; 0xb464b18; 0x2b86b97c; 0x891da48;
         0x3137463; 0x85ac5a1; 0x15d61f2f; 0x3bced359; 0x29c1c132;
         0x3a86766e; 0x366d8c86; 0x1f5b6222; 0x3ce1b59f; 0x2ebf78e1;
         0x27cd1b86; 0x258f3dc3; 0x389a8194; 0x2e4c44c; 0x18c43f7d;
         0xf6e534f; 0x1e7df359; 0x55d0b7e; 0x10e84e7e; 0x126198e4;
         0xe7722cb; 0x1cbede28; 0x3391b964; 0x3d40e92a; 0xc59933d;
         0xb8cd0b7; 0x24efff1c; 0x2803fdaa; 0x8ebc72e; 0xf522e32;
         0x5398edc; 0x2144a04c; 0xaef3cbd; 0x1ad4719; 0x35b93cd6;
         0x2a559d4f; 0x1e6fd768; 0x26e27f36; 0x186f18c3; 0x2fbf967a |];
    idx = 0;
  }

let bits () = State.bits default
let int bound = State.int default bound
let full_int bound = State.full_int default bound
let int32 bound = State.int32 default bound
let nativeint bound = State.nativeint default bound
let int64 bound = State.int64 default bound
let float scale = State.float default scale
let bool () = State.bool default
let full_init seed = State.full_init default seed
let init seed = full_init [| seed |]
let self_init () = full_init (State.random_seed ())
let get_state () = State.copy default
let set_state s = State.assign default s
