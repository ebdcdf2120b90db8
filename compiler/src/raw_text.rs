//! Text that may hold bytes which are not UTF-8.
//!
//! OCaml strings are byte strings and the toplevel prints them raw (`"\xff"` prints the byte
//! 0xff). Our printing (Format engine, phrase results) works on Rust `String`s, so a byte that
//! is not part of valid UTF-8 travels as one of 256 private-use characters U+10FF00 + byte, and
//! front ends turn those back into bytes when they write. A genuine U+10FF00..U+10FFFF in the
//! input is itself carried byte by byte, so the mapping is exact both ways.

use std::borrow::Cow;

const BASE: u32 = 0x10FF00;

fn is_escape(c: char) -> bool {
    c as u32 >= BASE
}

fn push_byte(out: &mut String, b: u8) {
    out.push(char::from_u32(BASE + b as u32).unwrap_or('\u{FFFD}'));
}

/// `bytes` as text, every byte kept.
pub fn from_bytes(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        if !s.chars().any(is_escape) {
            return Cow::Borrowed(s);
        }
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if is_escape(c) {
                let mut buf = [0u8; 4];
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    push_byte(&mut out, b);
                }
            } else {
                out.push(c);
            }
        }
        for &b in chunk.invalid() {
            push_byte(&mut out, b);
        }
    }
    Cow::Owned(out)
}

/// The bytes `text` stands for (the inverse of `from_bytes`).
pub fn to_bytes(text: &str) -> Cow<'_, [u8]> {
    if !text.chars().any(is_escape) {
        return Cow::Borrowed(text.as_bytes());
    }
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if is_escape(c) {
            out.push((c as u32 - BASE) as u8);
        } else {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    Cow::Owned(out)
}

/// The number of bytes `text` stands for: OCaml's Format measures text in bytes.
pub fn byte_len(text: &str) -> usize {
    // Escapes are 4-byte characters standing for 1 byte; they start with 0xF4.
    if !text.as_bytes().contains(&0xF4) {
        return text.len();
    }
    text.chars().map(|c| if is_escape(c) { 1 } else { c.len_utf8() }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_every_byte() {
        let cases: [&[u8]; 5] = [b"plain", b"\xff\xe9t\xc3\xa9", "\u{10FF41}x".as_bytes(), b"\xf4\x8f\xbc", b""];
        for bytes in cases {
            let text = from_bytes(bytes);
            assert_eq!(&*to_bytes(&text), bytes);
            assert_eq!(byte_len(&text), bytes.len());
        }
    }

    #[test]
    fn valid_text_is_unchanged() {
        assert!(matches!(from_bytes("été".as_bytes()), Cow::Borrowed("été")));
    }
}
