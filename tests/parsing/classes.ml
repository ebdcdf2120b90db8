class c = object end
class d x = object (self) val mutable v = x method get = v method set y = v <- y end
class virtual e = object method virtual m : int val virtual w : int end
class ['a] f (x : 'a) = object inherit c val y = x method private p = 1 initializer print () end
class g = let x = 1 in object method m = x end
class h = fun x -> object method m : 'a. 'a -> 'a = fun y -> y end
class i = (c : ct)
class j = f 1
class type ct = object method m : int end
class k = object method! m = 1 val! v = 2 inherit! c as super constraint 'a = int end
class l = object method n : type a. a -> a = fun x -> x end
