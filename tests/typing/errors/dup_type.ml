type t = int type t = bool
