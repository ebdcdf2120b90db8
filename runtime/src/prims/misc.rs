//! Named values (`Callback.register`, also used by the Stdlib to hand values to the runtime)
//! and runtime warnings.

use super::{prim, Primitive};
use crate::fail::caml_fresh_oo_id;
use crate::gc;
use crate::value::*;
use std::collections::HashMap;
use std::sync::Mutex;

/// Each named value lives in its own boxed slot, registered once as a global root.
static NAMED: Mutex<Option<HashMap<Vec<u8>, usize>>> = Mutex::new(None);

pub fn register_named_value(name: &[u8], v: Value) {
    let mut m = NAMED.lock().unwrap_or_else(|e| e.into_inner());
    let map = m.get_or_insert_with(HashMap::new);
    match map.get(name) {
        Some(&slot) => unsafe { *(slot as *mut Value) = v },
        None => {
            let slot = Box::into_raw(Box::new(v));
            gc::register_global_roots(slot, 1);
            map.insert(name.to_vec(), slot as usize);
        }
    }
}

/// The value registered under `name` (e.g. "Printexc.handle_uncaught_exception").
pub fn named_value(name: &str) -> Option<Value> {
    let m = NAMED.lock().unwrap_or_else(|e| e.into_inner());
    m.as_ref()?.get(name.as_bytes()).map(|&slot| unsafe { *(slot as *const Value) })
}

#[no_mangle]
pub extern "C" fn caml_register_named_value(name: Value, v: Value) -> Value {
    register_named_value(unsafe { name.bytes() }, v);
    UNIT
}

static mut WARNINGS: bool = false;

#[no_mangle]
pub extern "C" fn caml_ml_enable_runtime_warnings(b: Value) -> Value {
    unsafe { WARNINGS = b.bool() };
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_ml_runtime_warnings_enabled(_unit: Value) -> Value {
    Value::of_bool(unsafe { WARNINGS })
}
/// Stack growth is not bounded by the runtime (the system stack is used).
#[no_mangle]
pub extern "C" fn caml_ensure_stack_capacity(_n: Value) -> Value {
    UNIT
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(2, caml_register_named_value, false),
        prim!(1, caml_ml_enable_runtime_warnings, false),
        prim!(1, caml_ml_runtime_warnings_enabled, false),
        prim!(1, caml_ensure_stack_capacity, false),
        prim!(1, caml_fresh_oo_id, false),
    ]
}
