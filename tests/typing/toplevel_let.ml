let Some x = Some 1
let (a, b) = (1, "b")
let { contents } = ref 0
