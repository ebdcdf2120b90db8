let f r = r.contnts
