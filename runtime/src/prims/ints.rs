//! Integer parsing and printf-style formatting, shared by `int` and the boxed integer types.

use super::{prim, Error, PResult, Primitive};
use crate::alloc::copy_bytes;
pub use super::int_format::{format_int, parse_int_format, with_formatted_int, IntSpec, DECIMAL};
use crate::value::Value;

/// Value of a digit in bases up to 36, if `c` is one.
fn digit_value(c: u8) -> Option<u64> {
    match c {
        b'0'..=b'9' => Some((c - b'0') as u64),
        b'a'..=b'z' => Some((c - b'a') as u64 + 10),
        b'A'..=b'Z' => Some((c - b'A') as u64 + 10),
        _ => None,
    }
}

/// Parse an integer with OCaml's literal syntax: optional sign, `0x` `0o` `0b` `0u` prefixes,
/// `_` separators after the first digit. Decimal accepts -2^(nbits-1) .. 2^(nbits-1)-1; the
/// prefixed forms accept 0 .. 2^nbits-1 (read as two's complement). `errmsg` is the Failure text.
pub fn parse_int(s: &[u8], nbits: u32, errmsg: &str) -> PResult<i64> {
    let fail = || Error::Failure(errmsg.to_string());
    let mut p = 0;
    let mut negative = false;
    match s.first() {
        Some(b'-') => {
            negative = true;
            p += 1
        }
        Some(b'+') => p += 1,
        _ => {}
    }
    let (mut base, mut signed) = (10u64, true);
    if s.get(p) == Some(&b'0') {
        match s.get(p + 1) {
            Some(b'x' | b'X') => (base, signed, p) = (16, false, p + 2),
            Some(b'o' | b'O') => (base, signed, p) = (8, false, p + 2),
            Some(b'b' | b'B') => (base, signed, p) = (2, false, p + 2),
            Some(b'u' | b'U') => (signed, p) = (false, p + 2),
            _ => {}
        }
    }
    let first = s.get(p).and_then(|&c| digit_value(c)).filter(|&d| d < base).ok_or_else(fail)?;
    let mut acc: u64 = first;
    for &c in &s[p + 1..] {
        if c == b'_' {
            continue;
        }
        let d = digit_value(c).filter(|&d| d < base).ok_or_else(fail)?;
        acc = acc.checked_mul(base).and_then(|a| a.checked_add(d)).ok_or_else(fail)?;
    }
    if signed {
        let limit = 1u64 << (nbits - 1);
        if (negative && acc > limit) || (!negative && acc > limit - 1) {
            return Err(fail());
        }
    } else if nbits < 64 && acc >= 1u64 << nbits {
        return Err(fail());
    }
    let v = if negative { acc.wrapping_neg() } else { acc };
    Ok(v as i64)
}

/// `int_of_string`: 63-bit integers.
pub fn int_of_string(s: &[u8]) -> PResult<i64> {
    parse_int(s, 63, "int_of_string")
}

#[no_mangle]
pub extern "C" fn caml_int_of_string(s: Value) -> Value {
    let r = int_of_string(unsafe { s.bytes() });
    super::ret(r.map(Value::of_int))
}

/// Checks `%[flags][width][.prec]` followed by an optional `l`/`n`/`L` and one final letter;
/// returns the length of the part before the modifier and letter.
pub fn check_conversion_spec(fmt: &[u8]) -> Option<usize> {
    if fmt.first() != Some(&b'%') || fmt.len() < 2 {
        return None;
    }
    let mut p = 1;
    while p < fmt.len() && matches!(fmt[p], b'-' | b'+' | b' ' | b'#' | b'0') {
        p += 1;
    }
    while p < fmt.len() && fmt[p].is_ascii_digit() {
        p += 1;
    }
    if p < fmt.len() && fmt[p] == b'.' {
        p += 1;
        while p < fmt.len() && fmt[p].is_ascii_digit() {
            p += 1;
        }
    }
    let end = fmt.len() - 1;
    if p == end {
        Some(p)
    } else if p + 1 == end && matches!(fmt[p], b'l' | b'n' | b'L') {
        Some(p)
    } else {
        None
    }
}

/// Run C's snprintf with one argument of the kind the format expects and hand the text to `k`
/// (from a stack buffer when it fits). The conversions used here print ASCII only.
pub fn with_c_sprintf<R>(fmt: &std::ffi::CStr, arg: CArg, k: impl FnOnce(&[u8]) -> R) -> R {
    let print = |b: *mut libc::c_char, len: usize| unsafe {
        match arg {
            CArg::Long(x) => libc::snprintf(b, len, fmt.as_ptr(), x as libc::c_long),
            CArg::ULong(x) => libc::snprintf(b, len, fmt.as_ptr(), x as libc::c_ulong),
            CArg::Double(x) => libc::snprintf(b, len, fmt.as_ptr(), x),
        }
    };
    let mut small = [0u8; 128];
    let n = print(small.as_mut_ptr() as *mut libc::c_char, small.len());
    if n < 0 {
        return k(b"");
    }
    let n = n as usize;
    if n < small.len() {
        return k(&small[..n]);
    }
    let mut buf = vec![0u8; n + 1];
    let n2 = print(buf.as_mut_ptr() as *mut libc::c_char, buf.len());
    k(&buf[..(n2.max(0) as usize).min(n)])
}

pub fn c_sprintf(fmt: &std::ffi::CStr, arg: CArg) -> String {
    with_c_sprintf(fmt, arg, |b| String::from_utf8_lossy(b).into_owned())
}

#[derive(Clone, Copy)]
pub enum CArg {
    Long(i64),
    ULong(u64),
    Double(f64),
}

/// `format_int` and the boxed integers' `format`: the text as a fresh OCaml string.
/// `string_of_int`'s "%d" skips the format parsing.
pub fn format_int_value(fmt: &[u8], n: i64, bits: u32) -> PResult<Value> {
    let spec = if fmt == b"%d" { DECIMAL } else { parse_int_format(fmt, "format_int")? };
    Ok(with_formatted_int(&spec, n, bits, copy_bytes))
}

#[no_mangle]
pub extern "C" fn caml_format_int(fmt: Value, n: Value) -> Value {
    super::ret(format_int_value(unsafe { fmt.bytes() }, n.int(), 63))
}

pub fn prims() -> Vec<Primitive> {
    vec![prim!(1, caml_int_of_string, true), prim!(2, caml_format_int, true)]
}
