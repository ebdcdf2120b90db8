//! printf-style integer conversions (`%[flags][width][.prec][l|n|L]conv`, conv among
//! `d i u x X o`), done in Rust with C's rules: `Printf` and `string_of_int` format every
//! integer through here, and going through libc's snprintf cost a format parse, a C string
//! and a copy per call.
//!
//! C's rules: `-` pads on the right (and cancels `0`); `0` pads with zeros after the sign or
//! prefix unless a precision is given; `+` and ` ` give non-negative signed numbers a sign
//! (`+` wins); `#` adds `0x`/`0X` before non-zero hexadecimal and makes octal start with 0;
//! the precision is the minimum number of digits (0 prints nothing for the value 0).

use super::{Error, PResult};

/// A checked integer conversion.
#[derive(Clone, Copy, Debug)]
pub struct IntSpec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    prec: Option<usize>,
    pub conv: u8,
}

/// Widths and precisions above this make C's snprintf fail (its count is an `int`); the
/// result is then empty, as it was when snprintf did the work.
const MAX_FIELD: usize = i32::MAX as usize;

impl IntSpec {
    pub fn is_unsigned(&self) -> bool {
        matches!(self.conv, b'u' | b'x' | b'X' | b'o')
    }
}

/// `%d`, the format of `string_of_int`.
pub const DECIMAL: IntSpec = IntSpec {
    left: false,
    plus: false,
    space: false,
    alt: false,
    zero: false,
    width: 0,
    prec: None,
    conv: b'd',
};

/// Check an OCaml integer format, as `Printf` builds them.
pub fn parse_int_format(fmt: &[u8], errname: &str) -> PResult<IntSpec> {
    let bad = || Error::InvalidArgument(format!("{errname}: bad format"));
    if fmt.len() + 2 >= 32 {
        return Err(Error::InvalidArgument(format!("{errname}: format too long")));
    }
    if fmt.first() != Some(&b'%') || fmt.len() < 2 {
        return Err(bad());
    }
    let mut s = IntSpec { conv: 0, ..DECIMAL };
    let mut p = 1;
    while p < fmt.len() {
        match fmt[p] {
            b'-' => s.left = true,
            b'+' => s.plus = true,
            b' ' => s.space = true,
            b'#' => s.alt = true,
            b'0' => s.zero = true,
            _ => break,
        }
        p += 1;
    }
    let number = |p: &mut usize| {
        let mut n: usize = 0;
        while *p < fmt.len() && fmt[*p].is_ascii_digit() {
            n = n.saturating_mul(10).saturating_add((fmt[*p] - b'0') as usize);
            *p += 1;
        }
        n
    };
    s.width = number(&mut p);
    if p < fmt.len() && fmt[p] == b'.' {
        p += 1;
        s.prec = Some(number(&mut p));
    }
    let end = fmt.len() - 1;
    if !(p == end || (p + 1 == end && matches!(fmt[p], b'l' | b'n' | b'L'))) {
        return Err(bad());
    }
    s.conv = fmt[end];
    if !matches!(s.conv, b'd' | b'i' | b'u' | b'x' | b'X' | b'o') {
        return Err(bad());
    }
    Ok(s)
}

/// The pieces of one formatted integer, left to right.
struct Pieces {
    spaces_before: usize,
    head: [u8; 2],
    head_len: usize,
    zeros: usize,
    digits: [u8; 24],
    digits_start: usize,
    spaces_after: usize,
}

impl Pieces {
    fn digits(&self) -> &[u8] {
        &self.digits[self.digits_start..]
    }

    fn len(&self) -> usize {
        self.spaces_before + self.head_len + self.zeros + self.digits().len() + self.spaces_after
    }

    /// Write the text into `out`, which is exactly `self.len()` bytes long.
    fn write(&self, out: &mut [u8]) {
        let (spaces, rest) = out.split_at_mut(self.spaces_before);
        spaces.fill(b' ');
        let (head, rest) = rest.split_at_mut(self.head_len);
        head.copy_from_slice(&self.head[..self.head_len]);
        let (zeros, rest) = rest.split_at_mut(self.zeros);
        zeros.fill(b'0');
        let (digits, rest) = rest.split_at_mut(self.digits().len());
        digits.copy_from_slice(self.digits());
        rest.fill(b' ');
    }
}

/// Write the digits of `m` in base `BASE` at the end of `out`, returning where they start. The
/// base is a constant so that the divisions become multiplications and shifts.
#[inline(always)]
fn put_digits<const BASE: u64>(out: &mut [u8; 24], mut m: u64, upper: bool) -> usize {
    let letters = if upper { b'A' - 10 } else { b'a' - 10 };
    let mut i = out.len();
    loop {
        let d = (m % BASE) as u8;
        m /= BASE;
        i -= 1;
        out[i] = if d < 10 { b'0' + d } else { letters + d };
        if m == 0 {
            return i;
        }
    }
}

