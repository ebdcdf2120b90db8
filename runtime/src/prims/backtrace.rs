//! Exception backtraces (`Printexc.record_backtrace`, `OCAMLRUNPARAM=b`).
//!
//! When recording is on, a raise calls `caml_stash_backtrace` before unwinding (one test of
//! `caml_backtrace_active` otherwise, in `stubs.rs`): it walks the frame-pointer chain from the
//! raising frame to the frame that holds the handler, appending the return addresses to the
//! buffer. As in OCaml, raising the exception that was raised last (a re-raise) appends; any
//! other exception starts a new backtrace. Addresses are decoded only when asked
//! (`debuginfo.rs`); frames without debug information (helpers, code compiled without `-g`, the
//! call of an outlined `try` body) are left out then.

use super::{prim, Error, Primitive};
use crate::alloc::{alloc_block, atom, copy_string};
use crate::debuginfo::{self, Site};
use crate::gc::{self, LocalRoots};
use crate::state::{state, HandlerRecord};
use crate::value::*;

/// Read by `caml_raise_exn` (assembly): non-zero when raises record backtraces.
#[no_mangle]
pub static mut caml_backtrace_active: u8 = 0;

/// OCaml keeps at most this many entries.
const MAX_ENTRIES: usize = 1024;

static mut BUFFER: Vec<usize> = Vec::new();
/// The exception the buffer is about (a GC root, registered at first use).
static mut LAST_EXN: Value = UNIT;
static mut ROOTED: bool = false;

#[allow(static_mut_refs)]
fn buffer() -> &'static mut Vec<usize> {
    unsafe { &mut *std::ptr::addr_of_mut!(BUFFER) }
}

pub fn active() -> bool {
    unsafe { caml_backtrace_active != 0 }
}

pub fn set_active(on: bool) {
    unsafe { caml_backtrace_active = on as u8 };
}

/// `OCAMLRUNPARAM` (or `CAMLRUNPARAM`) containing the `b` option turns recording on.
pub fn init_from_env() {
    let param = std::env::var("OCAMLRUNPARAM").or_else(|_| std::env::var("CAMLRUNPARAM")).unwrap_or_default();
    for opt in param.split(',') {
        if opt == "b" || opt == "b=1" {
            set_active(true);
        } else if opt == "b=0" {
            set_active(false);
        }
    }
}

fn set_last_exn(exn: Value) {
    unsafe {
        if !ROOTED {
            ROOTED = true;
            gc::register_global_roots(std::ptr::addr_of_mut!(LAST_EXN), 1);
        }
        LAST_EXN = exn;
    }
}

/// Return addresses from the frame `fp` (whose code is at `pc`) outwards, while in generated
/// code, ending with the frame `stop_fp` (the handler's; 0: walk to the end of the stretch).
unsafe fn walk(mut pc: usize, mut fp: usize, stop_fp: usize, mut push: impl FnMut(usize) -> bool) {
    let roots = &gc::gc().roots;
    // Frames live above the current stack pointer, each caller above its callee: a chain that
    // breaks this is not followed (a stale frame pointer must not make the walk read garbage).
    let here = &fp as *const usize as usize;
    while fp > here && fp % 8 == 0 && roots.in_code(pc) {
        if !push(pc) || fp == stop_fp {
            return;
        }
        pc = *((fp + 8) as *const usize);
        let caller = *(fp as *const usize);
        if caller <= fp {
            return;
        }
        fp = caller;
    }
}

/// Called by `caml_raise_exn` when recording: `pc` is the raise's return address, `fp` the
/// raising frame's, `handler` the record the raise will resume at. A fresh raise starts a new
/// backtrace; a re-raise of the last exception continues it.
#[no_mangle]
pub unsafe extern "C" fn caml_stash_backtrace(exn: Value, pc: usize, fp: usize, handler: *const HandlerRecord, fresh: usize) {
    if exn != LAST_EXN || fresh != 0 {
        buffer().clear();
        set_last_exn(exn);
    }
    let stop = if handler.is_null() { 0 } else { (*handler).fp };
    let buf = buffer();
    walk(pc, fp, stop, |pc| {
        if buf.len() >= MAX_ENTRIES {
            return false;
        }
        buf.push(pc);
        true
    });
}

/// A raise from the runtime's Rust code: the backtrace starts at the OCaml frame that called
/// the runtime (recorded by the `caml_c_call` stubs).
pub fn stash_from_runtime(exn: Value) {
    if !active() {
        return;
    }
    let st = state();
    // As from OCaml's C primitives: a new backtrace unless it is the last exception again.
    unsafe { caml_stash_backtrace(exn, st.last_ret, st.last_fp, st.exn_handler, 0) };
}

/// The recorded entries that have debug information.
fn current_sites() -> Vec<usize> {
    buffer().iter().copied().filter(|&pc| debuginfo::lookup(pc).is_some()).collect()
}

/// The lines of the current backtrace, for the uncaught-exception report.
pub fn current_lines() -> Vec<String> {
    let mut out = Vec::new();
    let mut pos = 0;
    for pc in current_sites() {
        if let Some(site) = debuginfo::lookup(pc) {
            out.push(debuginfo::format_site(pos, site));
            pos += 1;
        }
    }
    out
}

/// An OCaml array of raw entries (return addresses as OCaml ints).
fn raw_array(pcs: &[usize]) -> Value {
    if pcs.is_empty() {
        return atom(0);
    }
    let a = gc::alloc(pcs.len(), 0);
    for (i, &pc) in pcs.iter().enumerate() {
        unsafe { a.init_field(i, Value::of_int(pc as i64)) };
    }
    a
}

