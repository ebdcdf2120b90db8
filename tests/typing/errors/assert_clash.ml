let f () = assert 1
