let add3 a b c = a * 100 + b * 10 + c
let () =
  let f = add3 1 in
  let g = f 2 in
  let opaque = Sys.opaque_identity add3 in
  print_int (g 3 + opaque 4 5 6)
