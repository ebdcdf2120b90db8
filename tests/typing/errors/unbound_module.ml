let x = Lsit.map succ []
