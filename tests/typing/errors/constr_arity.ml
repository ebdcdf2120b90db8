let x = Some (1, 2, 3) let y = match x with Some (a, b) -> a
