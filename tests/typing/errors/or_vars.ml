let f = function (Some x | None) -> 1
