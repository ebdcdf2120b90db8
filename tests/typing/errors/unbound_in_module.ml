let x = List.lenght
