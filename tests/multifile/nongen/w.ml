let cache = ref []
let remember x = cache := x :: !cache
