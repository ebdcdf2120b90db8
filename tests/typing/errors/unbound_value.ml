let x = prin_endline "a"
