class point x_init = object
  val mutable x = x_init
  method get_x = x
  method move d = x <- x + d
end;;
let p = new point 7;;
p#move 3;;
p#get_x;;
class c = object val x = 1 val mutable y = "a" method m = x method private p = y method n = 2 end;;
let o = new c;;
o#m, o#n;;
class d x y = let z = x + y in object (self) method get = z method twice = self#get * 2 initializer print_endline "init" end;;
let o2 = new d 1 2;;
o2#twice;;
class counter = let count = ref 0 in object method next = incr count; !count end;;
let a = new counter;;
let b = new counter;;
a#next;;
b#next;;
class counter2 () = let count = ref 0 in object method next = incr count; !count end;;
let a2 = new counter2 ();;
let b2 = new counter2 ();;
a2#next;;
b2#next;;
class lab ~a ?(b=2) () = object method s = a + b end;;
new lab;;
(new lab ~a:1 ())#s;;
(new lab ~a:1 ~b:10 ())#s;;
class self_ref = object (s) method a = 1 method b = s#a + 1 method me = s end;;
(new self_ref)#b;;
class ['a] cell (x : 'a) = object val mutable v = x method get = v method set y = v <- y end;;
let c1 = new cell 3;;
c1#set 4;;
c1#get;;
let c2 = new cell "s";;
fun (x : c) -> x;;
class virtual v = object method virtual f : int method g = 1 val virtual q : int end;;
new v;;
class bad = object method virtual m : int end;;
class unb = object method m = [] end;;
new nosuch;;
class copyable = object val n = 0 method inc = {< n = n + 1 >} method n = n end;;
((new copyable)#inc#inc)#n;;
let o3 = new point 1 in let o4 = Oo.copy o3 in o4#move 5; (o3#get_x, o4#get_x);;
