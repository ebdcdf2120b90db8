//! Custom blocks: Custom_tag blocks whose first word points to a table of operations
//! (identifier, compare, hash, ...), laid out as OCaml's `struct custom_operations` so generated
//! code and (later) marshalling can rely on it. The data follows in the next words.

use crate::gc;
use crate::value::*;

#[repr(C)]
pub struct CustomOperations {
    /// NUL-terminated identifier ("_j" for int64, ...).
    pub identifier: *const u8,
    pub finalize: Option<extern "C" fn(Value)>,
    pub compare: Option<extern "C" fn(Value, Value) -> i32>,
    pub hash: Option<extern "C" fn(Value) -> isize>,
    pub serialize: usize,
    pub deserialize: usize,
    /// Comparison with an immediate integer (unused by our own custom types).
    pub compare_ext: Option<extern "C" fn(Value, Value) -> i32>,
    pub fixed_length: usize,
}

// SAFETY: immutable tables of function pointers and static strings.
unsafe impl Sync for CustomOperations {}

impl CustomOperations {
    pub fn identifier(&self) -> &'static [u8] {
        unsafe { std::ffi::CStr::from_ptr(self.identifier as *const libc::c_char).to_bytes() }
    }
}

/// The operations table of a custom block.
#[inline]
pub unsafe fn ops_of(v: Value) -> &'static CustomOperations {
    &*(v.field(0).0 as *const CustomOperations)
}

/// A custom block with `ops` and `data_words` words of data (uninitialised).
pub fn alloc_custom(ops: &'static CustomOperations, data_words: usize) -> Value {
    let v = gc::alloc(1 + data_words, CUSTOM_TAG);
    unsafe { v.init_field(0, Value(ops as *const CustomOperations as u64)) };
    v
}

/// Is `v` a custom block with these operations?
pub fn has_ops(v: Value, ops: &'static CustomOperations) -> bool {
    unsafe {
        v.is_block()
            && v.tag() == CUSTOM_TAG
            && v.field(0).0 == ops as *const CustomOperations as u64
    }
}
