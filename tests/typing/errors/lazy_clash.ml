let f () = (lazy 1 : string lazy_t)
