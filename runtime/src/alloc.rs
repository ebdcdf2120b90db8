//! Allocation helpers for the runtime's Rust code: strings, floats, boxed integers, tuples.

use crate::gc::{self, LocalRoots};
use crate::value::*;

/// A fresh string (or bytes) of `len` bytes, contents unspecified, padded as OCaml pads.
pub fn alloc_string(len: usize) -> Value {
    let wosize = string_wosize(len);
    let v = gc::alloc(wosize, STRING_TAG);
    unsafe {
        let p = v.ptr() as *mut u8;
        *(v.ptr().add(wosize - 1)) = Value(0);
        *p.add(wosize * 8 - 1) = (wosize * 8 - 1 - len) as u8;
    }
    v
}

pub fn copy_bytes(b: &[u8]) -> Value {
    let v = alloc_string(b.len());
    unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), v.ptr() as *mut u8, b.len()) };
    v
}

pub fn copy_string(s: &str) -> Value {
    copy_bytes(s.as_bytes())
}

pub fn copy_double(f: f64) -> Value {
    let v = gc::alloc(1, DOUBLE_TAG);
    unsafe { *(v.ptr() as *mut f64) = f };
    v
}

/// A block of the given tag holding `fields`; the fields are rooted while allocating.
pub fn alloc_block(tag: u8, fields: &[Value]) -> Value {
    if fields.is_empty() {
        return atom(tag);
    }
    let mut r = LocalRoots::new();
    let idx: Vec<usize> = fields.iter().map(|&f| r.add(f)).collect();
    let b = gc::alloc(fields.len(), tag);
    for (i, &k) in idx.iter().enumerate() {
        unsafe { b.init_field(i, r.get(k)) };
    }
    b
}

/// `Some v`.
pub fn alloc_some(v: Value) -> Value {
    alloc_block(0, &[v])
}

/// Zero-sized blocks (atoms), one per tag, outside the heap.
#[repr(C, align(8))]
struct Atoms([u64; 256 * 2]);
static mut ATOMS: Atoms = Atoms([0; 512]);

pub fn atom(tag: u8) -> Value {
    unsafe {
        let base = std::ptr::addr_of_mut!(ATOMS.0) as *mut u64;
        let hp = base.add(tag as usize * 2);
        *hp = make_header(0, tag, BLACK);
        Value::from_ptr(hp.add(1))
    }
}

/// Build an OCaml list from values (rooted while allocating).
pub fn list_of(items: &[Value]) -> Value {
    let mut r = LocalRoots::new();
    let idx: Vec<usize> = items.iter().map(|&v| r.add(v)).collect();
    let acc = r.add(EMPTY_LIST);
    for &k in idx.iter().rev() {
        let cell = alloc_block(0, &[r.get(k), r.get(acc)]);
        r.set(acc, cell);
    }
    r.get(acc)
}
