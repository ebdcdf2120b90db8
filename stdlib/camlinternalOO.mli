(* The object system's runtime support (an internal unit). Only what Oo needs is provided so
   far: method labels and object copy. Classes (create_table, make_class, ...) are not yet
   written. *)

type tag

val public_method_label : string -> tag

val copy : (< .. > as 'a) -> 'a
