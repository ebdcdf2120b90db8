type t
val make : string -> t
val name : t -> string
