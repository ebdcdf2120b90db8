//! `Obj` and the low-level primitives compiled code uses for laziness, recursive definitions
//! (`caml_alloc_dummy` / `caml_update_dummy`) and objects (method lookup, object ids).

use super::boxed_ints::{box_nativeint, unbox_int32, unbox_int64};
use super::{prim, Error, PResult, Primitive};
use crate::alloc::{alloc_block, atom};
use crate::gc::{self, LocalRoots};
use crate::value::*;

/// What `Obj.tag` answers for an immediate integer.
pub const INT_TAG: i64 = 1000;

#[no_mangle]
pub extern "C" fn caml_obj_tag(v: Value) -> Value {
    if v.is_int() {
        Value::of_int(INT_TAG)
    } else {
        Value::of_int(unsafe { v.tag() } as i64)
    }
}

#[no_mangle]
pub extern "C" fn caml_obj_set_tag(v: Value, tag: Value) -> Value {
    unsafe {
        let h = v.header();
        *v.header_ptr() = (h & !0xFF) | (tag.int() as u64 & 0xFF);
    }
    UNIT
}

pub fn obj_block(tag: i64, size: i64) -> PResult {
    if !(0..=255).contains(&tag) || size < 0 || size as u64 > MAX_WOSIZE as u64 {
        return Err(Error::InvalidArgument("Obj.new_block".into()));
    }
    let (tag, size) = (tag as u8, size as usize);
    if size == 0 {
        return Ok(atom(tag));
    }
    let v = gc::alloc(size, tag);
    if tag >= NO_SCAN_TAG {
        for i in 0..size {
            unsafe { v.init_field(i, Value(0)) };
        }
    }
    Ok(v)
}

#[no_mangle]
pub extern "C" fn caml_obj_block(tag: Value, size: Value) -> Value {
    super::ret(obj_block(tag.int(), size.int()))
}

/// A shallow copy of a block (with tag `tag`); immediates and atoms are returned as they are.
pub fn dup_with_tag(v: Value, tag: Option<u8>) -> Value {
    if v.is_int() {
        return v;
    }
    let size = unsafe { v.wosize() };
    let old_tag = unsafe { v.tag() };
    let tag = tag.unwrap_or(old_tag);
    if size == 0 {
        return atom(tag);
    }
    let mut r = LocalRoots::new();
    let k = r.add(v);
    let young_copy = size <= MAX_YOUNG_WOSIZE;
    if !young_copy && old_tag < NO_SCAN_TAG {
        gc::minor_collection(); // the fields become old: plain stores are then safe
    }
    let res = gc::alloc(size, tag);
    let v = r.get(k);
    unsafe { std::ptr::copy_nonoverlapping(v.ptr(), res.ptr(), size) };
    res
}

#[no_mangle]
pub extern "C" fn caml_obj_dup(v: Value) -> Value {
    dup_with_tag(v, None)
}

#[no_mangle]
pub extern "C" fn caml_obj_with_tag(tag: Value, v: Value) -> Value {
    dup_with_tag(v, Some(tag.int() as u8))
}

/// Shrink a block in place; the rest becomes an abstract filler block.
#[no_mangle]
pub extern "C" fn caml_obj_truncate(v: Value, new_size: Value) -> Value {
    let n = new_size.int();
    unsafe {
        let size = v.wosize();
        if n <= 0 || n as usize > size {
            super::raise_error(Error::InvalidArgument("Obj.truncate".into()));
        }
        let n = n as usize;
        if n == size {
            return UNIT;
        }
        let h = v.header();
        *v.field_ptr(n) = Value(make_header(size - n - 1, ABSTRACT_TAG, h & COLOR_MASK));
        *v.header_ptr() = make_header(n, header_tag(h), h & COLOR_MASK);
    }
    UNIT
}

#[no_mangle]
pub extern "C" fn caml_obj_make_forward(blk: Value, fwd: Value) -> Value {
    unsafe {
        blk.set_field(0, fwd);
        caml_obj_set_tag(blk, Value::of_int(FORWARD_TAG as i64));
    }
    UNIT
}

#[no_mangle]
pub extern "C" fn caml_lazy_make_forward(v: Value) -> Value {
    alloc_block(FORWARD_TAG, &[v])
}

#[no_mangle]
pub extern "C" fn caml_obj_add_offset(v: Value, ofs: Value) -> Value {
    Value(v.0.wrapping_add(unbox_int32(ofs) as i64 as u64))
}

#[no_mangle]
pub extern "C" fn caml_obj_raw_field(v: Value, i: Value) -> Value {
    box_nativeint(unsafe { v.field(i.int() as usize).0 as i64 })
}

#[no_mangle]
pub extern "C" fn caml_obj_set_raw_field(v: Value, i: Value, raw: Value) -> Value {
    unsafe { *v.field_ptr(i.int() as usize) = Value(unbox_int64(raw) as u64) };
    UNIT
}

