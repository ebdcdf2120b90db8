class a = object method m = "a" method n = 1 end;;
class b = object inherit a as super method! m = "b>" ^ super#m method o = 3 end;;
class c = object inherit b as super method! m = "c>" ^ super#m end;;
(new c)#m;;
(new c)#n;;
class p x = object val v = x method v = v method show = string_of_int v end;;
class q = object inherit p 5 val w = 2 method sum = v + w end;;
(new q)#sum;;
(new q)#show;;
class r y = object (self) inherit p (y * 2) as base method show = "r:" ^ base#show ^ ":" ^ string_of_int self#v end;;
(new r 4)#show;;
class x1 = object method from_x1 = 1 end;;
class x2 = object method from_x2 = 2 end;;
class both = object inherit x1 inherit x2 method sum = 3 end;;
let o = new both;;
o#from_x1 + o#from_x2 + o#sum;;
class virtual shape = object (self)
  method virtual area : float
  method describe = Printf.sprintf "area %.1f" self#area
end;;
class square s = object inherit shape method area = s *. s end;;
(new square 3.)#describe;;
new shape;;
class virtual half = object inherit shape end;;
class init_order = object
  inherit p 1
  initializer print_endline "child init"
end;;
class p2 = object initializer print_endline "parent init" end;;
class c2 = object inherit p2 initializer print_endline "child init" end;;
let _ = new c2;;
(new square 2. :> shape);;
let shapes = [ (new square 1. :> shape); (new square 2. :> shape) ];;
List.map (fun s -> s#area) shapes;;
class with_let = let k = 10 in object method k = k end;;
class sub_let = object inherit with_let method k2 = 2 * 10 end;;
(new sub_let)#k;;
