//! Arrays: creation (flat float arrays when the initial value is a float), sub, append, concat,
//! blit, fill, and the bounds-checked generic accessors. Large arrays go straight to the major
//! heap; values stored into major blocks go through the write barrier.

use super::{prim, Error, PResult, Primitive};
use crate::alloc::{atom, copy_double};
use crate::gc::{self, is_young, LocalRoots};
use crate::value::*;

fn is_float_array(a: Value) -> bool {
    unsafe { a.is_block() && a.tag() == DOUBLE_ARRAY_TAG }
}
fn is_boxed_float(v: Value) -> bool {
    unsafe { v.is_block() && v.tag() == DOUBLE_TAG }
}

/// Number of elements (flat float arrays hold one float per word on 64-bit).
fn len(a: Value) -> usize {
    unsafe { a.wosize() }
}

pub fn make_vect(n: i64, init: Value) -> PResult {
    if n < 0 || n as u64 > MAX_WOSIZE as u64 {
        return Err(Error::InvalidArgument("Array.make".into()));
    }
    let n = n as usize;
    if n == 0 {
        return Ok(atom(0));
    }
    if is_boxed_float(init) {
        let f = unsafe { init.double() };
        let a = gc::alloc(n, DOUBLE_ARRAY_TAG);
        for i in 0..n {
            unsafe { a.set_double_field(i, f) };
        }
        return Ok(a);
    }
    let mut r = LocalRoots::new();
    let k = r.add(init);
    if n > MAX_YOUNG_WOSIZE && is_young(init) {
        // Promote the initial value first, so the major array needs no barrier entries.
        gc::minor_collection();
    }
    let a = gc::alloc(n, 0);
    let init = r.get(k);
    for i in 0..n {
        unsafe { a.init_field(i, init) };
    }
    Ok(a)
}

#[no_mangle]
pub extern "C" fn caml_make_vect(n: Value, init: Value) -> Value {
    super::ret(make_vect(n.int(), init))
}

pub fn make_float_vect(n: i64, who: &str) -> PResult {
    if n < 0 || n as u64 > MAX_WOSIZE as u64 {
        return Err(Error::InvalidArgument(who.into()));
    }
    if n == 0 {
        return Ok(atom(0));
    }
    Ok(gc::alloc(n as usize, DOUBLE_ARRAY_TAG))
}

#[no_mangle]
pub extern "C" fn caml_make_float_vect(n: Value) -> Value {
    super::ret(make_float_vect(n.int(), "Float.Array.create"))
}
#[no_mangle]
pub extern "C" fn caml_floatarray_create(n: Value) -> Value {
    super::ret(make_float_vect(n.int(), "Float.Array.create"))
}

/// Bytecode's array literal builder: a block of boxed floats becomes a flat float array.
#[no_mangle]
pub extern "C" fn caml_make_array(init: Value) -> Value {
    let n = len(init);
    if n == 0 || !is_boxed_float(unsafe { init.field(0) }) {
        return init;
    }
    let mut r = LocalRoots::new();
    let k = r.add(init);
    let a = gc::alloc(n, DOUBLE_ARRAY_TAG);
    let init = r.get(k);
    for i in 0..n {
        unsafe { a.set_double_field(i, init.field(i).double()) };
    }
    a
}

