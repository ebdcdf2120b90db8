(* Immediate objects at run time: method calls, instance variables, self, functional update,
   copies, ids, comparison, and many objects alive across collections. *)

let counter start =
  object (self)
    val mutable n = start
    val step = 1
    method get = n
    method incr = n <- n + step
    method add k = for _ = 1 to k do self#incr done
    method reset = {< n = 0 >}
    method private secret = 42
    method reveal = self#secret + n
  end

let () =
  let c = counter 10 in
  c#incr;
  c#add 5;
  Printf.printf "get=%d reveal=%d\n" c#get c#reveal;
  let d = c#reset in
  d#add 3;
  Printf.printf "c=%d d=%d\n" c#get d#get;
  Printf.printf "ids differ: %b\n" (Oo.id c <> Oo.id d);
  let e = Oo.copy c in
  e#incr;
  Printf.printf "c=%d e=%d\n" c#get e#get;
  Printf.printf "c=c %b, c=e %b, compare sign %b\n" (c = c) (c = e) (compare c e <> 0)

(* Polymorphic methods and objects in data structures. *)
let id = object method f : 'a. 'a -> 'a = fun x -> x end

let () = Printf.printf "%d %s\n" (id#f 3) (id#f "three")

let points =
  List.init 1000 (fun i ->
      object
        val x = i
        val y = float_of_int i *. 0.5
        val name = string_of_int i
        method x = x
        method y = y
        method name = name
        method moved dx = {< x = x + dx; name = name ^ "'" >}
      end)

let () =
  let moved = List.map (fun p -> p#moved 1) points in
  let garbage = List.init 10000 (fun i -> Array.make 10 i) in
  ignore (List.length garbage);
  let sx = List.fold_left (fun acc p -> acc + p#x) 0 moved in
  let sy = List.fold_left (fun acc p -> acc +. p#y) 0.0 points in
  let last = List.nth moved 999 in
  Printf.printf "sum x=%d sum y=%.1f last=%s\n" sx sy last#name

(* Objects capturing their environment, and a method returning self. *)
let make_greeter greeting =
  object (self)
    method greet name = greeting ^ ", " ^ name
    method me = self
    method twice name = (self#me)#greet name ^ "! " ^ self#greet name
  end

let () =
  let g = make_greeter "Hello" in
  print_endline (g#twice "world")

(* Structural typing: one function over different objects. *)
let describe o = Printf.sprintf "%s=%d" o#name o#value

let () =
  let a = object method name = "a" method value = 1 method extra = true end in
  let b = object method name = "b" method value = 2 end in
  print_endline (describe a ^ " " ^ describe b);
  let l = [ (a :> < name : string; value : int >); b ] in
  List.iter (fun o -> print_endline o#name) l

(* Initializers and hashing. *)
let () =
  let log = ref [] in
  let o = object (self) val v = 7 method v = v initializer log := self#v :: !log end in
  Printf.printf "init ran: %d, v=%d\n" (List.length !log) o#v;
  Printf.printf "hash equal for same object: %b\n" (Hashtbl.hash o = Hashtbl.hash o)
