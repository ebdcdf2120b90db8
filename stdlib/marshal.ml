(* Marshaling in OCaml's format (the runtime's caml_output_value / caml_input_value). *)

type extern_flags = No_sharing | Closures | Compat_32

external to_channel : out_channel -> 'a -> extern_flags list -> unit = "caml_output_value"
external to_bytes : 'a -> extern_flags list -> bytes = "caml_output_value_to_bytes"
external to_string : 'a -> extern_flags list -> string = "caml_output_value_to_string"

external to_buffer_raw : bytes -> int -> int -> 'a -> extern_flags list -> int
  = "caml_output_value_to_buffer"

let to_buffer buf ofs len v flags =
  if ofs < 0 || len < 0 || ofs > Bytes.length buf - len then
    invalid_arg "Marshal.to_buffer: substring out of bounds"
  else to_buffer_raw buf ofs len v flags

external from_channel : in_channel -> 'a = "caml_input_value"
external from_bytes_raw : bytes -> int -> 'a = "caml_input_value_from_bytes"
external data_size_raw : bytes -> int -> int = "caml_marshal_data_size"

let header_size = 20

let data_size buf ofs =
  if ofs < 0 || ofs > Bytes.length buf - header_size then invalid_arg "Marshal.data_size"
  else data_size_raw buf ofs

let total_size buf ofs = header_size + data_size buf ofs

let from_bytes buf ofs =
  if ofs < 0 || ofs > Bytes.length buf - header_size then invalid_arg "Marshal.from_bytes"
  else
    let len = data_size_raw buf ofs in
    if ofs > Bytes.length buf - (header_size + len) then invalid_arg "Marshal.from_bytes"
    else from_bytes_raw buf ofs

let from_string s ofs = from_bytes (Bytes.unsafe_of_string s) ofs
