let x = "abc
