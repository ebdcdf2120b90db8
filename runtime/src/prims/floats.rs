//! Float printing and parsing as OCaml does them: printf conversions through C's snprintf (the
//! same code OCaml uses), `%h` hexadecimal output, and `float_of_string` with `_` separators,
//! hexadecimal literals, nan and infinities.

use super::ints::{c_sprintf, check_conversion_spec, with_c_sprintf, CArg};
use super::{prim, Error, PResult, Primitive};
use crate::alloc::{alloc_block, copy_bytes, copy_double, copy_string};
use crate::gc::LocalRoots;
use crate::value::Value;

/// `Printf`-style float conversion (`%f %e %g %a` and upper-case forms, with flags, width and
/// precision); the text goes to `k`.
pub fn with_formatted_float<R>(fmt: &[u8], f: f64, k: impl FnOnce(&[u8]) -> R) -> PResult<R> {
    let bad = || Error::InvalidArgument("format_float: bad format".into());
    check_conversion_spec(fmt).ok_or_else(bad)?;
    let conv = *fmt.last().ok_or_else(bad)?;
    if !matches!(conv, b'f' | b'F' | b'e' | b'E' | b'g' | b'G' | b'a' | b'A') {
        return Err(bad());
    }
    // A length modifier is meaningless for doubles; drop it. The C string is built on the
    // stack when it fits (the spec has no NUL: check_conversion_spec accepted it).
    let modifier = fmt.len() >= 3 && matches!(fmt[fmt.len() - 2], b'l' | b'n' | b'L');
    let mut small = [0u8; 64];
    let mut large = Vec::new();
    let c: &mut [u8] = if fmt.len() < small.len() {
        &mut small[..]
    } else {
        large.resize(fmt.len() + 1, 0);
        &mut large[..]
    };
    let mut n = 0;
    for (i, &b) in fmt.iter().enumerate() {
        if !(modifier && i == fmt.len() - 2) {
            c[n] = b;
            n += 1;
        }
    }
    c[n] = 0;
    let c = std::ffi::CStr::from_bytes_until_nul(c).map_err(|_| bad())?;
    Ok(with_c_sprintf(c, CArg::Double(f), k))
}

pub fn format_float(fmt: &[u8], f: f64) -> PResult<String> {
    with_formatted_float(fmt, f, |b| String::from_utf8_lossy(b).into_owned())
}

#[no_mangle]
pub extern "C" fn caml_format_float(fmt: Value, f: Value) -> Value {
    let r = with_formatted_float(unsafe { fmt.bytes() }, unsafe { f.double() }, copy_bytes);
    super::ret(r)
}

/// `%h`: hexadecimal with `prec` fraction digits (all significant ones when negative), sign
/// style `'+'`, `' '` or none for positive numbers.
pub fn hexstring_of_float(f: f64, prec: i64, style: u8) -> String {
    let bits = f.to_bits();
    let negative = bits >> 63 != 0;
    let mut exp = ((bits >> 52) & 0x7FF) as i64;
    let mut m = bits & ((1u64 << 52) - 1);
    let mut out = String::new();
    if negative {
        out.push('-');
    } else if style == b'+' || style == b' ' {
        out.push(style as char);
    }
    if exp == 0x7FF {
        out.push_str(if m == 0 { "infinity" } else { "nan" });
        return out;
    }
    out.push_str("0x");
    if exp == 0 {
        if m != 0 {
            exp = -1022; // subnormal
        }
    } else {
        exp -= 1023;
        m |= 1u64 << 52;
    }
    if (0..13).contains(&prec) {
        // Round the mantissa to `prec` hex digits, ties to even.
        let unit = 1u64 << (52 - prec * 4);
        let (half, mask) = (unit >> 1, unit - 1);
        let frac = m & mask;
        m &= !mask;
        if frac > half || (frac == half && m & unit != 0) {
            m += unit;
        }
    }
    let hex = |d: u64| std::char::from_digit(d as u32, 16).unwrap_or('?');
    out.push(hex(m >> 52));
    m = (m << 4) & ((1u64 << 56) - 1);
    let mut left = prec;
    let more = |m: u64, left: i64| if prec < 0 { m != 0 } else { left > 0 };
    if more(m, left) {
        out.push('.');
        while more(m, left) {
            out.push(hex(m >> 52));
            m = (m << 4) & ((1u64 << 56) - 1);
            left -= 1;
        }
    }
    out.push_str(&format!("p{}{}", if exp >= 0 { "+" } else { "" }, exp));
    out
}

