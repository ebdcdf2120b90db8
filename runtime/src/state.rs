//! The domain state: the few words that generated code reads and writes directly.
//!
//! Generated code reaches it through the symbol `caml_state`; its layout is fixed (`#[repr(C)]`)
//! and the offsets below are the contract with the code generator.

use std::cell::UnsafeCell;

/// A handler record, kept in the stack frame of the OCaml function that entered a `try`.
/// `raise` pops the innermost one and resumes at `handler_pc` with `sp` and `fp` restored.
#[repr(C)]
pub struct HandlerRecord {
    pub prev: *mut HandlerRecord,
    pub handler_pc: usize,
    pub sp: usize,
    pub fp: usize,
}

#[repr(C)]
pub struct DomainState {
    /// Allocation pointer of the minor heap; it moves down.
    pub young_ptr: usize,
    /// Allocation stops (and calls the runtime) below this; raised to force a runtime call.
    pub young_limit: usize,
    /// Innermost exception handler.
    pub exn_handler: *mut HandlerRecord,
    /// Frame pointer of the OCaml frame that last called into the runtime.
    pub last_fp: usize,
    /// Return address into that frame.
    pub last_ret: usize,
    pub young_start: usize,
    pub young_end: usize,
    /// Set by signal handlers; checked when the runtime is entered.
    pub pending_signal: usize,
}

pub const OFFSET_YOUNG_PTR: i32 = 0;
pub const OFFSET_YOUNG_LIMIT: i32 = 8;
pub const OFFSET_EXN_HANDLER: i32 = 16;
pub const OFFSET_LAST_FP: i32 = 24;
pub const OFFSET_LAST_RET: i32 = 32;

pub struct StateCell(pub UnsafeCell<DomainState>);
unsafe impl Sync for StateCell {}

#[no_mangle]
pub static caml_state: StateCell = StateCell(UnsafeCell::new(DomainState {
    young_ptr: 0,
    young_limit: usize::MAX,
    exn_handler: std::ptr::null_mut(),
    last_fp: 0,
    last_ret: 0,
    young_start: 0,
    young_end: 0,
    pending_signal: 0,
}));

/// The runtime is single-domain: one state, touched by the one thread running OCaml.
#[inline(always)]
pub fn state() -> &'static mut DomainState {
    unsafe { &mut *caml_state.0.get() }
}

/// Address of the state, for the JIT's symbol table.
pub fn state_address() -> usize {
    caml_state.0.get() as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn layout_matches_codegen_offsets() {
        assert_eq!(std::mem::offset_of!(DomainState, young_ptr) as i32, OFFSET_YOUNG_PTR);
        assert_eq!(std::mem::offset_of!(DomainState, young_limit) as i32, OFFSET_YOUNG_LIMIT);
        assert_eq!(std::mem::offset_of!(DomainState, exn_handler) as i32, OFFSET_EXN_HANDLER);
        assert_eq!(std::mem::offset_of!(DomainState, last_fp) as i32, OFFSET_LAST_FP);
        assert_eq!(std::mem::offset_of!(DomainState, last_ret) as i32, OFFSET_LAST_RET);
    }
}
