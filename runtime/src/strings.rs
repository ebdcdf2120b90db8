//! String helpers shared by the runtime.

/// OCaml's `String.escaped`: escapes quotes, backslashes, and non-printable bytes.
pub fn escaped(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len());
    for &c in b {
        match c {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            b'\x08' => out.push_str("\\b"),
            b' '..=b'~' => out.push(c as char),
            _ => out.push_str(&format!("\\{:03}", c)),
        }
    }
    out
}
