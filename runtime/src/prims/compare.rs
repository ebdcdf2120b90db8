//! Polymorphic comparison with OCaml's semantics: integers before blocks, blocks ordered by tag,
//! then size, then fields left to right; strings lexicographically; floats with `compare`
//! treating nan as equal to itself and below everything, while `=`/`<`/... are false on nan;
//! custom blocks by their own compare. Iterative, so long lists do not grow the Rust stack.

use super::custom::ops_of;
use super::{prim, Error, PResult, Primitive};
use crate::value::*;

/// Result of comparing where nan made the values unordered (only when `total` is false).
pub const UNORDERED: i64 = i64::MIN;
const LESS: i64 = -1;
const GREATER: i64 = 1;

fn functional() -> Error {
    Error::InvalidArgument("compare: functional value".into())
}
fn abstract_value() -> Error {
    Error::InvalidArgument("compare: abstract value".into())
}

/// Compare two floats. `total`: nan = nan and nan < x; otherwise nan makes them UNORDERED.
#[inline]
fn compare_floats(a: f64, b: f64, total: bool) -> i64 {
    if a < b {
        LESS
    } else if a > b {
        GREATER
    } else if a != b {
        if !total {
            UNORDERED
        } else if a == a {
            GREATER // only b is nan
        } else if b == b {
            LESS // only a is nan
        } else {
            0
        }
    } else {
        0
    }
}

/// Lexicographic comparison of bytes, shorter first on a common prefix.
pub fn compare_bytes(a: &[u8], b: &[u8]) -> i64 {
    match a.cmp(b) {
        std::cmp::Ordering::Less => LESS,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => GREATER,
    }
}

/// Set by a custom compare function that met a nan (so `=` and `<` answer false).
static mut CUSTOM_UNORDERED: bool = false;

pub fn set_custom_unordered() {
    unsafe { CUSTOM_UNORDERED = true }
}

/// Pending field comparisons of two blocks of the same size.
struct Pending {
    b1: Value,
    b2: Value,
    next: usize,
    size: usize,
}

/// Compare `v1` and `v2`: negative, zero, positive, or UNORDERED (when `total` is false).
/// Allocates nothing, so the values need no rooting.
pub fn compare_val(v1: Value, v2: Value, total: bool) -> PResult<i64> {
    // Integers and strings first, without the general machinery.
    if v1.is_int() && v2.is_int() {
        return Ok(v1.int() - v2.int());
    }
    if v1.is_block() && v2.is_block() {
        unsafe {
            if v1.tag() == STRING_TAG && v2.tag() == STRING_TAG {
                return Ok(if v1 == v2 { 0 } else { compare_bytes(v1.bytes(), v2.bytes()) });
            }
        }
    }
    let mut stack: Vec<Pending> = Vec::new();
    let (mut v1, mut v2) = (v1, v2);
    loop {
        let r = unsafe { compare_one(&mut v1, &mut v2, total, &mut stack)? };
        if r != 0 {
            return Ok(r);
        }
        // Next pair of fields, if any.
        loop {
            let Some(top) = stack.last_mut() else { return Ok(0) };
            if top.next < top.size {
                unsafe {
                    v1 = top.b1.field(top.next);
                    v2 = top.b2.field(top.next);
                }
                top.next += 1;
                break;
            }
            stack.pop();
        }
    }
}

