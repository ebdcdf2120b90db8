external f : int -> int = "caml_f"
external g : int -> int = "caml_g" "caml_g_native" [@@noalloc]
exception E
exception F of int * string
exception G = E
module M = struct let x = 1 end
module N : S = struct end
module F (X : S) (Y : T) = struct end
module G = functor (X : S) -> struct end
module H = F (M) (N)
module I = (val m : S)
module J = (M : S)
module rec A : S = struct end and B : T = struct end
module type S = sig val x : int end
module type T = functor (X : S) -> S with type t = int
module type U = S with module M = N and type 'a t := 'a list
module type V = module type of M
module type W
open M
open! N
include M
include struct let y = 2 end
let () = print_endline "hi"
;;
f x
;;
let%ext x = 1
[%%ext let y = 2]
[@@@warning "-32"]
let x = 1 [@@inline] [@@other]
type t = int [@@deriving show]
