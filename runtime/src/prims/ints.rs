//! Integer parsing and printf-style formatting, shared by `int` and the boxed integer types.

use super::{prim, Error, PResult, Primitive};
use crate::alloc::copy_string;
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

/// A checked printf conversion: the format with its length modifier replaced by `l`.
pub struct IntFormat {
    c_format: std::ffi::CString,
    pub conv: u8,
}

impl IntFormat {
    pub fn is_unsigned(&self) -> bool {
        matches!(self.conv, b'u' | b'x' | b'X' | b'o')
    }
}

/// Check an OCaml integer format (`%[flags][width][.prec][l|n|L]conv`), as `Printf` builds them.
pub fn parse_int_format(fmt: &[u8], errname: &str) -> PResult<IntFormat> {
    let bad = || Error::InvalidArgument(format!("{errname}: bad format"));
    if fmt.len() + 2 >= 32 {
        return Err(Error::InvalidArgument(format!("{errname}: format too long")));
    }
    let spec = check_conversion_spec(fmt).ok_or_else(bad)?;
    let conv = *fmt.last().ok_or_else(bad)?;
    if !matches!(conv, b'd' | b'i' | b'u' | b'x' | b'X' | b'o') {
        return Err(bad());
    }
    let mut out = fmt[..spec].to_vec();
    out.push(b'l');
    out.push(conv);
    let c_format = std::ffi::CString::new(out).map_err(|_| bad())?;
    Ok(IntFormat { c_format, conv })
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

/// Run C's snprintf with one argument of the kind the format expects.
pub fn c_sprintf(fmt: &std::ffi::CStr, arg: CArg) -> String {
    let mut buf = vec![0u8; 64];
    loop {
        let n = unsafe {
            let (b, len) = (buf.as_mut_ptr() as *mut libc::c_char, buf.len());
            match arg {
                CArg::Long(x) => libc::snprintf(b, len, fmt.as_ptr(), x as libc::c_long),
                CArg::ULong(x) => libc::snprintf(b, len, fmt.as_ptr(), x as libc::c_ulong),
                CArg::Double(x) => libc::snprintf(b, len, fmt.as_ptr(), x),
            }
        };
        if n < 0 {
            return String::new();
        }
        let n = n as usize;
        if n < buf.len() {
            buf.truncate(n);
            return String::from_utf8_lossy(&buf).into_owned();
        }
        buf.resize(n + 1, 0);
    }
}

#[derive(Clone, Copy)]
pub enum CArg {
    Long(i64),
    ULong(u64),
    Double(f64),
}

/// Format a 64-bit integer with an OCaml integer format. `bits` is the width of the integer
/// type (unsigned conversions show the value modulo 2^bits).
pub fn format_int(fmt: &[u8], n: i64, bits: u32, errname: &str) -> PResult<String> {
    let f = parse_int_format(fmt, errname)?;
    let arg = if f.is_unsigned() {
        let mask = if bits >= 64 { u64::MAX } else { (1u64 << bits) - 1 };
        CArg::ULong(n as u64 & mask)
    } else {
        CArg::Long(n)
    };
    Ok(c_sprintf(&f.c_format, arg))
}

#[no_mangle]
pub extern "C" fn caml_format_int(fmt: Value, n: Value) -> Value {
    let r = format_int(unsafe { fmt.bytes() }, n.int(), 63, "format_int");
    super::ret(r.map(|s| copy_string(&s)))
}

pub fn prims() -> Vec<Primitive> {
    vec![prim!(1, caml_int_of_string, true), prim!(2, caml_format_int, true)]
}
