//! Format string literals (`Printf.printf "%d\n"`): the value the program sees is the
//! `CamlinternalFormatBasics.Format (fmt, string)` built from the literal at compile time.
//!
//! Supported: plain text, `%%`, `%!`, `%d %i %x %X %o %u` (also `%ld %Ld %nd` ...), `%s %S %c %C`,
//! `%f %e %E %g %G %F %h %H`, `%b %B`, `%a`, `%t`, with the flags `-` and `0`, a literal width
//! and a literal precision. Not yet: `*` widths, `%{ %(`, `%r`, scanning conversions, the
//! flags `+ # space`. `@` directives (boxes, breaks, tags, flushes) become `Formatting_lit` /
//! `Formatting_gen` as in OCaml: `Format` interprets them, `Printf` prints them back as text.

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
const CHAR_LITERAL: u8 = 12;
const ALPHA: u8 = 15;
const THETA: u8 = 16;
const FORMATTING_LIT: u8 = 17;
const FORMATTING_GEN: u8 = 18;

/// `CamlinternalFormatBasics.formatting_lit`: constant constructors, then block tags.
const CLOSE_BOX: i64 = 0;
const CLOSE_TAG: i64 = 1;
const FFLUSH: i64 = 2;
const FORCE_NEWLINE: i64 = 3;
const FLUSH_NEWLINE: i64 = 4;
const ESCAPED_AT: i64 = 5;
const ESCAPED_PERCENT: i64 = 6;
const BREAK: u8 = 0;
const MAGIC_SIZE: u8 = 1;
const SCAN_INDIC: u8 = 2;
/// `formatting_gen` block tags.
const OPEN_TAG: u8 = 0;
const OPEN_BOX: u8 = 1;
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

fn lit(c: Constant) -> Piece {
    Piece::Conv(FORMATTING_LIT, vec![c])
}

/// `<n m>` after `@;` or `<n>` after `@`: the numbers and the index after `>`.
fn angle_numbers(s: &[u8], i: usize) -> Option<(Vec<i64>, usize)> {
    if s.get(i) != Some(&b'<') {
        return None;
    }
    let close = i + s[i..].iter().position(|&c| c == b'>')?;
    let inner = std::str::from_utf8(&s[i + 1..close]).ok()?;
    let nums: Option<Vec<i64>> = inner.split_whitespace().map(|w| w.parse().ok()).collect();
    Some((nums?, close + 1))
}

/// What follows an `@` at index `i` (as CamlinternalFormat reads it): the piece and the index
/// after it; `None` when the `@` is plain text.
fn after_at(s: &[u8], i: usize) -> (Option<Piece>, usize) {
    let text_of = |a: usize, b: usize| Constant::String(s[a..b].to_vec().into());
    let Some(&c) = s.get(i) else { return (Some(Piece::Conv(CHAR_LITERAL, vec![Constant::Int(b'@' as i64)])), i) };
    let simple = |n: i64| (Some(lit(Constant::Int(n))), i + 1);
    match c {
        b']' => simple(CLOSE_BOX),
        b'}' => simple(CLOSE_TAG),
        b'?' => simple(FFLUSH),
        b'\n' => simple(FORCE_NEWLINE),
        b'.' => simple(FLUSH_NEWLINE),
        b'@' => simple(ESCAPED_AT),
        b'%' if s.get(i + 1) == Some(&b'%') => (Some(lit(Constant::Int(ESCAPED_PERCENT))), i + 2),
        b'%' => (None, i),
        b',' => (Some(lit(Constant::Block(BREAK, vec![text_of(i - 1, i + 1), Constant::Int(0), Constant::Int(0)]))), i + 1),
        b' ' => (Some(lit(Constant::Block(BREAK, vec![text_of(i - 1, i + 1), Constant::Int(1), Constant::Int(0)]))), i + 1),
        b';' => match angle_numbers(s, i + 1) {
            Some((n, next)) if n.len() == 2 => {
                (Some(lit(Constant::Block(BREAK, vec![text_of(i - 1, next), Constant::Int(n[0]), Constant::Int(n[1])]))), next)
            }
            _ => (Some(lit(Constant::Block(BREAK, vec![text_of(i - 1, i + 1), Constant::Int(1), Constant::Int(0)]))), i + 1),
        },
        b'<' => match angle_numbers(s, i) {
            Some((n, next)) if n.len() == 1 => (Some(lit(Constant::Block(MAGIC_SIZE, vec![text_of(i - 1, next), Constant::Int(n[0])]))), next),
            _ => (Some(lit(Constant::Block(SCAN_INDIC, vec![Constant::Int(c as i64)]))), i + 1),
        },
        b'[' | b'{' => {
            let tag = if c == b'[' { OPEN_BOX } else { OPEN_TAG };
            // The box or tag description `<hov 2>` is a format of its own.
            let (inner, next) = match s.get(i + 1) {
                Some(b'<') => match s[i + 1..].iter().position(|&x| x == b'>') {
                    Some(k) => {
                        let d = &s[i + 1..i + 2 + k];
                        let fmt = Constant::Block(STRING_LITERAL, vec![Constant::String(d.to_vec().into()), Constant::Int(END_OF_FORMAT)]);
                        (Constant::Block(0, vec![fmt, Constant::String(d.to_vec().into())]), i + 2 + k)
                    }
                    None => (Constant::Block(0, vec![Constant::Int(END_OF_FORMAT), Constant::String(Vec::new().into())]), i + 1),
                },
                _ => (Constant::Block(0, vec![Constant::Int(END_OF_FORMAT), Constant::String(Vec::new().into())]), i + 1),
            };
            (Some(Piece::Conv(FORMATTING_GEN, vec![Constant::Block(tag, vec![inner])])), next)
        }
        other => (Some(lit(Constant::Block(SCAN_INDIC, vec![Constant::Int(other as i64)]))), i + 1),
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
        if c == b'@' {
            // Format's boxes, breaks and flushes (`Printf` prints them back as text).
            i += 1;
            let (piece, next) = after_at(s, i);
            i = next;
            if let Some(p) = piece {
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(p);
            } else {
                text.push(b'@');
            }
            continue;
        }
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
