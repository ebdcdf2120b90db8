(* GADTs: explicit result types, existentials, refinement under locally abstract types. *)
type _ expr =
  | Int : int -> int expr
  | Bool : bool -> bool expr
  | Add : int expr * int expr -> int expr
  | If : bool expr * 'a expr * 'a expr -> 'a expr
  | Pair : 'a expr * 'b expr -> ('a * 'b) expr
  | Fst : ('a * 'b) expr -> 'a expr

let rec eval : type a. a expr -> a = function
  | Int n -> n
  | Bool b -> b
  | Add (a, b) -> eval a + eval b
  | If (c, t, e) -> if eval c then eval t else eval e
  | Pair (a, b) -> (eval a, eval b)
  | Fst p -> fst (eval p)

type (_, _) eq = Refl : ('a, 'a) eq

let cast : type a b. (a, b) eq -> a -> b = fun Refl x -> x

let sym : type a b. (a, b) eq -> (b, a) eq = function Refl -> Refl

type any = Any : 'a * ('a -> string) -> any

let show (Any (x, f)) = f x

let l = [ Any (1, string_of_int); Any ("s", fun s -> s) ]

type _ ty = TInt : int ty | TString : string ty | TList : 'a ty -> 'a list ty

let rec to_string : type a. a ty -> a -> string = fun t x ->
  match t with
  | TInt -> string_of_int x
  | TString -> x
  | TList t' -> String.concat ";" (List.map (to_string t') x)

let default (type a) (t : a ty) : a =
  match t with TInt -> 0 | TString -> "" | TList _ -> []

let rec same : type a b. a ty -> b ty -> (a, b) eq option = fun a b ->
  match a, b with
  | TInt, TInt -> Some Refl
  | TString, TString -> Some Refl
  | TList a', TList b' -> (match same a' b' with Some Refl -> Some Refl | None -> None)
  | _, _ -> None

(* Existentials refined by a nested match. *)
type packed = Packed : 'a ty * 'a -> packed

let packed_to_string (Packed (t, v)) = to_string t v

let is_int (Packed (t, v)) = match t with TInt -> v > 0 | _ -> false

(* Or-patterns of GADT constructors with different refinements. *)
let is_scalar : type a. a ty -> bool = function TInt | TString -> true | TList _ -> false
