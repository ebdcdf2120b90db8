(* #show_class and #show_class_type on names that are not classes. OCaml 4.13 (the oracle)
   stops with an assertion failure when it shows a class that exists, so the classes that
   exist are tested in repl/tests/show_class.rs against what their definitions print. *)
class type ct = object method n : int end;;
#show_class nope;;
#show_class_type nope;;
#show_class ct;;
#show_class List.nope;;
#show_class Nope.c;;
