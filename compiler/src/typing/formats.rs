//! Typing of format strings (`Printf.printf "%d %s"`): a string literal expected to be a
//! `format6` gets the type given by its conversions.

use super::ctype;
use super::errors::{ErrorKind, TypeError};
use super::path::Path;
use super::predef;
use super::types::*;
use crate::parsing::location::Location;

/// The argument a conversion consumes.
enum Arg {
    Ty(TypeExpr),
    /// `%a`: a printer `'b -> 'x -> 'c` and its argument `'x`.
    Custom,
    /// `%t`: a printer `'b -> 'c`.
    Thunk,
}

fn invalid(loc: &Location, s: &[u8], pos: usize, what: &str) -> TypeError {
    let text = String::from_utf8_lossy(s);
    TypeError::new(loc, ErrorKind::Message(format!("invalid format \"{}\": at character number {}, {}", text, pos, what)))
}

/// Parses the conversions of a format string, in order.
fn conversions(loc: &Location, s: &[u8]) -> Result<Vec<Arg>, TypeError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'%' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if i >= s.len() {
            return Err(invalid(loc, s, start, "unexpected end of format"));
        }
        match s[i] {
            b'%' | b'!' | b'@' | b',' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        // flags
        while i < s.len() && matches!(s[i], b'-' | b'0' | b'+' | b' ' | b'#') {
            i += 1;
        }
        // width
        if i < s.len() && s[i] == b'*' {
            out.push(Arg::Ty(predef::type_int()));
            i += 1;
        } else {
            while i < s.len() && s[i].is_ascii_digit() {
                i += 1;
            }
        }
        // precision
        if i < s.len() && s[i] == b'.' {
            i += 1;
            if i < s.len() && s[i] == b'*' {
                out.push(Arg::Ty(predef::type_int()));
                i += 1;
            } else {
                while i < s.len() && s[i].is_ascii_digit() {
                    i += 1;
                }
            }
        }
        if i >= s.len() {
            return Err(invalid(loc, s, start, "unexpected end of format"));
        }
        let c = s[i];
        i += 1;
        let int_conv = |c: u8| matches!(c, b'd' | b'i' | b'u' | b'x' | b'X' | b'o');
        let ty = match c {
            b'd' | b'i' | b'u' | b'x' | b'X' | b'o' => Arg::Ty(predef::type_int()),
            b'l' | b'L' | b'n' if i < s.len() && int_conv(s[i]) => {
                i += 1;
                Arg::Ty(match c {
                    b'l' => predef::type_int32(),
                    b'L' => predef::type_int64(),
                    _ => predef::type_nativeint(),
                })
            }
            b's' | b'S' => Arg::Ty(predef::type_string()),
            b'c' | b'C' => Arg::Ty(predef::type_char()),
            b'f' | b'F' | b'e' | b'E' | b'g' | b'G' | b'h' | b'H' => Arg::Ty(predef::type_float()),
            b'B' | b'b' => Arg::Ty(predef::type_bool()),
            b'a' => Arg::Custom,
            b't' => Arg::Thunk,
            _ => {
                let conv = String::from_utf8_lossy(&s[start..i]).to_string();
                return Err(invalid(loc, s, i - 1, &format!("invalid conversion \"{}\"", conv)));
            }
        };
        out.push(ty);
    }
    Ok(out)
}

/// `(a, b, c, d, d, f) format6` for the format string `s`, where `format6` is at `path`.
pub fn type_format(loc: &Location, s: &[u8], format6: &Path) -> Result<TypeExpr, TypeError> {
    let convs = conversions(loc, s)?;
    let b = ctype::newvar();
    let c = ctype::newvar();
    let d = ctype::newvar();
    let f = ctype::newvar();
    let mut a = f;
    for conv in convs.into_iter().rev() {
        let arrow = |x: TypeExpr, r: TypeExpr| ctype::newty(TypeDesc::Arrow(ArgLabel::Nolabel, x, r));
        a = match conv {
            Arg::Ty(t) => arrow(ctype::instance(t), a),
            Arg::Custom => {
                let x = ctype::newvar();
                let printer = arrow(b, arrow(x, c));
                arrow(printer, arrow(x, a))
            }
            Arg::Thunk => arrow(arrow(b, c), a),
        };
    }
    Ok(ctype::newty(TypeDesc::Constr(format6.clone(), vec![a, b, c, d, d, f].into())))
}
