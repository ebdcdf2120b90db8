//! int32, int64 and nativeint: custom blocks (identifiers "_i", "_j", "_n") holding the integer
//! in the word after the operations pointer, and their arithmetic and conversion primitives.
//! Generated code may box an int64 inline: header (wosize 2, Custom_tag), `&caml_int64_ops`,
//! then the integer; int32s are stored sign-extended to the whole word.

use super::custom::{alloc_custom, CustomOperations};
use super::{prim, Error, PResult, Primitive};
use crate::alloc::copy_double;
use crate::value::Value;

extern "C" fn int32_compare(a: Value, b: Value) -> i32 {
    let (x, y) = (unbox_int32(a), unbox_int32(b));
    (x > y) as i32 - (x < y) as i32
}
extern "C" fn int32_hash(v: Value) -> isize {
    unbox_int32(v) as isize
}
extern "C" fn int64_compare(a: Value, b: Value) -> i32 {
    let (x, y) = (unbox_int64(a), unbox_int64(b));
    (x > y) as i32 - (x < y) as i32
}
extern "C" fn int64_hash(v: Value) -> isize {
    let x = unbox_int64(v);
    ((x as u32) ^ ((x >> 32) as u32)) as isize
}
extern "C" fn nativeint_compare(a: Value, b: Value) -> i32 {
    int64_compare(a, b)
}
extern "C" fn nativeint_hash(v: Value) -> isize {
    let n = unbox_int64(v);
    ((n >> 32) ^ (n >> 63) ^ n) as isize
}

const fn ops(
    id: &'static [u8],
    compare: extern "C" fn(Value, Value) -> i32,
    hash: extern "C" fn(Value) -> isize,
    len: usize,
) -> CustomOperations {
    CustomOperations {
        identifier: id.as_ptr(),
        finalize: None,
        compare: Some(compare),
        hash: Some(hash),
        serialize: 0,
        deserialize: 0,
        compare_ext: None,
        fixed_length: len,
    }
}

#[no_mangle]
pub static caml_int32_ops: CustomOperations = ops(b"_i\0", int32_compare, int32_hash, 4);
#[no_mangle]
pub static caml_int64_ops: CustomOperations = ops(b"_j\0", int64_compare, int64_hash, 8);
#[no_mangle]
pub static caml_nativeint_ops: CustomOperations = ops(b"_n\0", nativeint_compare, nativeint_hash, 8);

pub fn box_int32(x: i32) -> Value {
    let v = alloc_custom(&caml_int32_ops, 1);
    unsafe { v.init_field(1, Value(x as i64 as u64)) };
    v
}
pub fn box_int64(x: i64) -> Value {
    let v = alloc_custom(&caml_int64_ops, 1);
    unsafe { v.init_field(1, Value(x as u64)) };
    v
}
pub fn box_nativeint(x: i64) -> Value {
    let v = alloc_custom(&caml_nativeint_ops, 1);
    unsafe { v.init_field(1, Value(x as u64)) };
    v
}
#[inline]
pub fn unbox_int32(v: Value) -> i32 {
    unsafe { v.field(1).0 as u32 as i32 }
}
/// Also reads nativeints (same layout).
#[inline]
pub fn unbox_int64(v: Value) -> i64 {
    unsafe { v.field(1).0 as i64 }
}

/// C's float-to-integer truncation as x86-64 does it: out of range and nan give the minimum.
pub fn f64_to_i64(f: f64) -> i64 {
    if f.is_nan() || f >= 9223372036854775808.0 || f < -9223372036854775808.0 {
        i64::MIN
    } else {
        f as i64
    }
}
pub fn f64_to_i32(f: f64) -> i32 {
    if f.is_nan() || f >= 2147483648.0 || f <= -2147483649.0 {
        i32::MIN
    } else {
        f as i32
    }
}

fn div_check<T: PartialEq + Default>(d: T) -> PResult<()> {
    if d == T::default() {
        Err(Error::ZeroDivide)
    } else {
        Ok(())
    }
}