#[no_mangle]
pub extern "C" fn caml_hexstring_of_float(f: Value, prec: Value, style: Value) -> Value {
    copy_string(&hexstring_of_float(unsafe { f.double() }, prec.int(), style.int() as u8))
}

/// The value of a hexadecimal float literal (the part after `0x`, `_` already removed).
fn float_of_hex(s: &[u8]) -> Option<f64> {
    let mut m: u64 = 0; // at most 60 significant bits
    let (mut n_bits, mut m_bits, mut x_bits) = (0i64, 0i64, 0i64);
    let mut dec_point: Option<i64> = None;
    let mut exp: i64 = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        match c {
            b'_' => {}
            b'.' => {
                if dec_point.is_some() {
                    return None;
                }
                dec_point = Some(n_bits);
            }
            b'p' | b'P' => {
                let rest = &s[i..];
                if rest.is_empty() {
                    return None;
                }
                let e = parse_exponent(rest)?;
                if e <= i32::MIN as i64 {
                    return Some(0.0);
                } else if e >= i32::MAX as i64 {
                    return Some(if m == 0 { 0.0 } else { f64::INFINITY });
                }
                exp = e;
                i = s.len();
            }
            _ => {
                let d = (c as char).to_digit(16)? as u64;
                n_bits += 4;
                if d == 0 && m == 0 {
                    continue; // leading zeros
                }
                if m_bits < 60 {
                    m = (m << 4) + d;
                    m_bits += 4;
                } else {
                    // Further digits only matter as a sticky bit for rounding.
                    if d != 0 {
                        m |= 1;
                    }
                    x_bits += 4;
                }
            }
        }
    }
    if n_bits == 0 {
        return None;
    }
    let mut adj = x_bits;
    if let Some(p) = dec_point {
        adj += p - n_bits;
    }
    let exp = (exp + adj).clamp(i32::MIN as i64, i32::MAX as i64);
    let f = m as i64 as f64;
    Some(if exp != 0 { unsafe { ldexp(f, exp as i32) } } else { f })
}

