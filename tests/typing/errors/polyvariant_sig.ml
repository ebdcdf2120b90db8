module M : sig val f : [< `A | `B ] -> int end = struct
  let f = function `A -> 1
end
