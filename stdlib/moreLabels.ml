(* Hashtbl, Map and Set with labelled arguments. The implementation is the unlabelled modules
   themselves: this unit is compiled in -nolabels mode (see check.sh), where a function type
   matches the interface's labelled one. *)

module Hashtbl = Hashtbl
module Map = Map
module Set = Set
