//! `Printexc` backtrace primitives. Backtraces are not recorded yet: the status flag is kept,
//! and every backtrace is empty (which `Printexc` prints as nothing).

use super::{prim, Error, Primitive};
use crate::alloc::atom;
use crate::value::*;

static mut RECORDING: bool = false;

#[no_mangle]
pub extern "C" fn caml_record_backtrace(flag: Value) -> Value {
    unsafe { RECORDING = flag.bool() };
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_backtrace_status(_unit: Value) -> Value {
    Value::of_bool(unsafe { RECORDING })
}
#[no_mangle]
pub extern "C" fn caml_get_exception_raw_backtrace(_unit: Value) -> Value {
    atom(0)
}
#[no_mangle]
pub extern "C" fn caml_get_current_callstack(_depth: Value) -> Value {
    atom(0)
}
/// `backtrace_slot array option`.
#[no_mangle]
pub extern "C" fn caml_get_exception_backtrace(_unit: Value) -> Value {
    NONE
}
#[no_mangle]
pub extern "C" fn caml_convert_raw_backtrace(_bt: Value) -> Value {
    atom(0)
}
/// No slot exists in an empty backtrace, so there is nothing to convert.
#[no_mangle]
pub extern "C" fn caml_convert_raw_backtrace_slot(_slot: Value) -> Value {
    super::raise_error(Error::Failure("Printexc.convert_raw_backtrace_slot: no debug information".into()))
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
#[no_mangle]
pub extern "C" fn caml_raw_backtrace_next_slot(_slot: Value) -> Value {
    NONE
}
#[no_mangle]
pub extern "C" fn caml_restore_raw_backtrace(_exn: Value, _bt: Value) -> Value {
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_ml_debug_info_status(_unit: Value) -> Value {
    Value::of_int(0)
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(1, caml_record_backtrace, false),
        prim!(1, caml_backtrace_status, false),
        prim!(1, caml_get_exception_raw_backtrace, false),
        prim!(1, caml_get_current_callstack, false),
        prim!(1, caml_get_exception_backtrace, false),
        prim!(1, caml_convert_raw_backtrace, false),
        prim!(1, caml_convert_raw_backtrace_slot, true),
        prim!(1, caml_raw_backtrace_length, false),
        prim!(2, caml_raw_backtrace_slot, true),
        prim!(1, caml_raw_backtrace_next_slot, false),
        prim!(2, caml_restore_raw_backtrace, false),
        prim!(1, caml_ml_debug_info_status, false),
    ]
}
