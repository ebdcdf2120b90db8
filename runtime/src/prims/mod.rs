//! The runtime primitives behind the Stdlib's `external` declarations, under OCaml's own
//! primitive names and with OCaml's bytecode conventions: every argument and result is a boxed
//! OCaml value (floats boxed, int32/int64/nativeint as custom blocks).
//!
//! Each module keeps the logic in plain Rust functions returning `Result` (testable without an
//! OCaml handler installed) and exports thin `extern "C"` wrappers that raise on `Err`.
//! `table()` lists every exported primitive for the JIT's symbol resolution.
//!
//! Not provided: bytecode-interpreter internals. Known limits:
//! weak arrays and ephemerons hold their contents strongly; finalisers are accepted but never
//! run; backtraces are always empty; marshalling refuses closures; `Gc` statistics the collector
//! does not keep are approximations; channels and bigarrays are never freed (no custom-block
//! finalisation); bigarrays cannot be marshalled.

pub mod arrays;
pub mod backtrace;
pub mod bigarray;
pub mod boxed_ints;
pub mod channels;
pub mod compare;
pub mod custom;
pub mod digest;
pub mod floats;
pub mod gc_stats;
pub mod hash;
pub mod int_format;
pub mod ints;
pub mod lexing;
pub mod marshal;
pub mod math;
pub mod misc;
pub mod obj;
pub mod parsing;
pub mod strings;
pub mod sys;
pub mod weak;

use crate::alloc::copy_string;
use crate::fail;
use crate::value::Value;

/// One primitive the generated code may call.
#[derive(Clone, Copy, Debug)]
pub struct Primitive {
    pub name: &'static str,
    pub addr: *const u8,
    pub arity: usize,
    /// May allocate or raise: compiled code must call it through the frame-recording stub.
    pub alloc: bool,
}

// SAFETY: the addresses are of functions, immutable for the life of the process.
unsafe impl Sync for Primitive {}
unsafe impl Send for Primitive {}

/// Build a `Primitive` entry, checking the function's type against the arity.
macro_rules! prim {
    (@ty 0) => { extern "C" fn() -> Value };
    (@ty 1) => { extern "C" fn(Value) -> Value };
    (@ty 2) => { extern "C" fn(Value, Value) -> Value };
    (@ty 3) => { extern "C" fn(Value, Value, Value) -> Value };
    (@ty 4) => { extern "C" fn(Value, Value, Value, Value) -> Value };
    (@ty 5) => { extern "C" fn(Value, Value, Value, Value, Value) -> Value };
    ($arity:tt, $f:ident, $alloc:expr) => {{
        let f: prim!(@ty $arity) = $f;
        $crate::prims::Primitive { name: stringify!($f), addr: f as *const u8, arity: $arity, alloc: $alloc }
    }};
}
pub(crate) use prim;

/// Every primitive of the runtime, sorted by name.
pub fn table() -> &'static [Primitive] {
    static TABLE: std::sync::OnceLock<Vec<Primitive>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Vec::new();
        t.extend(arrays::prims());
        t.extend(backtrace::prims());
        t.extend(bigarray::prims());
        t.extend(channels::prims());
        t.extend(digest::prims());
        t.extend(gc_stats::prims());
        t.extend(misc::prims());
        t.extend(obj::prims());
        t.extend(parsing::prims());
        t.extend(sys::prims());
        t.extend(weak::prims());
        t.extend(boxed_ints::prims());
        t.extend(compare::prims());
        t.extend(floats::prims());
        t.extend(hash::prims());
        t.extend(ints::prims());
        t.extend(lexing::prims());
        t.extend(marshal::prims());
        t.extend(math::prims());
        t.extend(strings::prims());
        t.sort_by_key(|p| p.name);
        t
    })
}

/// Look a primitive up by name.
pub fn lookup(name: &str) -> Option<&'static Primitive> {
    let t = table();
    t.binary_search_by_key(&name, |p| p.name).ok().map(|i| &t[i])
}

/// Data symbols generated code refers to: the custom operations of boxed integers (to box them
/// inline) and of channels.
pub fn data_symbol(name: &str) -> Option<*const u8> {
    let ops: &'static custom::CustomOperations = match name {
        "caml_int32_ops" => &boxed_ints::caml_int32_ops,
        "caml_int64_ops" => &boxed_ints::caml_int64_ops,
        "caml_nativeint_ops" => &boxed_ints::caml_nativeint_ops,
        "caml_channel_ops" => &channels::caml_channel_ops,
        "caml_ba_ops" => &bigarray::caml_ba_ops,
        _ => return None,
    };
    Some(ops as *const custom::CustomOperations as *const u8)
}

/// An OCaml exception a primitive wants raised.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    Failure(String),
    InvalidArgument(String),
    SysError(String),
    NotFound,
    EndOfFile,
    ZeroDivide,
    /// Any other exception value (must be rooted by whoever holds it: raise at once).
    Exn(Value),
}

pub type PResult<T = Value> = Result<T, Error>;

pub fn failure<T>(msg: &str) -> PResult<T> {
    Err(Error::Failure(msg.to_string()))
}
pub fn invalid_arg<T>(msg: &str) -> PResult<T> {
    Err(Error::InvalidArgument(msg.to_string()))
}

/// Raise `e` as an OCaml exception. Owns nothing afterwards (the message is copied first).
pub fn raise_error(e: Error) -> ! {
    let (slot, msg) = match e {
        Error::Failure(m) => (std::ptr::addr_of!(fail::caml_exn_Failure), m),
        Error::InvalidArgument(m) => (std::ptr::addr_of!(fail::caml_exn_Invalid_argument), m),
        Error::SysError(m) => (std::ptr::addr_of!(fail::caml_exn_Sys_error), m),
        Error::NotFound => fail::raise_not_found(),
        Error::EndOfFile => fail::raise_end_of_file(),
        Error::ZeroDivide => fail::raise_zero_divide(),
        Error::Exn(v) => fail::raise(v),
    };
    let s = copy_string(&msg);
    drop(msg);
    fail::raise_with_arg(slot, s)
}

/// Unwrap a primitive's result for OCaml, raising on error.
#[inline]
pub fn ret(r: PResult) -> Value {
    match r {
        Ok(v) => v,
        Err(e) => raise_error(e),
    }
}

/// The text of `errno` as `strerror` gives it (OCaml's Sys_error messages use it).
pub fn errno_message(code: i32) -> String {
    unsafe {
        let p = libc::strerror(code);
        if p.is_null() {
            return format!("error {code}");
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}

pub fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// `Sys_error` for the current errno, with OCaml's "name: message" form when a name is given.
pub fn sys_error<T>(name: Option<&str>) -> PResult<T> {
    let msg = errno_message(last_errno());
    Err(Error::SysError(match name {
        Some(n) => format!("{n}: {msg}"),
        None => msg,
    }))
}
