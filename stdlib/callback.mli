(* Interface of Callback: declarations after OCaml's documented Stdlib API. *)

val register : string -> 'a -> unit

val register_exception : string -> exn -> unit