/// A fresh array holding the concatenation of `parts` (array, offset, length), all rooted.
fn gather(r: &LocalRoots, parts: &[(usize, usize, usize)]) -> PResult {
    let total = parts.iter().try_fold(0usize, |acc, p| acc.checked_add(p.2));
    let total = match total {
        Some(t) if t <= MAX_WOSIZE => t,
        _ => return Err(Error::InvalidArgument("Array.concat".into())),
    };
    if total == 0 {
        return Ok(atom(0));
    }
    let float = parts.iter().any(|p| is_float_array(r.get(p.0)));
    if float {
        let a = gc::alloc(total, DOUBLE_ARRAY_TAG);
        let mut pos = 0;
        for &(k, ofs, n) in parts {
            let src = r.get(k);
            unsafe {
                std::ptr::copy_nonoverlapping(src.ptr().add(ofs), a.ptr().add(pos), n);
            }
            pos += n;
        }
        return Ok(a);
    }
    if total > MAX_YOUNG_WOSIZE {
        gc::minor_collection(); // the fields become old: plain stores are then safe
    }
    let a = gc::alloc(total, 0);
    let mut pos = 0;
    for &(k, ofs, n) in parts {
        let src = r.get(k);
        for i in 0..n {
            unsafe { a.init_field(pos + i, src.field(ofs + i)) };
        }
        pos += n;
    }
    Ok(a)
}

pub fn array_sub(a: Value, ofs: i64, n: i64) -> PResult {
    if ofs < 0 || n < 0 || (ofs + n) as u64 > len(a) as u64 {
        return Err(Error::InvalidArgument("Array.sub".into()));
    }
    let mut r = LocalRoots::new();
    let k = r.add(a);
    gather(&r, &[(k, ofs as usize, n as usize)])
}

#[no_mangle]
pub extern "C" fn caml_array_sub(a: Value, ofs: Value, n: Value) -> Value {
    super::ret(array_sub(a, ofs.int(), n.int()))
}

#[no_mangle]
pub extern "C" fn caml_array_append(a: Value, b: Value) -> Value {
    let mut r = LocalRoots::new();
    let (ka, kb) = (r.add(a), r.add(b));
    let res = gather(&r, &[(ka, 0, len(a)), (kb, 0, len(b))]);
    drop(r);
    super::ret(res)
}

#[no_mangle]
pub extern "C" fn caml_array_concat(l: Value) -> Value {
    let mut r = LocalRoots::new();
    let mut parts = Vec::new();
    let mut cell = l;
    while cell.is_block() {
        let a = unsafe { cell.field(0) };
        parts.push((r.add(a), 0, len(a)));
        cell = unsafe { cell.field(1) };
    }
    let res = gather(&r, &parts);
    drop(r);
    drop(parts);
    super::ret(res)
}

/// Copy `n` elements; overlapping ranges of one array are handled.
pub fn array_blit(a1: Value, o1: i64, a2: Value, o2: i64, n: i64) -> PResult<()> {
    if n <= 0 {
        return Ok(());
    }
    if o1 < 0 || o2 < 0 || (o1 + n) as u64 > len(a1) as u64 || (o2 + n) as u64 > len(a2) as u64 {
        return Err(Error::InvalidArgument("Array.blit".into()));
    }
    let (o1, o2, n) = (o1 as usize, o2 as usize, n as usize);
    unsafe {
        if is_float_array(a2) || is_young(a2) {
            std::ptr::copy(a1.ptr().add(o1), a2.ptr().add(o2), n);
        } else if a1 == a2 && o1 < o2 {
            for i in (0..n).rev() {
                a2.set_field(o2 + i, a1.field(o1 + i));
            }
        } else {
            for i in 0..n {
                a2.set_field(o2 + i, a1.field(o1 + i));
            }
        }
    }
    Ok(())
}

#[no_mangle]
pub extern "C" fn caml_array_blit(a1: Value, o1: Value, a2: Value, o2: Value, n: Value) -> Value {
    super::ret(array_blit(a1, o1.int(), a2, o2.int(), n.int()).map(|()| UNIT))
}
#[no_mangle]
pub extern "C" fn caml_floatarray_blit(a1: Value, o1: Value, a2: Value, o2: Value, n: Value) -> Value {
    caml_array_blit(a1, o1, a2, o2, n)
}

