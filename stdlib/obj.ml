(* Untyped access to the representation of values. *)

type t
type raw_data = nativeint

external repr : 'a -> t = "%identity"
external obj : t -> 'a = "%identity"
external magic : 'a -> 'b = "%identity"
external is_int : t -> bool = "%obj_is_int"

let is_block v = not (is_int v)

external tag : t -> int = "caml_obj_tag"
external size : t -> int = "%obj_size"
external reachable_words : t -> int = "caml_obj_reachable_words"
external field : t -> int -> t = "%obj_field"
external set_field : t -> int -> t -> unit = "%obj_set_field"
external set_tag : t -> int -> unit = "caml_obj_set_tag"
external floatarray_get : floatarray -> int -> float = "caml_floatarray_get"
external floatarray_set : floatarray -> int -> float -> unit = "caml_floatarray_set"

(* A block of doubles is accessed as a flat float array. *)
let double_field v i = floatarray_get (obj v : floatarray) i
let set_double_field v i x = floatarray_set (obj v : floatarray) i x

external raw_field : t -> int -> raw_data = "caml_obj_raw_field"
external set_raw_field : t -> int -> raw_data -> unit = "caml_obj_set_raw_field"
external new_block : int -> int -> t = "caml_obj_block"
external dup : t -> t = "caml_obj_dup"
external truncate : t -> int -> unit = "caml_obj_truncate"
external add_offset : t -> Int32.t -> t = "caml_obj_add_offset"
external with_tag : int -> t -> t = "caml_obj_with_tag"

let first_non_constant_constructor_tag = 0
let last_non_constant_constructor_tag = 245
let lazy_tag = 246
let closure_tag = 247
let object_tag = 248
let infix_tag = 249
let forward_tag = 250
let no_scan_tag = 251
let abstract_tag = 251
let string_tag = 252
let double_tag = 253
let double_array_tag = 254
let custom_tag = 255
let final_tag = custom_tag
let int_tag = 1000
let out_of_heap_tag = 1001
let unaligned_tag = 1002

module Closure = struct
  type info = { arity : int; start_env : int }

  (* The second word of a closure: arity in the top 8 bits, then the offset of the
     environment, then a tag bit. *)
  let info v =
    let word = raw_field v 1 in
    {
      arity = Nativeint.to_int (Nativeint.shift_right word 56);
      start_env = Nativeint.to_int (Nativeint.shift_right_logical (Nativeint.shift_left word 8) 9);
    }
end

module Extension_constructor = struct
  type t = extension_constructor

  (* An exception value is either the constructor itself (constant) or a block whose first
     field is the constructor; a constructor is an object-tagged block (name, id). *)
  let of_val x =
    let x = repr x in
    let slot = if is_block x && tag x <> object_tag && size x >= 1 then field x 0 else x in
    if is_block slot && tag slot = object_tag && tag (field slot 0) = string_tag then (obj slot : t)
    else invalid_arg "Obj.extension_constructor"

  let name (c : t) : string = obj (field (repr c) 0)
  let id (c : t) : int = obj (field (repr c) 1)
end

let extension_constructor = Extension_constructor.of_val
let extension_name = Extension_constructor.name
let extension_id = Extension_constructor.id

external marshal_to_bytes : t -> unit list -> bytes = "caml_output_value_to_bytes"
external unmarshal_from_bytes : bytes -> int -> t = "caml_input_value_from_bytes"
external marshal_data_size : bytes -> int -> int = "caml_marshal_data_size"

let marshal v = marshal_to_bytes v []

(* 20 is the size of a marshalling header. *)
let unmarshal b ofs = (unmarshal_from_bytes b ofs, ofs + 20 + marshal_data_size b ofs)

module Ephemeron = struct
  type obj_t = t
  type t

  external create : int -> t = "caml_ephe_create"

  (* An ephemeron block holds a link field and the data before its keys. *)
  let additional_values = 2
  let length e = size (repr e) - additional_values

  external get_key : t -> int -> obj_t option = "caml_ephe_get_key"
  external get_key_copy : t -> int -> obj_t option = "caml_ephe_get_key_copy"
  external set_key : t -> int -> obj_t -> unit = "caml_ephe_set_key"
  external unset_key : t -> int -> unit = "caml_ephe_unset_key"
  external check_key : t -> int -> bool = "caml_ephe_check_key"
  external blit_key : t -> int -> t -> int -> int -> unit = "caml_ephe_blit_key"
  external get_data : t -> obj_t option = "caml_ephe_get_data"
  external get_data_copy : t -> obj_t option = "caml_ephe_get_data_copy"
  external set_data : t -> obj_t -> unit = "caml_ephe_set_data"
  external unset_data : t -> unit = "caml_ephe_unset_data"
  external check_data : t -> bool = "caml_ephe_check_data"
  external blit_data : t -> t -> unit = "caml_ephe_blit_data"

  let max_ephe_length = Sys.max_array_length - additional_values
end
