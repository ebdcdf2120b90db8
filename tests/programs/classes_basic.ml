(* Classes in a program: construction, inheritance, super calls, virtual methods, initializers,
   functional update, many objects (the GC-stress run moves them). *)
class virtual animal name = object (self)
  val name : string = name
  val mutable fed = 0
  method virtual sound : string
  method feed = fed <- fed + 1
  method fed = fed
  method speak = Printf.sprintf "%s says %s (fed %d)" name self#sound fed
end

class dog name = object
  inherit animal name
  method sound = "woof"
end

class loud_dog name = object
  inherit dog name as super
  method! sound = String.uppercase_ascii super#sound
  initializer Printf.printf "made %s\n" name
end

class ['a] stack = object
  val mutable items : 'a list = []
  method push x = items <- x :: items
  method pop = match items with [] -> None | x :: r -> items <- r; Some x
  method size = List.length items
end

class point (x : int) (y : int) = object
  val x = x
  val y = y
  method x = x
  method y = y
  method shift dx = {< x = x + dx >}
end

let () =
  let d = new dog "rex" in
  d#feed;
  print_endline d#speak;
  let l = new loud_dog "max" in
  l#feed; l#feed;
  print_endline l#speak;
  let animals : animal list = [ (d :> animal); (l :> animal) ] in
  List.iter (fun a -> print_endline a#sound) animals;
  let s = new stack in
  for i = 1 to 1000 do s#push (string_of_int i) done;
  let total = ref 0 in
  let rec drain () = match s#pop with Some x -> total := !total + int_of_string x; drain () | None -> () in
  drain ();
  Printf.printf "total %d, size %d\n" !total s#size;
  let pts = List.init 2000 (fun i -> new point i (2 * i)) in
  let moved = List.map (fun p -> p#shift 1) pts in
  let sum = List.fold_left (fun acc p -> acc + p#x + p#y) 0 moved in
  Printf.printf "sum %d\n" sum;
  let p = new point 1 2 in
  let q = Oo.copy p in
  Printf.printf "%b %b %d\n" (p = p) (Oo.id p <> Oo.id q) (q#shift 5)#x
