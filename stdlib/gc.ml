(* The garbage collector's statistics and settings, over the runtime's primitives. *)

type stat = {
  minor_words : float;
  promoted_words : float;
  major_words : float;
  minor_collections : int;
  major_collections : int;
  heap_words : int;
  heap_chunks : int;
  live_words : int;
  live_blocks : int;
  free_words : int;
  free_blocks : int;
  largest_free : int;
  fragments : int;
  compactions : int;
  top_heap_words : int;
  stack_size : int;
  forced_major_collections : int;
}

type control = {
  mutable minor_heap_size : int;
  mutable major_heap_increment : int;
  mutable space_overhead : int;
  mutable verbose : int;
  mutable max_overhead : int;
  mutable stack_limit : int;
  mutable allocation_policy : int;
  window_size : int;
  custom_major_ratio : int;
  custom_minor_ratio : int;
  custom_minor_max_size : int;
}

external stat : unit -> stat = "caml_gc_stat"
external quick_stat : unit -> stat = "caml_gc_quick_stat"
external counters : unit -> float * float * float = "caml_gc_counters"
external minor_words : unit -> float = "caml_gc_minor_words"
external get : unit -> control = "caml_gc_get"
external set : control -> unit = "caml_gc_set"
external minor : unit -> unit = "caml_gc_minor"
external major_slice : int -> int = "caml_gc_major_slice"
external major : unit -> unit = "caml_gc_major"
external full_major : unit -> unit = "caml_gc_full_major"
external compact : unit -> unit = "caml_gc_compaction"
external get_minor_free : unit -> int = "caml_get_minor_free"
external get_bucket : int -> int = "caml_get_major_bucket"
external get_credit : unit -> int = "caml_get_major_credit"
external huge_fallback_count : unit -> int = "caml_gc_huge_fallback_count"
external eventlog_pause : unit -> unit = "caml_eventlog_pause"
external eventlog_resume : unit -> unit = "caml_eventlog_resume"

(* The layout OCaml prints: numbers of each group right-aligned on the widest. *)
let print_stat oc =
  let st = stat () in
  Printf.fprintf oc "minor_collections:      %d\n" st.minor_collections;
  Printf.fprintf oc "major_collections:      %d\n" st.major_collections;
  Printf.fprintf oc "compactions:            %d\n" st.compactions;
  Printf.fprintf oc "forced_major_collections: %d\n" st.forced_major_collections;
  Printf.fprintf oc "\n";
  let w = String.length (Printf.sprintf "%.0f" st.minor_words) in
  Printf.fprintf oc "minor_words:    %*.0f\n" w st.minor_words;
  Printf.fprintf oc "promoted_words: %*.0f\n" w st.promoted_words;
  Printf.fprintf oc "major_words:    %*.0f\n" w st.major_words;
  Printf.fprintf oc "\n";
  let w = String.length (string_of_int st.top_heap_words) in
  Printf.fprintf oc "top_heap_words: %*d\n" w st.top_heap_words;
  Printf.fprintf oc "heap_words:     %*d\n" w st.heap_words;
  Printf.fprintf oc "live_words:     %*d\n" w st.live_words;
  Printf.fprintf oc "free_words:     %*d\n" w st.free_words;
  Printf.fprintf oc "largest_free:   %*d\n" w st.largest_free;
  Printf.fprintf oc "fragments:      %*d\n" w st.fragments;
  Printf.fprintf oc "\n";
  Printf.fprintf oc "live_blocks: %d\n" st.live_blocks;
  Printf.fprintf oc "free_blocks: %d\n" st.free_blocks;
  Printf.fprintf oc "heap_chunks: %d\n" st.heap_chunks

let allocated_bytes () =
  let minor, promoted, major = counters () in
  (minor +. major -. promoted) *. float_of_int (Sys.word_size / 8)

external finalise : ('a -> unit) -> 'a -> unit = "caml_final_register"
external finalise_last : (unit -> unit) -> 'a -> unit = "caml_final_register_called_without_value"
external finalise_release : unit -> unit = "caml_final_release"

(* An alarm runs at the end of each major cycle: it re-registers itself as the finaliser of a
   fresh value each time it runs, until deleted. *)
type alarm = bool ref
type alarm_record = { active : alarm; run : unit -> unit }

let rec call_alarm a =
  if !(a.active) then begin
    finalise call_alarm a;
    a.run ()
  end

let create_alarm run =
  let a = { active = ref true; run } in
  finalise call_alarm a;
  a.active

let delete_alarm a = a := false

module Memprof = struct
  type allocation_source = Normal | Marshal | Custom

  type allocation = {
    n_samples : int;
    size : int;
    source : allocation_source;
    callstack : Printexc.raw_backtrace;
  }

  type ('minor, 'major) tracker = {
    alloc_minor : allocation -> 'minor option;
    alloc_major : allocation -> 'major option;
    promote : 'minor -> 'major option;
    dealloc_minor : 'minor -> unit;
    dealloc_major : 'major -> unit;
  }

  let null_tracker =
    { alloc_minor = (fun _ -> None); alloc_major = (fun _ -> None); promote = (fun _ -> None);
      dealloc_minor = ignore; dealloc_major = ignore }

  external c_start : float -> int -> ('minor, 'major) tracker -> unit = "caml_memprof_start"

  let start ~sampling_rate ?(callstack_size = max_int) tracker =
    c_start sampling_rate callstack_size tracker

  external stop : unit -> unit = "caml_memprof_stop"
end
