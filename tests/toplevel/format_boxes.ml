(* Format: boxes, breaks, tags and flushes in format literals; Printf prints them as text *)
Format.printf "%d@." 3;;
let b = Buffer.create 16;;
let f = Format.formatter_of_buffer b;;
Format.fprintf f "@[<2>x =@ %d@]" 5; Format.pp_print_flush f (); Buffer.contents b;;
Format.asprintf "@[<v 2>a@,b@,c@]";;
Format.asprintf "@[<hov 1>[%s;@ %s;@ %s]@]" (String.make 30 'a') (String.make 30 'b') (String.make 30 'c');;
Printf.sprintf "a@[b@]c@ d@,e@@f@%%g";;
Printf.sprintf "user@example.com";;
Format.asprintf "@[x@;<1 2>y@]";;
Format.printf "@[<h>%s@ %s@]@." "aa" "bb";;
Format.printf "@{<tag>x@}@.";;
