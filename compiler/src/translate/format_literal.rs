//! Format string literals (`Printf.printf "%d\n"`): the value the program sees is the
//! `CamlinternalFormatBasics.Format (fmt, string)` built from the literal at compile time.
//!
//! Supported: plain text, `%%`, `%!`, `%d %i %x %X %o %u` (also `%ld %Ld %nd` ...), `%s %S %c %C`,
//! `%f %e %E %g %G %F %h %H`, `%b %B`, `%a`, `%t`, with the flags `-` and `0`, a literal width
//! and a literal precision. Not yet: `*` widths, `%{ %(`, `%r`, scanning conversions, the
//! flags `+ # space`, and `@` boxes (printed as plain text, which is what Printf does, but
//! `Format` would interpret them).

use crate::lambda::Constant;

/// Constructor tags of `CamlinternalFormatBasics.fmt` (non-constant ones, in order).
const CHAR: u8 = 0;
const CAML_CHAR: u8 = 1;
const STRING: u8 = 2;
const CAML_STRING: u8 = 3;
const INT: u8 = 4;
const INT32: u8 = 5;
const NATIVEINT: u8 = 6;
const INT64: u8 = 7;
const FLOAT: u8 = 8;
const BOOL: u8 = 9;
const FLUSH: u8 = 10;
const STRING_LITERAL: u8 = 11;
const ALPHA: u8 = 15;
const THETA: u8 = 16;
const END_OF_FORMAT: i64 = 0;

/// One piece of the format, innermost last.
enum Piece {
    Text(Vec<u8>),
    /// A conversion: its tag and its arguments before the rest of the format.
    Conv(u8, Vec<Constant>),
}

fn padding(flag: Option<u8>, width: Option<i64>) -> Constant {
    match width {
        None => Constant::Int(0), // No_padding
        Some(w) => {
            let padty = match flag {
                Some(b'-') => 0, // Left
                Some(b'0') => 2, // Zeros
                _ => 1,          // Right
            };
            Constant::Block(0, vec![Constant::Int(padty), Constant::Int(w)])
        }
    }
}

fn precision(p: Option<i64>) -> Constant {
    match p {
        None => Constant::Int(0), // No_precision
        Some(n) => Constant::Block(0, vec![Constant::Int(n)]),
    }
}

/// The `Format (fmt, s)` value of the literal `s`, or the reason it is not supported.
pub fn format_value(s: &[u8]) -> Result<Constant, String> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut text: Vec<u8> = Vec::new();
    let mut i = 0;
    let unsupported = |what: &str| Err(format!("format \"{}\": {} is not supported yet by the native backend", String::from_utf8_lossy(s), what));
    while i < s.len() {
        let c = s[i];
        if c != b'%' {
            text.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let Some(&c1) = s.get(i) else { return unsupported("a final %") };
        if c1 == b'%' {
            text.push(b'%');
            i += 1;
            continue;
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
        }
        // Flags, width, precision.
        let mut flag = None;
        while let Some(&f) = s.get(i) {
            match f {
                b'-' | b'0' => {
                    flag = Some(f);
                    i += 1;
                }
                b'+' | b'#' | b' ' => return unsupported("the flags + # and space"),
                _ => break,
            }
        }
        let number = |i: &mut usize| -> Option<i64> {
            let start = *i;
            while s.get(*i).map(|c| c.is_ascii_digit()).unwrap_or(false) {
                *i += 1;
            }
            std::str::from_utf8(&s[start..*i]).ok().and_then(|t| t.parse().ok())
        };
        let width = number(&mut i);
        let prec = if s.get(i) == Some(&b'.') {
            i += 1;
            Some(number(&mut i).unwrap_or(0))
        } else {
            None
        };
        if s.get(i) == Some(&b'*') {
            return unsupported("`*` widths and precisions");
        }
        let Some(&conv) = s.get(i) else { return unsupported("an unfinished conversion") };
        i += 1;
        let pad = padding(flag, width);
        let int_conv = |c: u8| -> Option<i64> {
            Some(match c {
                b'd' => 0,
                b'i' => 3,
                b'x' => 6,
                b'X' => 8,
                b'o' => 10,
                b'u' => 12,
                _ => return None,
            })
        };
        let piece = match conv {
            b'!' => Piece::Conv(FLUSH, vec![]),
            b'c' => Piece::Conv(CHAR, vec![]),
            b'C' => Piece::Conv(CAML_CHAR, vec![]),
            b's' => Piece::Conv(STRING, vec![pad]),
            b'S' => Piece::Conv(CAML_STRING, vec![pad]),
            b'B' | b'b' => Piece::Conv(BOOL, vec![pad]),
            b'a' => Piece::Conv(ALPHA, vec![]),
            b't' => Piece::Conv(THETA, vec![]),
            b'l' | b'L' | b'n' if s.get(i).and_then(|c| int_conv(*c)).is_some() => {
                let ic = int_conv(s[i]).unwrap_or(0);
                i += 1;
                let tag = match conv {
                    b'l' => INT32,
                    b'L' => INT64,
                    _ => NATIVEINT,
                };
                Piece::Conv(tag, vec![Constant::Int(ic), pad, precision(prec)])
            }
            c if int_conv(c).is_some() => Piece::Conv(INT, vec![Constant::Int(int_conv(c).unwrap_or(0)), pad, precision(prec)]),
            b'f' | b'e' | b'E' | b'g' | b'G' | b'F' | b'h' | b'H' => {
                let kind = match conv {
                    b'f' => 0,
                    b'e' => 1,
                    b'E' => 2,
                    b'g' => 3,
                    b'G' => 4,
                    b'F' => 5,
                    b'h' => 6,
                    _ => 7,
                };
                let fconv = Constant::Block(0, vec![Constant::Int(0), Constant::Int(kind)]);
                Piece::Conv(FLOAT, vec![fconv, pad, precision(prec)])
            }
            other => return unsupported(&format!("the conversion %{}", other as char)),
        };
        pieces.push(piece);
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    let mut fmt = Constant::Int(END_OF_FORMAT);
    for p in pieces.into_iter().rev() {
        fmt = match p {
            Piece::Text(t) => Constant::Block(STRING_LITERAL, vec![Constant::String(t.into()), fmt]),
            Piece::Conv(tag, mut args) => {
                args.push(fmt);
                Constant::Block(tag, args)
            }
        };
    }
    Ok(Constant::Block(0, vec![fmt, Constant::String(s.to_vec().into())]))
}
