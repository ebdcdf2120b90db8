let f () = if true then 3 else ()
