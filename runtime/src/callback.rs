//! Entering OCaml code from Rust.
//!
//! Generated code provides a trampoline (a SystemV function made by Cranelift) that calls an
//! OCaml function in the `tail` convention under a handler record, so an uncaught exception comes
//! back here as a value instead of unwinding through Rust.

use crate::gc;
use crate::value::Value;

/// `start(code, arg, env, exn_out)`: calls `code(arg, env)`; on an exception stores it in
/// `*exn_out` (which is otherwise left untouched) and returns an unspecified value.
pub type StartProgram = unsafe extern "C" fn(usize, Value, Value, *mut Value) -> Value;

static mut START: Option<StartProgram> = None;

pub fn set_start_program(f: StartProgram) {
    unsafe { START = Some(f) }
}

/// Call OCaml code `code` with one argument and an environment (closure) pointer.
pub fn call_code(code: usize, arg: Value, env: Value) -> Result<Value, Value> {
    let start = unsafe { START }.expect("OCaml entry trampoline not installed");
    let mut exn = Value(0);
    gc::enter_callback();
    let r = unsafe { start(code, arg, env, &mut exn) };
    gc::leave_callback();
    if exn.0 != 0 {
        Err(exn)
    } else {
        Ok(r)
    }
}

/// Apply an OCaml closure to one argument.
pub fn callback(clos: Value, arg: Value) -> Result<Value, Value> {
    let code = unsafe { clos.field(0).0 as usize };
    call_code(code, arg, clos)
}