/// Lay out `n` by `spec`. `bits` is the width of the integer type: unsigned conversions show
/// the value modulo 2^bits. None when a width or precision is beyond what C accepts.
fn pieces(spec: &IntSpec, n: i64, bits: u32) -> Option<Pieces> {
    if spec.width > MAX_FIELD || spec.prec.is_some_and(|p| p > MAX_FIELD) {
        return None;
    }
    let mut p = Pieces {
        spaces_before: 0,
        head: [0; 2],
        head_len: 0,
        zeros: 0,
        digits: [0; 24],
        digits_start: 24,
        spaces_after: 0,
    };
    let (magnitude, base, upper) = match spec.conv {
        b'd' | b'i' => {
            if n < 0 {
                p.head[0] = b'-';
                p.head_len = 1;
            } else if spec.plus || spec.space {
                p.head[0] = if spec.plus { b'+' } else { b' ' };
                p.head_len = 1;
            }
            (n.unsigned_abs(), 10, false)
        }
        conv => {
            let mask = if bits >= 64 { u64::MAX } else { (1u64 << bits) - 1 };
            let u = n as u64 & mask;
            let (base, upper) = match conv {
                b'x' => (16, false),
                b'X' => (16, true),
                b'o' => (8, false),
                _ => (10, false),
            };
            if spec.alt && base == 16 && u != 0 {
                p.head = [b'0', if upper { b'X' } else { b'x' }];
                p.head_len = 2;
            }
            (u, base, upper)
        }
    };
    // Digits, least significant first, from the end of the buffer; none for 0 at precision 0.
    if !(magnitude == 0 && spec.prec == Some(0)) {
        p.digits_start = match base {
            10 => put_digits::<10>(&mut p.digits, magnitude, upper),
            16 => put_digits::<16>(&mut p.digits, magnitude, upper),
            _ => put_digits::<8>(&mut p.digits, magnitude, upper),
        };
    }
    let ndigits = p.digits().len();
    p.zeros = spec.prec.map_or(0, |prec| prec.saturating_sub(ndigits));
    if spec.alt && spec.conv == b'o' && p.zeros == 0 && p.digits().first() != Some(&b'0') {
        p.zeros = 1;
    }
    let len = p.len();
    if len < spec.width {
        let pad = spec.width - len;
        if spec.left {
            p.spaces_after = pad;
        } else if spec.zero && spec.prec.is_none() {
            p.zeros += pad;
        } else {
            p.spaces_before = pad;
        }
    }
    Some(p)
}

/// Format `n` and hand the text to `k` (from a stack buffer when it is short).
pub fn with_formatted_int<R>(spec: &IntSpec, n: i64, bits: u32, k: impl FnOnce(&[u8]) -> R) -> R {
    let Some(p) = pieces(spec, n, bits) else { return k(b"") };
    let len = p.len();
    let mut small = [0u8; 64];
    let mut large = Vec::new();
    let out = if len <= small.len() {
        &mut small[..len]
    } else {
        large.resize(len, 0);
        &mut large[..]
    };
    p.write(out);
    k(out)
}

/// Format a 64-bit integer with an OCaml integer format.
pub fn format_int(fmt: &[u8], n: i64, bits: u32, errname: &str) -> PResult<String> {
    let spec = parse_int_format(fmt, errname)?;
    Ok(with_formatted_int(&spec, n, bits, |b| String::from_utf8_lossy(b).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What C's snprintf prints (OCaml's runtime formats integers with it).
    fn libc_format(fmt: &[u8], n: i64, bits: u32) -> String {
        let spec = parse_int_format(fmt, "t").unwrap();
        let mut c = fmt[..fmt.len() - 1].to_vec();
        if matches!(c.last(), Some(b'l' | b'n' | b'L')) {
            c.pop();
        }
        c.extend_from_slice(&[b'l', spec.conv, 0]);
        let arg = if spec.is_unsigned() {
            let mask = if bits >= 64 { u64::MAX } else { (1u64 << bits) - 1 };
            (n as u64 & mask) as libc::c_long
        } else {
            n as libc::c_long
        };
        let mut buf = [0u8; 256];
        let len = unsafe { libc::snprintf(buf.as_mut_ptr() as *mut libc::c_char, 256, c.as_ptr() as *const libc::c_char, arg) };
        String::from_utf8(buf[..len as usize].to_vec()).unwrap()
    }

    #[test]
    fn every_flag_width_and_precision_prints_as_c_does() {
        let flags = ["", "-", "+", " ", "#", "0", "-0", "+0", " 0", "#0", "-#", "+ ", "-+ #0"];
        let widths = ["", "1", "5", "12", "30"];
        let precs = ["", ".", ".0", ".1", ".3", ".25"];
        let values = [0, 1, -1, 7, 8, 42, -42, 255, 4096, i32::MAX as i64, i32::MIN as i64, i64::MAX >> 1, i64::MIN >> 1, i64::MAX, i64::MIN];
        let mut checked = 0;
        for conv in ["d", "i", "u", "x", "X", "o", "ld", "nx", "Lo"] {
            for f in flags {
                for w in widths {
                    for p in precs {
                        let fmt = format!("%{f}{w}{p}{conv}");
                        for &n in &values {
                            for bits in [32, 63, 64] {
                                let got = format_int(fmt.as_bytes(), n, bits, "t").unwrap();
                                assert_eq!(got, libc_format(fmt.as_bytes(), n, bits), "{fmt} {n} {bits}");
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000);
    }

    #[test]
    fn bad_formats_are_refused() {
        for f in ["", "%", "d", "%q", "%5", "%.d.", "%lld", "%f", "%0000000000000000000000000000000d"] {
            assert!(parse_int_format(f.as_bytes(), "t").is_err(), "{f}");
        }
    }
}
