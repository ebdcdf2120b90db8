let count = ref 0
let greet name = incr count; "hello, " ^ name
