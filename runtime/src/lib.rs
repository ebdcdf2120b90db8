//! The ocaml-jit runtime: values, allocation and GC, exceptions, primitives.
//!
//! Generated code depends on: the layout of `state::DomainState` (through the symbol
//! `caml_state`), the stubs in `stubs.rs`, the functions named `caml_*` exported here, and the
//! frame tables it registers with `gc::register_frame`.

pub mod alloc;
pub mod callback;
pub mod debuginfo;
pub mod fail;
pub mod gc;
pub mod io;
pub mod printexc;
pub mod prims;
pub mod signals;
pub mod stack_overflow;
pub mod startup;
pub mod state;
pub mod strings;
pub mod symbols;
pub mod stubs;
pub mod value;

pub use value::Value;

/// Initialise the runtime: heaps, predefined exceptions. Call once before running OCaml code.
/// Idempotent.
pub fn init() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        gc::reset_young_limit();
        fail::init_predefined();
        fail::init_sys_break();
        prims::backtrace::init_from_env();
    });
}

/// Primitives registered by the primitive library (`prims`), and its data symbols (custom
/// operations tables such as `caml_int64_ops`), looked up by name.
pub fn prims_table_lookup(name: &str) -> Option<*const u8> {
    prims::lookup(name).map(|p| p.addr).or_else(|| prims::data_symbol(name))
}
