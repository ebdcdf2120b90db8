//! The runtime's symbols that generated code refers to by name, with their addresses, for the
//! JIT's symbol resolution (ahead-of-time programs get the same names from the linker).

use crate::value::Value;

/// Primitives the embedding program adds (the toplevel's own, e.g. for `#install_printer`).
static EXTRA: std::sync::Mutex<Vec<(&'static str, usize)>> = std::sync::Mutex::new(Vec::new());

/// Makes `addr` the primitive named `name` for code compiled afterwards.
pub fn register_primitive(name: &'static str, addr: *const u8) {
    let mut extra = EXTRA.lock().unwrap_or_else(|e| e.into_inner());
    extra.retain(|(n, _)| *n != name);
    extra.push((name, addr as usize));
}

pub fn lookup(name: &str) -> Option<*const u8> {
    if let Some(&(_, addr)) = EXTRA.lock().unwrap_or_else(|e| e.into_inner()).iter().find(|(n, _)| *n == name) {
        return Some(addr as *const u8);
    }
    let core: Option<*const u8> = match name {
        "caml_state" => Some(crate::state::state_address() as *const u8),
        "caml_alloc_slow" => Some(crate::stubs::caml_alloc_slow as *const u8),
        "caml_raise_exn" => Some(crate::fail::caml_raise_exn as *const u8),
        "caml_raise_exn_notrace" => Some(crate::fail::caml_raise_exn_notrace as *const u8),
        "caml_reraise_exn" => Some(crate::fail::caml_reraise_exn as *const u8),
        "caml_modify" => Some(crate::gc::caml_modify as *const u8),
        "caml_raise_zero_divide" => Some(crate::fail::caml_raise_zero_divide as *const u8),
        "caml_raise_bound_error" => Some(crate::fail::caml_raise_bound_error as *const u8),
        "caml_process_pending" => Some(crate::signals::caml_process_pending as *const u8),
        "caml_fresh_oo_id" => Some(crate::fail::caml_fresh_oo_id as *const u8),
        "caml_exn_Sys_Break" => Some(std::ptr::addr_of!(crate::fail::caml_exn_Sys_Break) as *const u8),
        _ => None,
    };
    if core.is_some() {
        return core;
    }
    if let Some(n) = name.strip_prefix("caml_c_call").and_then(|n| n.parse::<usize>().ok()) {
        return crate::stubs::c_call_stub(n).map(|(_, p)| p);
    }
    if name.starts_with("caml_exn_") {
        return crate::fail::predefined()
            .into_iter()
            .find(|(sym, _, _, _)| *sym == name)
            .map(|(_, _, p, _)| p as *const Value as *const u8);
    }
    crate::prims_table_lookup(name)
}

/// What the JIT links an unknown symbol to, so a missing primitive is an OCaml exception at
/// the call instead of a crash at link time. Exported under its own name for the stubs of the
/// precompiled Stdlib (`compiler::aot::compile_stubs`).
#[no_mangle]
pub extern "C" fn caml_missing_symbol() -> crate::value::Value {
    crate::fail::failwith("ocaml-jit: call to a primitive the runtime does not provide")
}
