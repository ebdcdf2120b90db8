type t = 'a list
