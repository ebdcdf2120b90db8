(* Interface of StdLabels: declarations after OCaml's documented Stdlib API. *)

module Array = ArrayLabels
module Bytes = BytesLabels
module List = ListLabels
module String = StringLabels
