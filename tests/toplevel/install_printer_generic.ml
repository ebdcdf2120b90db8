(* Generic printers: printers for the type's parameters come first; the toplevel passes its own *)
type 'a box = Box of 'a;;
let pp_box pp fmt (Box v) = Format.fprintf fmt "Box(%a)" pp v;;
#install_printer pp_box;;
Box 3;;
Box "s";;
Box (Box [1; 2]);;
[Box (Some 1.5); Box None];;
type ('a, 'b) pair = P of 'a * 'b;;
let pp_pair pa pb fmt (P (a, b)) = Format.fprintf fmt "<%a|%a>" pa a pb b;;
#install_printer pp_pair;;
P (1, "x");;
P (Box 'c', [P (true, ())]);;
#remove_printer pp_box;;
P (Box 'c', 2);;
let pp_bad (x : int) fmt (y : int) = ();;
#install_printer pp_bad;;
#remove_printer pp_bad;;
