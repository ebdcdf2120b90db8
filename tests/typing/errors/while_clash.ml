let f () = while 1 do () done
