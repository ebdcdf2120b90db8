type t = A type t += B
