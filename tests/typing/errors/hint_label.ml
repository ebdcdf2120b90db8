type r = { count : int } let f r = r.coutn