/// Compare one pair; for blocks with fields, push the rest and go on with the first fields.
unsafe fn compare_one(
    v1: &mut Value,
    v2: &mut Value,
    total: bool,
    stack: &mut Vec<Pending>,
) -> PResult<i64> {
    loop {
        let (a, b) = (*v1, *v2);
        if a == b && total {
            return Ok(0);
        }
        if a.is_int() {
            if a == b {
                return Ok(0);
            }
            if b.is_int() {
                return Ok(a.int() - b.int());
            }
            match b.tag() {
                FORWARD_TAG => {
                    *v2 = b.field(0);
                    continue;
                }
                CUSTOM_TAG => {
                    if let Some(cmp) = ops_of(b).compare_ext {
                        let r = cmp(a, b) as i64;
                        if r != 0 {
                            return Ok(r);
                        }
                        return Ok(0);
                    }
                }
                _ => {}
            }
            return Ok(LESS);
        }
        if b.is_int() {
            match a.tag() {
                FORWARD_TAG => {
                    *v1 = a.field(0);
                    continue;
                }
                CUSTOM_TAG => {
                    if let Some(cmp) = ops_of(a).compare_ext {
                        let r = -(cmp(b, a) as i64);
                        return Ok(r);
                    }
                }
                _ => {}
            }
            return Ok(GREATER);
        }
        let (t1, t2) = (a.tag(), b.tag());
        if t1 != t2 {
            if t1 == FORWARD_TAG {
                *v1 = a.field(0);
                continue;
            }
            if t2 == FORWARD_TAG {
                *v2 = b.field(0);
                continue;
            }
            let k1 = if t1 == INFIX_TAG { CLOSURE_TAG } else { t1 };
            let k2 = if t2 == INFIX_TAG { CLOSURE_TAG } else { t2 };
            if k1 != k2 {
                return Ok(k1 as i64 - k2 as i64);
            }
        }
        return match t1 {
            FORWARD_TAG => {
                *v1 = a.field(0);
                *v2 = b.field(0);
                continue;
            }
            STRING_TAG => Ok(if a == b { 0 } else { compare_bytes(a.bytes(), b.bytes()) }),
            DOUBLE_TAG => Ok(compare_floats(a.double(), b.double(), total)),
            DOUBLE_ARRAY_TAG => {
                let (s1, s2) = (a.wosize(), b.wosize());
                if s1 != s2 {
                    return Ok(s1 as i64 - s2 as i64);
                }
                for i in 0..s1 {
                    let r = compare_floats(a.double_field(i), b.double_field(i), total);
                    if r != 0 {
                        return Ok(r);
                    }
                }
                Ok(0)
            }
            ABSTRACT_TAG => Err(abstract_value()),
            CLOSURE_TAG | INFIX_TAG => Err(functional()),
            OBJECT_TAG => Ok(a.field(1).int() - b.field(1).int()),
            CUSTOM_TAG => {
                let (o1, o2) = (ops_of(a), ops_of(b));
                // Different kinds of custom blocks are ordered by their identifiers.
                if o1.identifier() != o2.identifier() {
                    return Ok(if o1.identifier() < o2.identifier() { LESS } else { GREATER });
                }
                match o1.compare {
                    None => Err(abstract_value()),
                    Some(f) => {
                        CUSTOM_UNORDERED = false;
                        let r = f(a, b) as i64;
                        if CUSTOM_UNORDERED && !total {
                            return Ok(UNORDERED);
                        }
                        if r != 0 {
                            return Ok(r);
                        }
                        Ok(0)
                    }
                }
            }
            _ => {
                let (s1, s2) = (a.wosize(), b.wosize());
                if s1 != s2 {
                    return Ok(s1 as i64 - s2 as i64);
                }
                if s1 == 0 {
                    return Ok(0);
                }
                if s1 > 1 {
                    stack.push(Pending { b1: a, b2: b, next: 1, size: s1 });
                }
                *v1 = a.field(0);
                *v2 = b.field(0);
                continue;
            }
        };
    }
}

/// `compare`: -1, 0 or 1.
pub fn compare(a: Value, b: Value) -> PResult<i64> {
    let r = compare_val(a, b, true)?;
    Ok(r.signum())
}

pub fn equal(a: Value, b: Value) -> PResult<bool> {
    Ok(compare_val(a, b, false)? == 0)
}
pub fn lessthan(a: Value, b: Value) -> PResult<bool> {
    let r = compare_val(a, b, false)?;
    Ok(r < 0 && r != UNORDERED)
}
pub fn lessequal(a: Value, b: Value) -> PResult<bool> {
    let r = compare_val(a, b, false)?;
    Ok(r <= 0 && r != UNORDERED)
}
pub fn greaterthan(a: Value, b: Value) -> PResult<bool> {
    Ok(compare_val(a, b, false)? > 0)
}
pub fn greaterequal(a: Value, b: Value) -> PResult<bool> {
    Ok(compare_val(a, b, false)? >= 0)
}

fn bool_ret(r: PResult<bool>) -> Value {
    super::ret(r.map(Value::of_bool))
}