/// Words (headers included) of the blocks reachable from `v`.
pub fn reachable_words(v: Value) -> usize {
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![v];
    let mut total = 0;
    while let Some(v) = stack.pop() {
        if v.is_int() || !seen.insert(v.0) {
            continue;
        }
        unsafe {
            let size = v.wosize();
            let tag = v.tag();
            if size == 0 {
                continue;
            }
            if tag == INFIX_TAG {
                stack.push(Value(v.0 - (size * 8) as u64));
                continue;
            }
            total += size + 1;
            if tag < NO_SCAN_TAG {
                let start = if tag == CLOSURE_TAG { ((v.field(1).0 << 8) >> 9) as usize } else { 0 };
                for i in start.min(size)..size {
                    stack.push(v.field(i));
                }
            }
        }
    }
    total
}

#[no_mangle]
pub extern "C" fn caml_obj_reachable_words(v: Value) -> Value {
    Value::of_int(reachable_words(v) as i64)
}

// ---- Recursive definitions: placeholders filled in once the real value exists. ----

#[no_mangle]
pub extern "C" fn caml_alloc_dummy(size: Value) -> Value {
    let n = size.int().max(0) as usize;
    if n == 0 {
        return atom(0);
    }
    gc::alloc(n, 0)
}

#[no_mangle]
pub extern "C" fn caml_alloc_dummy_float(size: Value) -> Value {
    let n = size.int().max(0) as usize;
    if n == 0 {
        return atom(0);
    }
    let v = gc::alloc(n, DOUBLE_ARRAY_TAG);
    for i in 0..n {
        unsafe { v.set_double_field(i, 0.0) };
    }
    v
}

#[no_mangle]
pub extern "C" fn caml_alloc_dummy_function(size: Value, _arity: Value) -> Value {
    caml_alloc_dummy(size)
}

/// A closure-sized dummy with an Infix header at word `offset` (for mutually recursive
/// functions referenced through their infix pointers).
#[no_mangle]
pub extern "C" fn caml_alloc_dummy_infix(size: Value, offset: Value) -> Value {
    let v = caml_alloc_dummy(size);
    let ofs = offset.int() as usize;
    if ofs > 0 {
        unsafe {
            *v.field_ptr(ofs - 1) = Value(make_header(ofs, INFIX_TAG, 0));
            return Value(v.field_ptr(ofs) as u64);
        }
    }
    v
}

#[no_mangle]
pub extern "C" fn caml_update_dummy(dummy: Value, newval: Value) -> Value {
    unsafe {
        let (mut dummy, mut newval) = (dummy, newval);
        let mut tag = newval.tag();
        if tag == INFIX_TAG {
            let offset = newval.wosize() * 8;
            dummy = Value(dummy.0 - offset as u64);
            newval = Value(newval.0 - offset as u64);
            tag = CLOSURE_TAG;
        }
        let size = newval.wosize().min(dummy.wosize());
        caml_obj_set_tag(dummy, Value::of_int(tag as i64));
        if tag == DOUBLE_ARRAY_TAG {
            for i in 0..size {
                dummy.set_double_field(i, newval.double_field(i));
            }
        } else {
            for i in 0..size {
                dummy.set_field(i, newval.field(i));
            }
        }
    }
    UNIT
}

// ---- Objects ----

/// Give an object (or extension constructor) a fresh id in field 1.
#[no_mangle]
pub extern "C" fn caml_set_oo_id(obj: Value) -> Value {
    let id = crate::fail::caml_fresh_oo_id(UNIT);
    unsafe { obj.init_field(1, id) };
    obj
}

/// Binary search of a public method by its hashed label in the object's method table.
#[no_mangle]
pub extern "C" fn caml_get_public_method(obj: Value, tag: Value) -> Value {
    unsafe {
        let meths = obj.field(0);
        let (mut li, mut hi) = (3usize, meths.field(0).int() as usize);
        while li < hi {
            let mi = ((li + hi) >> 1) | 1;
            if tag.int() < meths.field(mi).int() {
                hi = mi - 2;
            } else {
                li = mi;
            }
        }
        if li < meths.wosize() && meths.field(li) == tag {
            meths.field(li - 1)
        } else {
            Value::of_int(0)
        }
    }
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(1, caml_obj_tag, false),
        prim!(2, caml_obj_set_tag, false),
        prim!(2, caml_obj_block, true),
        prim!(1, caml_obj_dup, true),
        prim!(2, caml_obj_with_tag, true),
        prim!(2, caml_obj_truncate, true),
        prim!(2, caml_obj_make_forward, false),
        prim!(1, caml_lazy_make_forward, true),
        prim!(2, caml_obj_add_offset, false),
        prim!(2, caml_obj_raw_field, true),
        prim!(3, caml_obj_set_raw_field, false),
        prim!(1, caml_obj_reachable_words, false),
        prim!(1, caml_alloc_dummy, true),
        prim!(1, caml_alloc_dummy_float, true),
        prim!(2, caml_alloc_dummy_function, true),
        prim!(2, caml_alloc_dummy_infix, true),
        prim!(2, caml_update_dummy, false),
        prim!(1, caml_set_oo_id, false),
        prim!(2, caml_get_public_method, false),
    ]
}
