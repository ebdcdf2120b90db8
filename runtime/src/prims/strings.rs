//! Strings and bytes: creation, blits and fills, indexed access (bounds-checked variants and the
//! 16/32/64-bit little-endian accessors). Strings and bytes share one representation.

use super::boxed_ints::{box_int32, box_int64, unbox_int32, unbox_int64};
use super::{prim, Error, PResult, Primitive};
use crate::alloc::alloc_string;
use crate::value::*;

/// Largest length of a string.
pub const MAX_STRING_LEN: usize = MAX_WOSIZE * 8 - 1;

pub fn create_bytes(len: i64, who: &str) -> PResult {
    if len < 0 || len as u64 > MAX_STRING_LEN as u64 {
        return Err(Error::InvalidArgument(who.into()));
    }
    Ok(alloc_string(len as usize))
}

#[no_mangle]
pub extern "C" fn caml_create_bytes(len: Value) -> Value {
    super::ret(create_bytes(len.int(), "Bytes.create"))
}
#[no_mangle]
pub extern "C" fn caml_create_string(len: Value) -> Value {
    super::ret(create_bytes(len.int(), "String.create"))
}

/// Copy `n` bytes; the Stdlib checked the bounds. Overlapping ranges are fine.
#[no_mangle]
pub extern "C" fn caml_blit_bytes(s1: Value, o1: Value, s2: Value, o2: Value, n: Value) -> Value {
    if n.int() > 0 {
        unsafe {
            let src = (s1.0 as *const u8).add(o1.int() as usize);
            let dst = (s2.0 as *mut u8).add(o2.int() as usize);
            std::ptr::copy(src, dst, n.int() as usize);
        }
    }
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_blit_string(s1: Value, o1: Value, s2: Value, o2: Value, n: Value) -> Value {
    caml_blit_bytes(s1, o1, s2, o2, n)
}

#[no_mangle]
pub extern "C" fn caml_fill_bytes(s: Value, off: Value, len: Value, c: Value) -> Value {
    if len.int() > 0 {
        unsafe {
            let p = (s.0 as *mut u8).add(off.int() as usize);
            std::ptr::write_bytes(p, c.int() as u8, len.int() as usize);
        }
    }
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_fill_string(s: Value, off: Value, len: Value, c: Value) -> Value {
    caml_fill_bytes(s, off, len, c)
}

#[no_mangle]
pub extern "C" fn caml_string_of_bytes(b: Value) -> Value {
    b
}
#[no_mangle]
pub extern "C" fn caml_bytes_of_string(s: Value) -> Value {
    s
}
#[no_mangle]
pub extern "C" fn caml_ml_string_length(s: Value) -> Value {
    Value::of_int(unsafe { s.string_len() } as i64)
}
#[no_mangle]
pub extern "C" fn caml_ml_bytes_length(s: Value) -> Value {
    caml_ml_string_length(s)
}

/// Offset `i` where `width` bytes fit in `s`, or the bounds error.
fn index(s: Value, i: Value, width: usize) -> PResult<usize> {
    let len = unsafe { s.string_len() };
    let i = i.int();
    if i < 0 || (i as u64).saturating_add(width as u64) > len as u64 {
        return Err(Error::InvalidArgument("index out of bounds".into()));
    }
    Ok(i as usize)
}

fn read<const N: usize>(s: Value, i: Value) -> PResult<[u8; N]> {
    let i = index(s, i, N)?;
    let mut b = [0u8; N];
    b.copy_from_slice(unsafe { &s.bytes()[i..i + N] });
    Ok(b)
}

fn write<const N: usize>(s: Value, i: Value, b: [u8; N]) -> PResult {
    let i = index(s, i, N)?;
    unsafe { s.bytes_mut()[i..i + N].copy_from_slice(&b) };
    Ok(UNIT)
}

#[no_mangle]
pub extern "C" fn caml_string_get(s: Value, i: Value) -> Value {
    super::ret(read::<1>(s, i).map(|b| Value::of_int(b[0] as i64)))
}
#[no_mangle]
pub extern "C" fn caml_bytes_get(s: Value, i: Value) -> Value {
    caml_string_get(s, i)
}
#[no_mangle]
pub extern "C" fn caml_bytes_set(s: Value, i: Value, c: Value) -> Value {
    super::ret(write(s, i, [c.int() as u8]))
}
#[no_mangle]
pub extern "C" fn caml_string_set(s: Value, i: Value, c: Value) -> Value {
    caml_bytes_set(s, i, c)
}
#[no_mangle]
pub extern "C" fn caml_string_get16(s: Value, i: Value) -> Value {
    super::ret(read::<2>(s, i).map(|b| Value::of_int(u16::from_le_bytes(b) as i64)))
}
#[no_mangle]
pub extern "C" fn caml_string_get32(s: Value, i: Value) -> Value {
    super::ret(read::<4>(s, i).map(|b| box_int32(i32::from_le_bytes(b))))
}
#[no_mangle]
pub extern "C" fn caml_string_get64(s: Value, i: Value) -> Value {
    super::ret(read::<8>(s, i).map(|b| box_int64(i64::from_le_bytes(b))))
}
#[no_mangle]
pub extern "C" fn caml_bytes_get16(s: Value, i: Value) -> Value {
    caml_string_get16(s, i)
}
#[no_mangle]
pub extern "C" fn caml_bytes_get32(s: Value, i: Value) -> Value {
    caml_string_get32(s, i)
}
#[no_mangle]
pub extern "C" fn caml_bytes_get64(s: Value, i: Value) -> Value {
    caml_string_get64(s, i)
}
#[no_mangle]
pub extern "C" fn caml_bytes_set16(s: Value, i: Value, v: Value) -> Value {
    super::ret(write(s, i, (v.int() as u16).to_le_bytes()))
}
#[no_mangle]
pub extern "C" fn caml_bytes_set32(s: Value, i: Value, v: Value) -> Value {
    super::ret(write(s, i, unbox_int32(v).to_le_bytes()))
}
#[no_mangle]
pub extern "C" fn caml_bytes_set64(s: Value, i: Value, v: Value) -> Value {
    super::ret(write(s, i, unbox_int64(v).to_le_bytes()))
}
#[no_mangle]
pub extern "C" fn caml_bswap16(v: Value) -> Value {
    Value::of_int((v.int() as u16).swap_bytes() as i64)
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(1, caml_create_bytes, true),
        prim!(1, caml_create_string, true),
        prim!(5, caml_blit_bytes, false),
        prim!(5, caml_blit_string, false),
        prim!(4, caml_fill_bytes, false),
        prim!(4, caml_fill_string, false),
        prim!(1, caml_string_of_bytes, false),
        prim!(1, caml_bytes_of_string, false),
        prim!(1, caml_ml_string_length, false),
        prim!(1, caml_ml_bytes_length, false),
        prim!(2, caml_string_get, true),
        prim!(2, caml_bytes_get, true),
        prim!(3, caml_bytes_set, true),
        prim!(3, caml_string_set, true),
        prim!(2, caml_string_get16, true),
        prim!(2, caml_string_get32, true),
        prim!(2, caml_string_get64, true),
        prim!(2, caml_bytes_get16, true),
        prim!(2, caml_bytes_get32, true),
        prim!(2, caml_bytes_get64, true),
        prim!(3, caml_bytes_set16, true),
        prim!(3, caml_bytes_set32, true),
        prim!(3, caml_bytes_set64, true),
        prim!(1, caml_bswap16, false),
    ]
}