#[no_mangle]
pub extern "C" fn caml_compare(a: Value, b: Value) -> Value {
    super::ret(compare(a, b).map(Value::of_int))
}
#[no_mangle]
pub extern "C" fn caml_equal(a: Value, b: Value) -> Value {
    bool_ret(equal(a, b))
}
#[no_mangle]
pub extern "C" fn caml_notequal(a: Value, b: Value) -> Value {
    bool_ret(equal(a, b).map(|e| !e))
}
#[no_mangle]
pub extern "C" fn caml_lessthan(a: Value, b: Value) -> Value {
    bool_ret(lessthan(a, b))
}
#[no_mangle]
pub extern "C" fn caml_lessequal(a: Value, b: Value) -> Value {
    bool_ret(lessequal(a, b))
}
#[no_mangle]
pub extern "C" fn caml_greaterthan(a: Value, b: Value) -> Value {
    bool_ret(greaterthan(a, b))
}
#[no_mangle]
pub extern "C" fn caml_greaterequal(a: Value, b: Value) -> Value {
    bool_ret(greaterequal(a, b))
}

#[no_mangle]
pub extern "C" fn caml_int_compare(a: Value, b: Value) -> Value {
    Value::of_int((a.int() > b.int()) as i64 - (a.int() < b.int()) as i64)
}

/// Float `compare`: nan equals nan and is below every other float.
pub fn float_compare(f: f64, g: f64) -> i64 {
    (f > g) as i64 - (f < g) as i64 + (f == f) as i64 - (g == g) as i64
}

#[no_mangle]
pub extern "C" fn caml_float_compare(a: Value, b: Value) -> Value {
    unsafe { Value::of_int(float_compare(a.double(), b.double())) }
}

// Strings and bytes share one representation, so one set of functions serves both.
macro_rules! string_cmp {
    ($($name:ident => |$o:ident| $e:expr),* $(,)?) => {$(
        #[no_mangle]
        pub extern "C" fn $name(a: Value, b: Value) -> Value {
            let $o = unsafe { compare_bytes(a.bytes(), b.bytes()) };
            $e
        }
    )*};
}
string_cmp! {
    caml_string_compare => |o| Value::of_int(o),

    caml_string_lessthan => |o| Value::of_bool(o < 0),
    caml_string_lessequal => |o| Value::of_bool(o <= 0),
    caml_string_greaterthan => |o| Value::of_bool(o > 0),
    caml_string_greaterequal => |o| Value::of_bool(o >= 0),
    caml_bytes_compare => |o| Value::of_int(o),

    caml_bytes_lessthan => |o| Value::of_bool(o < 0),
    caml_bytes_lessequal => |o| Value::of_bool(o <= 0),
    caml_bytes_greaterthan => |o| Value::of_bool(o > 0),
    caml_bytes_greaterequal => |o| Value::of_bool(o >= 0),
}

// Equality needs no order: different lengths answer at once.
macro_rules! string_eq {
    ($($name:ident => $equal:expr),* $(,)?) => {$(
        #[no_mangle]
        pub extern "C" fn $name(a: Value, b: Value) -> Value {
            Value::of_bool(unsafe { a.bytes() == b.bytes() } == $equal)
        }
    )*};
}
string_eq! {
    caml_string_equal => true,
    caml_string_notequal => false,
    caml_bytes_equal => true,
    caml_bytes_notequal => false,
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(2, caml_compare, true),
        prim!(2, caml_equal, true),
        prim!(2, caml_notequal, true),
        prim!(2, caml_lessthan, true),
        prim!(2, caml_lessequal, true),
        prim!(2, caml_greaterthan, true),
        prim!(2, caml_greaterequal, true),
        prim!(2, caml_int_compare, false),
        prim!(2, caml_float_compare, false),
        prim!(2, caml_string_compare, false),
        prim!(2, caml_string_equal, false),
        prim!(2, caml_string_notequal, false),
        prim!(2, caml_string_lessthan, false),
        prim!(2, caml_string_lessequal, false),
        prim!(2, caml_string_greaterthan, false),
        prim!(2, caml_string_greaterequal, false),
        prim!(2, caml_bytes_compare, false),
        prim!(2, caml_bytes_equal, false),
        prim!(2, caml_bytes_notequal, false),
        prim!(2, caml_bytes_lessthan, false),
        prim!(2, caml_bytes_lessequal, false),
        prim!(2, caml_bytes_greaterthan, false),
        prim!(2, caml_bytes_greaterequal, false),
    ]
}
