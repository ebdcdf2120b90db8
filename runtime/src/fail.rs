//! Raising OCaml exceptions from the runtime, and the predefined exceptions.
//!
//! A raise unwinds in O(1): it pops the innermost handler record (pushed by a `try` in generated
//! code, or by the entry trampoline) and resumes at its handler address with the record's stack
//! and frame pointers. Rust frames in between are skipped without running destructors, so runtime
//! code raises only where it holds nothing that needs dropping.

use crate::gc::{self, LocalRoots};
use crate::value::*;

extern "C" {
    /// Assembly in `stubs.rs`: generated code's raise (records a backtrace when asked).
    pub(crate) fn caml_raise_exn(exn: Value) -> !;
    /// A re-raise: continues the backtrace of the exception when it is the last one raised.
    pub(crate) fn caml_reraise_exn(exn: Value) -> !;
    /// The same without recording (`raise_notrace`, and raises whose frame is unknown).
    pub(crate) fn caml_raise_exn_notrace(exn: Value) -> !;
}

/// Raise `exn` to the innermost OCaml handler. The backtrace starts at the OCaml frame that
/// called the runtime.
pub fn raise(exn: Value) -> ! {
    crate::prims::backtrace::stash_from_runtime(exn);
    unsafe { caml_raise_exn_notrace(exn) }
}

/// Called by `caml_raise_exn` when no handler is installed: nothing can catch `exn`.
#[no_mangle]
pub extern "C" fn caml_fatal_uncaught_exception(exn: Value) -> ! {
    // The text first: the `at_exit` functions may allocate and move `exn`. The backtrace too:
    // they may raise, and their raises must not be recorded.
    let text = crate::printexc::to_string(exn);
    let backtrace = crate::prims::backtrace::active().then(crate::prims::backtrace::current_lines);
    crate::prims::backtrace::set_active(false);
    // As in OCaml, the program's `at_exit` functions run (and flush its channels) before the
    // message; an exception escaping them is ignored.
    if let Some(at_exit) = crate::prims::misc::named_value("Pervasives.do_at_exit") {
        let _ = crate::callback::callback(at_exit, crate::value::UNIT);
    }
    crate::io::flush_all();
    eprintln!("Fatal error: exception {}", text);
    for line in backtrace.unwrap_or_default() {
        eprintln!("{}", line);
    }
    std::process::exit(2)
}

macro_rules! predefined_exceptions {
    ($($name:ident = $id:expr),* $(,)?) => {
        $(
            #[no_mangle]
            #[allow(non_upper_case_globals)]
            pub static mut $name: Value = Value(1);
        )*
        /// (symbol, OCaml name, address of the slot holding the exception constructor)
        pub fn predefined() -> Vec<(&'static str, &'static str, *mut Value, i64)> {
            vec![$((stringify!($name), &stringify!($name)["caml_exn_".len()..],
                    std::ptr::addr_of_mut!($name), $id)),*]
        }
    };
}

// Ids follow OCaml's order of predefined exceptions (negative ids, as OCaml gives them).
predefined_exceptions! {
    caml_exn_Out_of_memory = -1,
    caml_exn_Sys_error = -2,
    caml_exn_Failure = -3,
    caml_exn_Invalid_argument = -4,
    caml_exn_End_of_file = -5,
    caml_exn_Division_by_zero = -6,
    caml_exn_Not_found = -7,
    caml_exn_Match_failure = -8,
    caml_exn_Stack_overflow = -9,
    caml_exn_Sys_blocked_io = -10,
    caml_exn_Assert_failure = -11,
    caml_exn_Undefined_recursive_module = -12,
}

/// Create the predefined exception constructors. Each is a block with Object_tag holding its
/// name and id; they live in the major heap and are global roots.
pub fn init_predefined() {
    for (_, name, slot, id) in predefined() {
        let mut r = LocalRoots::new();
        let s = r.add(crate::alloc::copy_string(name));
        let b = gc::alloc(2, OBJECT_TAG);
        unsafe {
            b.init_field(0, r.get(s));
            b.init_field(1, Value::of_int(id));
            *slot = b;
        }
        gc::register_global_roots(slot, 1);
    }
}

#[inline]
fn slot(p: *const Value) -> Value {
    unsafe { *p }
}

/// Raise an exception that carries one argument.
pub fn raise_with_arg(exn_slot: *const Value, arg: Value) -> ! {
    let mut r = LocalRoots::new();
    let a = r.add(arg);
    let b = gc::alloc(2, 0);
    unsafe {
        b.init_field(0, slot(exn_slot));
        b.init_field(1, r.get(a));
    }
    drop(r);
    raise(b)
}

pub fn raise_with_string(exn_slot: *const Value, msg: &str) -> ! {
    let s = crate::alloc::copy_string(msg);
    raise_with_arg(exn_slot, s)
}

pub fn failwith(msg: &str) -> ! {
    raise_with_string(std::ptr::addr_of!(caml_exn_Failure), msg)
}

pub fn invalid_argument(msg: &str) -> ! {
    raise_with_string(std::ptr::addr_of!(caml_exn_Invalid_argument), msg)
}

pub fn raise_not_found() -> ! {
    raise(slot(std::ptr::addr_of!(caml_exn_Not_found)))
}

pub fn raise_end_of_file() -> ! {
    raise(slot(std::ptr::addr_of!(caml_exn_End_of_file)))
}

pub fn raise_zero_divide() -> ! {
    raise(slot(std::ptr::addr_of!(caml_exn_Division_by_zero)))
}

pub fn raise_sys_error(msg: &str) -> ! {
    raise_with_string(std::ptr::addr_of!(caml_exn_Sys_error), msg)
}

pub fn raise_stack_overflow() -> ! {
    raise(slot(std::ptr::addr_of!(caml_exn_Stack_overflow)))
}

pub fn out_of_memory() -> ! {
    let exn = unsafe { *std::ptr::addr_of!(caml_exn_Out_of_memory) };
    if exn.is_block() {
        raise(exn)
    }
    eprintln!("Fatal error: out of memory");
    std::process::abort()
}

/// Generated code calls these for the checks it makes inline.
#[no_mangle]
pub extern "C" fn caml_raise_zero_divide() -> ! {
    raise_zero_divide()
}

#[no_mangle]
pub extern "C" fn caml_raise_bound_error() -> ! {
    invalid_argument("index out of bounds")
}

/// Fresh ids for `exception E` declarations (OCaml's `caml_fresh_oo_id`).
#[no_mangle]
pub extern "C" fn caml_fresh_oo_id(_unit: Value) -> Value {
    static mut NEXT: i64 = 1;
    unsafe {
        NEXT += 1;
        Value::of_int(NEXT - 1)
    }
}

/// `Sys.Break`, raised on Ctrl-C when the toplevel asked for it. The runtime owns its
/// constructor so that the signal machinery can raise it; the Stdlib's `Sys.Break` is bound to it.
#[no_mangle]
#[allow(non_upper_case_globals)]
pub static mut caml_exn_Sys_Break: Value = Value(1);

pub fn init_sys_break() {
    let s = crate::alloc::copy_string("Sys.Break");
    let mut r = LocalRoots::new();
    let k = r.add(s);
    let b = gc::alloc(2, OBJECT_TAG);
    unsafe {
        b.init_field(0, r.get(k));
        b.init_field(1, Value::of_int(-13));
        caml_exn_Sys_Break = b;
        gc::register_global_roots(std::ptr::addr_of_mut!(caml_exn_Sys_Break), 1);
    }
}

pub fn raise_sys_break() -> ! {
    raise(slot(std::ptr::addr_of!(caml_exn_Sys_Break)))
}
