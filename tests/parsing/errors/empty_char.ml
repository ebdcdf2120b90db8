let x = ''
