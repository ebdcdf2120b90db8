//! Signals: Ctrl-C during evaluation becomes the exception `Sys.Break`.
//!
//! The handler only records the signal and lowers `young_limit` so that the next allocation or
//! poll point of generated code enters the runtime, where the exception is raised.

use crate::state::state;

pub const SIGINT_PENDING: usize = 1;

extern "C" fn on_sigint(_sig: libc::c_int) {
    let st = state();
    st.pending_signal |= SIGINT_PENDING;
    st.young_limit = usize::MAX;
}

/// Install the SIGINT handler (the toplevel does this; programs keep the default action).
pub fn install_sigint() {
    unsafe {
        libc::signal(libc::SIGINT, on_sigint as *const () as libc::sighandler_t);
    }
}

/// Raise what a pending signal asks for. Called on entry to the runtime from generated code.
pub fn process_pending() {
    let st = state();
    if st.pending_signal & SIGINT_PENDING != 0 {
        st.pending_signal &= !SIGINT_PENDING;
        crate::gc::reset_young_limit();
        crate::fail::raise_sys_break();
    }
}

/// Poll point of generated code (loop back edges, function entries) when `young_limit` says so.
#[no_mangle]
pub extern "C" fn caml_process_pending(unit: crate::value::Value) -> crate::value::Value {
    process_pending();
    unit
}
