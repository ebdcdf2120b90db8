let x : int option = Some "a"
