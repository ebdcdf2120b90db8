(* Formatted output, interpreting the typed format through CamlinternalFormat. *)

open CamlinternalFormatBasics
open CamlinternalFormat

let kfprintf k oc (Format (fmt, _)) = make_printf (fun acc -> output_acc oc acc; k oc) Acc_end fmt
let fprintf oc fmt = kfprintf ignore oc fmt
let printf fmt = fprintf stdout fmt
let eprintf fmt = fprintf stderr fmt

let kbprintf k b (Format (fmt, _)) = make_printf (fun acc -> bufput_acc b acc; k b) Acc_end fmt
let bprintf b fmt = kbprintf ignore b fmt

let ksprintf k (Format (fmt, _)) =
  make_printf
    (fun acc ->
      let b = Buffer.create 64 in
      strput_acc b acc;
      k (Buffer.contents b))
    Acc_end fmt

let sprintf fmt = ksprintf (fun s -> s) fmt
let kprintf = ksprintf

(* The i- variants take the arguments and print nothing. *)
let ikfprintf k oc (Format (fmt, _)) = make_printf (fun _ -> k oc) Acc_end fmt
let ifprintf oc fmt = ikfprintf ignore oc fmt
let ikbprintf = ikfprintf
let ibprintf b fmt = ikbprintf ignore b fmt
