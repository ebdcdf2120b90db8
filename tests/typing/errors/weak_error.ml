let f = ref (fun x -> x) let () = !f 1; !f "a"