/// A decimal exponent as strtol reads it (optional sign, digits, nothing after); saturating.
fn parse_exponent(s: &[u8]) -> Option<i64> {
    let (neg, digits) = match s[0] {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: i64 = 0;
    for &d in digits {
        v = v.saturating_mul(10).saturating_add((d - b'0') as i64);
    }
    Some(if neg { -v } else { v })
}

extern "C" {
    fn ldexp(x: f64, e: i32) -> f64;
    fn frexp(x: f64, e: *mut i32) -> f64;
    fn modf(x: f64, i: *mut f64) -> f64;
    fn strtod(s: *const libc::c_char, end: *mut *mut libc::c_char) -> f64;
}

/// `float_of_string`: strtod's syntax after removing `_`, plus OCaml's own hexadecimal parser.
pub fn float_of_string(s: &[u8]) -> PResult<f64> {
    let fail = || Error::Failure("float_of_string".into());
    let cleaned: Vec<u8> = s.iter().copied().filter(|&c| c != b'_').collect();
    let (sign, body) = match cleaned.first() {
        Some(b'-') => (-1.0, &cleaned[1..]),
        Some(b'+') => (1.0, &cleaned[1..]),
        _ => (1.0, &cleaned[..]),
    };
    if body.len() >= 2 && body[0] == b'0' && (body[1] == b'x' || body[1] == b'X') {
        let f = float_of_hex(&body[2..]).ok_or_else(fail)?;
        return Ok(sign * f);
    }
    if cleaned.is_empty() || cleaned.contains(&0) {
        return Err(fail());
    }
    let c = std::ffi::CString::new(cleaned).map_err(|_| fail())?;
    let mut end: *mut libc::c_char = std::ptr::null_mut();
    let f = unsafe { strtod(c.as_ptr(), &mut end) };
    let consumed = end as usize - c.as_ptr() as usize;
    if consumed != c.as_bytes().len() {
        return Err(fail());
    }
    Ok(f)
}

#[no_mangle]
pub extern "C" fn caml_float_of_string(s: Value) -> Value {
    let r = float_of_string(unsafe { s.bytes() });
    super::ret(r.map(copy_double))
}

/// `Stdlib.string_of_float`: "%.12g", then a "." if the result looks like an integer.
pub fn string_of_float(f: f64) -> String {
    valid_float_lexem(c_sprintf(c"%.12g", CArg::Double(f)))
}

/// Append "." when the text has only a sign and digits (so it reads back as a float).
pub fn valid_float_lexem(s: String) -> String {
    if s.bytes().all(|c| c == b'-' || c.is_ascii_digit()) {
        s + "."
    } else {
        s
    }
}

/// How the toplevel prints a float: the first of %.12g and %.15g that reads back exactly, else
/// %.18g, made a valid lexeme; "nan", "infinity", "neg_infinity" for the specials.
pub fn float_repres(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f < 0.0 { "neg_infinity".into() } else { "infinity".into() };
    }
    let s = c_sprintf(c"%.12g", CArg::Double(f));
    let s = if float_of_string(s.as_bytes()) == Ok(f) {
        s
    } else {
        let s15 = c_sprintf(c"%.15g", CArg::Double(f));
        if float_of_string(s15.as_bytes()) == Ok(f) {
            s15
        } else {
            c_sprintf(c"%.18g", CArg::Double(f))
        }
    };
    valid_float_lexem(s)
}

/// `classify_float`: FP_normal, FP_subnormal, FP_zero, FP_infinite, FP_nan as 0..4.
pub fn classify(f: f64) -> i64 {
    use std::num::FpCategory::*;
    match f.classify() {
        Normal => 0,
        Subnormal => 1,
        Zero => 2,
        Infinite => 3,
        Nan => 4,
    }
}

#[no_mangle]
pub extern "C" fn caml_classify_float(f: Value) -> Value {
    Value::of_int(classify(unsafe { f.double() }))
}

#[no_mangle]
pub extern "C" fn caml_frexp_float(f: Value) -> Value {
    let mut e: i32 = 0;
    let m = unsafe { frexp(f.double(), &mut e) };
    let mut r = LocalRoots::new();
    let mv = r.add(copy_double(m));
    alloc_block(0, &[r.get(mv), Value::of_int(e as i64)])
}

#[no_mangle]
pub extern "C" fn caml_ldexp_float(f: Value, e: Value) -> Value {
    let e = e.int().clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    copy_double(unsafe { ldexp(f.double(), e) })
}

#[no_mangle]
pub extern "C" fn caml_modf_float(f: Value) -> Value {
    let mut int_part = 0.0;
    let frac = unsafe { modf(f.double(), &mut int_part) };
    let mut r = LocalRoots::new();
    let a = r.add(copy_double(frac));
    let b = r.add(copy_double(int_part));
    alloc_block(0, &[r.get(a), r.get(b)])
}

/// `int_of_float` as x86-64 C code computes it (out of range and nan give 0 after tagging).
#[no_mangle]
pub extern "C" fn caml_int_of_float(f: Value) -> Value {
    let n = super::boxed_ints::f64_to_i64(unsafe { f.double() });
    Value((n << 1) as u64 | 1)
}

#[no_mangle]
pub extern "C" fn caml_float_of_int(n: Value) -> Value {
    copy_double(n.int() as f64)
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(2, caml_format_float, true),
        prim!(3, caml_hexstring_of_float, true),
        prim!(1, caml_float_of_string, true),
        prim!(1, caml_classify_float, false),
        prim!(1, caml_frexp_float, true),
        prim!(2, caml_ldexp_float, true),
        prim!(1, caml_modf_float, true),
        prim!(1, caml_int_of_float, false),
        prim!(1, caml_float_of_int, true),
    ]
}