pub fn array_fill(a: Value, ofs: i64, n: i64, v: Value) -> PResult<()> {
    if n <= 0 {
        return Ok(());
    }
    if ofs < 0 || (ofs + n) as u64 > len(a) as u64 {
        return Err(Error::InvalidArgument("Array.fill".into()));
    }
    let (ofs, n) = (ofs as usize, n as usize);
    unsafe {
        if is_float_array(a) {
            let f = v.double();
            for i in ofs..ofs + n {
                a.set_double_field(i, f);
            }
        } else if is_young(a) || !is_young(v) {
            for i in ofs..ofs + n {
                a.init_field(i, v);
            }
        } else {
            for i in ofs..ofs + n {
                a.set_field(i, v);
            }
        }
    }
    Ok(())
}

#[no_mangle]
pub extern "C" fn caml_array_fill(a: Value, ofs: Value, n: Value, v: Value) -> Value {
    super::ret(array_fill(a, ofs.int(), n.int(), v).map(|()| UNIT))
}

fn check_index(a: Value, i: Value) -> PResult<usize> {
    let i = i.int();
    if i < 0 || i as u64 >= len(a) as u64 {
        return Err(Error::InvalidArgument("index out of bounds".into()));
    }
    Ok(i as usize)
}

#[no_mangle]
pub extern "C" fn caml_array_unsafe_get(a: Value, i: Value) -> Value {
    unsafe {
        if is_float_array(a) {
            copy_double(a.double_field(i.int() as usize))
        } else {
            a.field(i.int() as usize)
        }
    }
}
#[no_mangle]
pub extern "C" fn caml_array_unsafe_set(a: Value, i: Value, v: Value) -> Value {
    unsafe {
        if is_float_array(a) {
            a.set_double_field(i.int() as usize, v.double());
        } else {
            a.set_field(i.int() as usize, v);
        }
    }
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_array_get(a: Value, i: Value) -> Value {
    if let Err(e) = check_index(a, i) {
        super::raise_error(e)
    }
    caml_array_unsafe_get(a, i)
}
#[no_mangle]
pub extern "C" fn caml_array_set(a: Value, i: Value, v: Value) -> Value {
    if let Err(e) = check_index(a, i) {
        super::raise_error(e)
    }
    caml_array_unsafe_set(a, i, v)
}
#[no_mangle]
pub extern "C" fn caml_floatarray_unsafe_get(a: Value, i: Value) -> Value {
    copy_double(unsafe { a.double_field(i.int() as usize) })
}
#[no_mangle]
pub extern "C" fn caml_floatarray_unsafe_set(a: Value, i: Value, v: Value) -> Value {
    unsafe { a.set_double_field(i.int() as usize, v.double()) };
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_floatarray_get(a: Value, i: Value) -> Value {
    if let Err(e) = check_index(a, i) {
        super::raise_error(e)
    }
    caml_floatarray_unsafe_get(a, i)
}
#[no_mangle]
pub extern "C" fn caml_floatarray_set(a: Value, i: Value, v: Value) -> Value {
    if let Err(e) = check_index(a, i) {
        super::raise_error(e)
    }
    caml_floatarray_unsafe_set(a, i, v)
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(2, caml_make_vect, true),
        prim!(1, caml_make_float_vect, true),
        prim!(1, caml_floatarray_create, true),
        prim!(1, caml_make_array, true),
        prim!(3, caml_array_sub, true),
        prim!(2, caml_array_append, true),
        prim!(1, caml_array_concat, true),
        prim!(5, caml_array_blit, true),
        prim!(5, caml_floatarray_blit, true),
        prim!(4, caml_array_fill, true),
        prim!(2, caml_array_get, true),
        prim!(3, caml_array_set, true),
        prim!(2, caml_array_unsafe_get, true),
        prim!(3, caml_array_unsafe_set, false),
        prim!(2, caml_floatarray_get, true),
        prim!(3, caml_floatarray_set, true),
        prim!(2, caml_floatarray_unsafe_get, true),
        prim!(3, caml_floatarray_unsafe_set, false),
    ]
}
