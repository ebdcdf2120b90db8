let get () = A.v + 1
