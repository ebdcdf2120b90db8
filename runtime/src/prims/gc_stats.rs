//! `Gc` primitives over the runtime's collector. Statistics the collector does not track are
//! approximations (noted per field); finalisers and memprof are accepted but never run.

use super::{prim, Primitive};
use crate::alloc::{alloc_block, copy_double};
use crate::gc::{self, LocalRoots};
use crate::state::state;
use crate::value::*;

/// Words allocated in the minor heap so far: full minor heaps collected plus the current one.
/// (Approximate: a collection may happen before the heap is completely full.)
fn minor_words() -> f64 {
    let st = state();
    let heap_words = (st.young_end - st.young_start) / 8;
    let used = (st.young_end - st.young_ptr) / 8;
    (gc::gc().stats.minor_collections * heap_words + used) as f64
}

/// The 17 fields of `Gc.stat`.
fn stat() -> Value {
    let g = gc::gc();
    let s = g.stats;
    let heap_words = g.major.heap_words();
    let live = g.major.live_words;
    let mut r = LocalRoots::new();
    let mw = r.add(copy_double(minor_words()));
    let pw = r.add(copy_double(s.promoted_words as f64));
    let jw = r.add(copy_double((s.promoted_words + g.major.allocated_words) as f64));
    let ints = [
        s.minor_collections,
        s.major_collections,
        heap_words,
        1, // heap_chunks
        live,
        0, // live_blocks: not tracked
        heap_words.saturating_sub(live),
        0, // free_blocks: not tracked
        0, // largest_free: not tracked
        0, // fragments
        0, // compactions
        heap_words,
        0, // stack_size
        0, // forced_major_collections
    ];
    let mut fields = vec![r.get(mw), r.get(pw), r.get(jw)];
    fields.extend(ints.iter().map(|&n| Value::of_int(n as i64)));
    alloc_block(0, &fields)
}

#[no_mangle]
pub extern "C" fn caml_gc_stat(_unit: Value) -> Value {
    stat()
}
#[no_mangle]
pub extern "C" fn caml_gc_quick_stat(_unit: Value) -> Value {
    stat()
}

#[no_mangle]
pub extern "C" fn caml_gc_counters(_unit: Value) -> Value {
    let s = gc::gc().stats;
    let major = s.promoted_words + gc::gc().major.allocated_words;
    let mut r = LocalRoots::new();
    let a = r.add(copy_double(minor_words()));
    let b = r.add(copy_double(s.promoted_words as f64));
    let c = r.add(copy_double(major as f64));
    alloc_block(0, &[r.get(a), r.get(b), r.get(c)])
}

#[no_mangle]
pub extern "C" fn caml_gc_minor_words(_unit: Value) -> Value {
    copy_double(minor_words())
}

/// `Gc.get`: the 11 control fields, with OCaml's defaults where ours have no counterpart.
#[no_mangle]
pub extern "C" fn caml_gc_get(_unit: Value) -> Value {
    let st = state();
    let minor = ((st.young_end - st.young_start) / 8) as i64;
    let fields = [minor, 15, 120, 0, 500, 0, 2, 1, 44, 100, 8192];
    let v: Vec<Value> = fields.iter().map(|&n| Value::of_int(n)).collect();
    alloc_block(0, &v)
}

#[no_mangle]
pub extern "C" fn caml_gc_set(_control: Value) -> Value {
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_gc_minor(_unit: Value) -> Value {
    gc::minor_collection();
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_gc_major(_unit: Value) -> Value {
    gc::full_major();
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_gc_full_major(_unit: Value) -> Value {
    gc::full_major();
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_gc_compaction(_unit: Value) -> Value {
    gc::full_major();
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_gc_major_slice(_n: Value) -> Value {
    Value::of_int(0)
}
#[no_mangle]
pub extern "C" fn caml_get_minor_free(_unit: Value) -> Value {
    let st = state();
    Value::of_int(((st.young_ptr - st.young_start) / 8) as i64)
}
#[no_mangle]
pub extern "C" fn caml_get_major_bucket(_n: Value) -> Value {
    Value::of_int(0)
}
#[no_mangle]
pub extern "C" fn caml_get_major_credit(_unit: Value) -> Value {
    Value::of_int(0)
}
#[no_mangle]
pub extern "C" fn caml_gc_huge_fallback_count(_unit: Value) -> Value {
    Value::of_int(0)
}
#[no_mangle]
pub extern "C" fn caml_eventlog_pause(_unit: Value) -> Value {
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_eventlog_resume(_unit: Value) -> Value {
    UNIT
}
/// Finalisers are not supported yet: registration is accepted and the function never runs.
#[no_mangle]
pub extern "C" fn caml_final_register(_f: Value, _v: Value) -> Value {
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_final_register_called_without_value(_f: Value, _v: Value) -> Value {
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_final_release(_unit: Value) -> Value {
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_memprof_start(_rate: Value, _len: Value, _tracker: Value) -> Value {
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_memprof_stop(_unit: Value) -> Value {
    UNIT
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(1, caml_gc_stat, true),
        prim!(1, caml_gc_quick_stat, true),
        prim!(1, caml_gc_counters, true),
        prim!(1, caml_gc_minor_words, true),
        prim!(1, caml_gc_get, true),
        prim!(1, caml_gc_set, false),
        prim!(1, caml_gc_minor, true),
        prim!(1, caml_gc_major, true),
        prim!(1, caml_gc_full_major, true),
        prim!(1, caml_gc_compaction, true),
        prim!(1, caml_gc_major_slice, false),
        prim!(1, caml_get_minor_free, false),
        prim!(1, caml_get_major_bucket, false),
        prim!(1, caml_get_major_credit, false),
        prim!(1, caml_gc_huge_fallback_count, false),
        prim!(1, caml_eventlog_pause, false),
        prim!(1, caml_eventlog_resume, false),
        prim!(2, caml_final_register, false),
        prim!(2, caml_final_register_called_without_value, false),
        prim!(1, caml_final_release, false),
        prim!(3, caml_memprof_start, false),
        prim!(1, caml_memprof_stop, false),
    ]
}
