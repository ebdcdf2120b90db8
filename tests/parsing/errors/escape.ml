let x = '\z'