#[no_mangle]
pub extern "C" fn caml_record_backtrace(flag: Value) -> Value {
    set_active(flag.bool());
    UNIT
}

#[no_mangle]
pub extern "C" fn caml_backtrace_status(_unit: Value) -> Value {
    Value::of_bool(active())
}

#[no_mangle]
pub extern "C" fn caml_get_exception_raw_backtrace(_unit: Value) -> Value {
    if !active() {
        return atom(0);
    }
    raw_array(&current_sites())
}

/// The current call stack, innermost first, from the OCaml frame that called this primitive.
#[no_mangle]
pub extern "C" fn caml_get_current_callstack(depth: Value) -> Value {
    let max = depth.int().max(0) as usize;
    let st = state();
    let mut pcs = Vec::new();
    unsafe {
        walk(st.last_ret, st.last_fp, 0, |pc| {
            if debuginfo::lookup(pc).is_some() {
                if pcs.len() >= max {
                    return false;
                }
                pcs.push(pc);
            }
            true
        });
    }
    raw_array(&pcs)
}

fn site_of(entry: Value) -> Option<&'static Site> {
    if entry.is_block() {
        return None;
    }
    debuginfo::lookup(entry.int() as usize)
}

/// `Known_location { is_raise; filename; line_number; start_char; end_char; is_inline; defname }`
/// or `Unknown_location { is_raise }`.
fn slot_value(entry: Value) -> Value {
    let Some(site) = site_of(entry) else {
        return alloc_block(1, &[Value::of_bool(false)]);
    };
    let mut r = LocalRoots::new();
    let file = r.add(copy_string(&site.loc.file));
    let name = r.add(copy_string(&site.loc.scope));
    alloc_block(
        0,
        &[
            Value::of_bool(site.is_raise),
            r.get(file),
            Value::of_int(site.loc.line as i64),
            Value::of_int(site.loc.start as i64),
            Value::of_int(site.loc.end as i64),
            Value::of_bool(false),
            r.get(name),
        ],
    )
}

/// `backtrace_slot array` of a raw backtrace.
#[no_mangle]
pub extern "C" fn caml_convert_raw_backtrace(bt: Value) -> Value {
    let n = unsafe { bt.wosize() };
    if n == 0 {
        return atom(0);
    }
    let mut r = LocalRoots::new();
    let b = r.add(bt);
    let arr = gc::alloc(n, 0);
    for i in 0..n {
        unsafe { arr.init_field(i, UNIT) };
    }
    let a = r.add(arr);
    for i in 0..n {
        let entry = unsafe { r.get(b).field(i) };
        let s = slot_value(entry);
        unsafe { gc::modify(r.get(a).field_ptr(i), s) };
    }
    r.get(a)
}

/// `backtrace_slot array option` of the current backtrace.
#[no_mangle]
pub extern "C" fn caml_get_exception_backtrace(unit: Value) -> Value {
    let raw = caml_get_exception_raw_backtrace(unit);
    if unsafe { raw.wosize() } == 0 {
        return NONE;
    }
    let slots = caml_convert_raw_backtrace(raw);
    crate::alloc::alloc_some(slots)
}

#[no_mangle]
pub extern "C" fn caml_convert_raw_backtrace_slot(slot: Value) -> Value {
    if site_of(slot).is_none() {
        super::raise_error(Error::Failure("Printexc.convert_raw_backtrace_slot: no debug information".into()));
    }
    slot_value(slot)
}

#[no_mangle]
pub extern "C" fn caml_raw_backtrace_length(bt: Value) -> Value {
    Value::of_int(unsafe { bt.wosize() } as i64)
}

#[no_mangle]
pub extern "C" fn caml_raw_backtrace_slot(bt: Value, i: Value) -> Value {
    let n = unsafe { bt.wosize() } as i64;
    if i.int() < 0 || i.int() >= n {
        super::raise_error(Error::InvalidArgument("Printexc.get_raw_backtrace_slot: index out of bounds".into()));
    }
    unsafe { bt.field(i.int() as usize) }
}

/// No code is inlined, so a slot never has an inlined caller.
#[no_mangle]
pub extern "C" fn caml_raw_backtrace_next_slot(_slot: Value) -> Value {
    NONE
}

/// Make `bt` the current backtrace of `exn` (before `raise_with_backtrace` raises it).
/// Allocates nothing: generated code calls it directly.
#[no_mangle]
pub extern "C" fn caml_restore_raw_backtrace(exn: Value, bt: Value) -> Value {
    set_last_exn(exn);
    let buf = buffer();
    buf.clear();
    let n = unsafe { bt.wosize() };
    for i in 0..n.min(MAX_ENTRIES) {
        let e = unsafe { bt.field(i) };
        if !e.is_block() {
            buf.push(e.int() as usize);
        }
    }
    UNIT
}

#[no_mangle]
pub extern "C" fn caml_ml_debug_info_status(_unit: Value) -> Value {
    Value::of_int(i64::from(debuginfo::any()))
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(1, caml_record_backtrace, false),
        prim!(1, caml_backtrace_status, false),
        prim!(1, caml_get_exception_raw_backtrace, true),
        prim!(1, caml_get_current_callstack, true),
        prim!(1, caml_get_exception_backtrace, true),
        prim!(1, caml_convert_raw_backtrace, true),
        prim!(1, caml_convert_raw_backtrace_slot, true),
        prim!(1, caml_raw_backtrace_length, false),
        prim!(2, caml_raw_backtrace_slot, true),
        prim!(1, caml_raw_backtrace_next_slot, false),
        prim!(2, caml_restore_raw_backtrace, false),
        prim!(1, caml_ml_debug_info_status, false),
    ]
}