/// Defines the primitives of one boxed integer type.
macro_rules! boxed_int_prims {
    ($t:ty, $bits:expr, $unbox:ident, $boxf:ident, $name:literal,
     $neg:ident, $add:ident, $sub:ident, $mul:ident, $div:ident, $mod_:ident,
     $and:ident, $or:ident, $xor:ident, $shl:ident, $shr:ident, $shru:ident,
     $of_int:ident, $to_int:ident, $of_float:ident, $to_float:ident, $to_f:expr, $of_f:expr,
     $cmp:ident, $format:ident, $of_string:ident, $bswap:ident, $list:ident) => {
        #[no_mangle] pub extern "C" fn $neg(a: Value) -> Value { $boxf($unbox(a).wrapping_neg() as _) }
        #[no_mangle] pub extern "C" fn $add(a: Value, b: Value) -> Value { $boxf(($unbox(a) as $t).wrapping_add($unbox(b) as $t) as _) }
        #[no_mangle] pub extern "C" fn $sub(a: Value, b: Value) -> Value { $boxf(($unbox(a) as $t).wrapping_sub($unbox(b) as $t) as _) }
        #[no_mangle] pub extern "C" fn $mul(a: Value, b: Value) -> Value { $boxf(($unbox(a) as $t).wrapping_mul($unbox(b) as $t) as _) }
        #[no_mangle] pub extern "C" fn $div(a: Value, b: Value) -> Value {
            let (x, y) = ($unbox(a) as $t, $unbox(b) as $t);
            if let Err(e) = div_check(y) { super::raise_error(e) }
            $boxf(x.wrapping_div(y) as _)
        }
        #[no_mangle] pub extern "C" fn $mod_(a: Value, b: Value) -> Value {
            let (x, y) = ($unbox(a) as $t, $unbox(b) as $t);
            if let Err(e) = div_check(y) { super::raise_error(e) }
            $boxf(x.wrapping_rem(y) as _)
        }
        #[no_mangle] pub extern "C" fn $and(a: Value, b: Value) -> Value { $boxf(($unbox(a) & $unbox(b)) as _) }
        #[no_mangle] pub extern "C" fn $or(a: Value, b: Value) -> Value { $boxf(($unbox(a) | $unbox(b)) as _) }
        #[no_mangle] pub extern "C" fn $xor(a: Value, b: Value) -> Value { $boxf(($unbox(a) ^ $unbox(b)) as _) }
        #[no_mangle] pub extern "C" fn $shl(a: Value, n: Value) -> Value { $boxf(($unbox(a) as $t).wrapping_shl(n.int() as u32) as _) }
        #[no_mangle] pub extern "C" fn $shr(a: Value, n: Value) -> Value { $boxf(($unbox(a) as $t).wrapping_shr(n.int() as u32) as _) }
        #[no_mangle] pub extern "C" fn $shru(a: Value, n: Value) -> Value {
            let u = ($unbox(a) as $t) as u64 & (u64::MAX >> (64 - $bits));
            let s = (n.int() as u32) & ($bits - 1);
            $boxf((u >> s) as $t as _)
        }
        #[no_mangle] pub extern "C" fn $of_int(a: Value) -> Value { $boxf(a.int() as $t as _) }
        #[no_mangle] pub extern "C" fn $to_int(a: Value) -> Value { Value::of_int($unbox(a) as i64) }
        #[no_mangle] pub extern "C" fn $of_float(a: Value) -> Value { $boxf(($of_f)(unsafe { a.double() }) as _) }
        #[no_mangle] pub extern "C" fn $to_float(a: Value) -> Value { copy_double(($to_f)($unbox(a) as $t)) }
        #[no_mangle] pub extern "C" fn $cmp(a: Value, b: Value) -> Value {
            let (x, y) = ($unbox(a) as $t, $unbox(b) as $t);
            Value::of_int((x > y) as i64 - (x < y) as i64)
        }
        #[no_mangle] pub extern "C" fn $format(fmt: Value, a: Value) -> Value {
            super::ret(super::ints::format_int_value(unsafe { fmt.bytes() }, $unbox(a) as i64, $bits))
        }
        #[no_mangle] pub extern "C" fn $of_string(s: Value) -> Value {
            let r = super::ints::parse_int(unsafe { s.bytes() }, $bits, concat!($name, ".of_string"));
            super::ret(r.map(|x| $boxf(x as $t as _)))
        }
        #[no_mangle] pub extern "C" fn $bswap(a: Value) -> Value { $boxf(($unbox(a) as $t).swap_bytes() as _) }
        fn $list() -> Vec<Primitive> {
            vec![
                prim!(1, $neg, true), prim!(2, $add, true), prim!(2, $sub, true), prim!(2, $mul, true),
                prim!(2, $div, true), prim!(2, $mod_, true), prim!(2, $and, true), prim!(2, $or, true),
                prim!(2, $xor, true), prim!(2, $shl, true), prim!(2, $shr, true), prim!(2, $shru, true),
                prim!(1, $of_int, true), prim!(1, $to_int, false), prim!(1, $of_float, true),
                prim!(1, $to_float, true), prim!(2, $cmp, false), prim!(2, $format, true),
                prim!(1, $of_string, true), prim!(1, $bswap, true),
            ]
        }
    };
}

