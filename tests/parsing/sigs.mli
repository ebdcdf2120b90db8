val x : int
external g : int -> int = "g"
type t
type 'a u = 'a list
type v := int
exception E of string
module M : sig val y : int end
module N = M
module O := M
module F (X : S) : S
module rec A : S and B : T
module type S = sig end
module type T
module type U := S
open M
include S with type t = int
class c : object method m : int end
class type ct = object val x : int method m : int end
[@@@attr]
