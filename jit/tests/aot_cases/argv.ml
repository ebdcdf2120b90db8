let () = print_int (Array.length Sys.argv)