boxed_int_prims!(i32, 32, unbox_int32, box_int32, "Int32",
    caml_int32_neg, caml_int32_add, caml_int32_sub, caml_int32_mul, caml_int32_div, caml_int32_mod,
    caml_int32_and, caml_int32_or, caml_int32_xor, caml_int32_shift_left, caml_int32_shift_right,
    caml_int32_shift_right_unsigned, caml_int32_of_int, caml_int32_to_int, caml_int32_of_float,
    caml_int32_to_float, |x: i32| x as f64, f64_to_i32,
    caml_int32_compare, caml_int32_format, caml_int32_of_string, caml_int32_bswap, int32_prims);

boxed_int_prims!(i64, 64, unbox_int64, box_int64, "Int64",
    caml_int64_neg, caml_int64_add, caml_int64_sub, caml_int64_mul, caml_int64_div, caml_int64_mod,
    caml_int64_and, caml_int64_or, caml_int64_xor, caml_int64_shift_left, caml_int64_shift_right,
    caml_int64_shift_right_unsigned, caml_int64_of_int, caml_int64_to_int, caml_int64_of_float,
    caml_int64_to_float, |x: i64| x as f64, f64_to_i64,
    caml_int64_compare, caml_int64_format, caml_int64_of_string, caml_int64_bswap, int64_prims);

boxed_int_prims!(i64, 64, unbox_int64, box_nativeint, "Nativeint",
    caml_nativeint_neg, caml_nativeint_add, caml_nativeint_sub, caml_nativeint_mul,
    caml_nativeint_div, caml_nativeint_mod, caml_nativeint_and, caml_nativeint_or,
    caml_nativeint_xor, caml_nativeint_shift_left, caml_nativeint_shift_right,
    caml_nativeint_shift_right_unsigned, caml_nativeint_of_int, caml_nativeint_to_int,
    caml_nativeint_of_float, caml_nativeint_to_float, |x: i64| x as f64, f64_to_i64,
    caml_nativeint_compare, caml_nativeint_format, caml_nativeint_of_string, caml_nativeint_bswap,
    nativeint_prims);

// Conversions between the boxed types and float bit patterns.
#[no_mangle]
pub extern "C" fn caml_int64_of_int32(a: Value) -> Value {
    box_int64(unbox_int32(a) as i64)
}
#[no_mangle]
pub extern "C" fn caml_int64_to_int32(a: Value) -> Value {
    box_int32(unbox_int64(a) as i32)
}
#[no_mangle]
pub extern "C" fn caml_int64_of_nativeint(a: Value) -> Value {
    box_int64(unbox_int64(a))
}
#[no_mangle]
pub extern "C" fn caml_int64_to_nativeint(a: Value) -> Value {
    box_nativeint(unbox_int64(a))
}
#[no_mangle]
pub extern "C" fn caml_nativeint_of_int32(a: Value) -> Value {
    box_nativeint(unbox_int32(a) as i64)
}
#[no_mangle]
pub extern "C" fn caml_nativeint_to_int32(a: Value) -> Value {
    box_int32(unbox_int64(a) as i32)
}
#[no_mangle]
pub extern "C" fn caml_int64_bits_of_float(f: Value) -> Value {
    box_int64(unsafe { f.double() }.to_bits() as i64)
}
#[no_mangle]
pub extern "C" fn caml_int64_float_of_bits(a: Value) -> Value {
    copy_double(f64::from_bits(unbox_int64(a) as u64))
}
#[no_mangle]
pub extern "C" fn caml_int32_bits_of_float(f: Value) -> Value {
    box_int32((unsafe { f.double() } as f32).to_bits() as i32)
}
#[no_mangle]
pub extern "C" fn caml_int32_float_of_bits(a: Value) -> Value {
    copy_double(f32::from_bits(unbox_int32(a) as u32) as f64)
}

pub fn prims() -> Vec<Primitive> {
    let mut v = int32_prims();
    v.extend(int64_prims());
    v.extend(nativeint_prims());
    v.extend([
        prim!(1, caml_int64_of_int32, true),
        prim!(1, caml_int64_to_int32, true),
        prim!(1, caml_int64_of_nativeint, true),
        prim!(1, caml_int64_to_nativeint, true),
        prim!(1, caml_nativeint_of_int32, true),
        prim!(1, caml_nativeint_to_int32, true),
        prim!(1, caml_int64_bits_of_float, true),
        prim!(1, caml_int64_float_of_bits, true),
        prim!(1, caml_int32_bits_of_float, true),
        prim!(1, caml_int32_float_of_bits, true),
    ]);
    v
}
