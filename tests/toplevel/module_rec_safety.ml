module rec A : sig val x : int end = struct let x = B.x end
and B : sig val x : int end = struct let x = A.x end;;
module rec C : sig val f : int -> int end = struct let f n = if n = 0 then 0 else D.g (n - 1) end
and D : sig val g : int -> int end = struct let g n = C.f n + 1 end;;
C.f 5;;
module rec E : sig val x : int val f : unit -> int end = struct let x = F.y let f () = 1 end
and F : sig val y : int end = struct let y = E.f () end;;
module rec G : sig type t = Leaf | Node of G.t * G.t val size : t -> int end = struct
  type t = Leaf | Node of G.t * G.t
  let size = function Leaf -> 1 | Node (a, b) -> G.size a + G.size b end;;
G.size (G.Node (G.Leaf, G.Leaf));;
module rec H : sig val f : int -> int end = struct let f = I.f end
and I : sig val f : int -> int end = struct let f x = H.f x end;;
module rec J : sig val v : int lazy_t end = struct let v = lazy (K.w + 1) end
and K : sig val w : int end = struct let w = 3 end;;
Lazy.force J.v;;
module rec P : sig val f : unit -> int val g : unit -> int end = struct let f () = 1 let g = P.f end;;
P.g ();;
module rec Q : sig module S : sig val n : int end end = struct module S = struct let n = R.m end end
and R : sig val m : int end = struct let m = Q.S.n + 1 end;;
module rec X : sig type t val a : t end = struct type t = int let a = Y.b end
and Y : sig val b : X.t end = struct let b = Z.c end
and Z : sig val c : X.t val d : int end = struct let c = X.a let d = 4 end;;
module rec Fn : functor (A : sig end) -> sig val v : int end = functor (A : sig end) -> struct let v = Gn.w end
and Gn : sig val w : int end = struct module I = Fn (struct end) let w = I.v end;;
module rec Ok1 : sig val x : int end = struct let x = 3 end
and Ok2 : sig val y : int end = struct let y = Ok1.x + 1 end;;
Ok2.y;;
module rec A : sig val f : unit -> int end = struct let f = let _ = A.f () in fun () -> 1 end;;
module rec B : sig val f : unit -> int end = struct let g = B.f let f () = 2 end;;
  module rec C : sig val f : unit -> int end = struct let f = C.f end;;
C.f ();;
