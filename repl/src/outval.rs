//! Values as the toplevel prints them: a tree (like OCaml's `Outcometree.out_value`) and its
//! printing with Format boxes, so long values wrap where OCaml's toplevel wraps them.

use compiler::typing::format::{BoxKind, Formatter};
use compiler::raw_text;

#[derive(Clone, Debug)]
pub enum OutValue {
    Int(i64),
    /// Already rendered literals: `1l`, `2L`, `3n`.
    Literal(String),
    Float(f64),
    Char(u8),
    /// A string and how many of its bytes may be shown (the rest is elided with a note).
    String(Vec<u8>, usize),
    /// Bytes, shown as `Bytes.of_string "..."` with every byte above 127 escaped.
    Bytes(Vec<u8>, usize),
    List(Vec<OutValue>),
    Array(Vec<OutValue>),
    Tuple(Vec<OutValue>),
    Constr(String, Vec<OutValue>),
    Record(Vec<(String, OutValue)>),
    /// A polymorphic variant: `` `A `` or `` `B arg ``.
    Variant(String, Option<Box<OutValue>>),
    /// `<fun>`, `<abstr>`, `<poly>`, `<lazy>`.
    Stuff(String),
    /// Cut by the depth or length limit: `...`.
    Ellipsis,
    /// What a printer installed with `#install_printer` printed: its Format tokens, laid out
    /// in the boxes of the value around it as OCaml's toplevel does.
    Printed(Vec<PrintedToken>),
}

/// A token of `Format` printed by an installed printer.
#[derive(Clone, Debug)]
pub enum PrintedToken {
    /// Text and the width it counts for.
    Text(isize, String),
    /// A break hint: (text, spaces, text) when it fits, (text, offset, text) when it breaks.
    Break((String, isize, String), (String, isize, String)),
    Open(BoxKind, isize),
    Close,
    Newline,
    IfNewline,
    /// `Format.pp_print_flush` (or `@.` when `newline`): everything open is closed and printed.
    Flush { newline: bool },
    /// A value of a parameter type, printed by the toplevel for a generic printer.
    Value(OutValue),
}

/// OCaml's rendering of a float in the toplevel: the shortest of %.12g, %.15g, %.18g that reads
/// back as the same float, made to look like a float.
pub fn float_repres(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f < 0.0 { "neg_infinity".into() } else { "infinity".into() };
    }
    let mut s = String::new();
    for prec in [12, 15, 18] {
        s = format_g(f, prec);
        if s.parse::<f64>().ok() == Some(f) {
            break;
        }
    }
    valid_float_lexem(s)
}

/// C's `%.<prec>g`.
pub fn format_g(f: f64, prec: usize) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    let e = format!("{:.*e}", prec.saturating_sub(1), f);
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if exp < -4 || exp >= prec as i32 {
        let mant = trim_zeros(mant);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{}{:02}", mant, sign, exp.abs())
    } else {
        let decimals = (prec as i32 - 1 - exp).max(0) as usize;
        trim_zeros(&format!("{:.*}", decimals, f)).to_string()
    }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

fn valid_float_lexem(s: String) -> String {
    if s.bytes().all(|c| c.is_ascii_digit() || c == b'-') {
        s + "."
    } else {
        s
    }
}

pub fn escape_char(c: u8) -> String {
    match c {
        b'\\' => "\\\\".into(),
        b'\'' => "\\'".into(),
        b'\n' => "\\n".into(),
        b'\t' => "\\t".into(),
        b'\r' => "\\r".into(),
        b'\x08' => "\\b".into(),
        b' '..=b'~' => (c as char).to_string(),
        _ => format!("\\{:03}", c),
    }
}

/// A string literal as the toplevel shows it (bytes above 127 are left as they are, so UTF-8
/// text stays readable).
pub fn escape_string(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'"');
    for &c in s {
        match c {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\x08' => out.extend_from_slice(b"\\b"),
            0..=31 | 127 => out.extend_from_slice(format!("\\{:03}", c).as_bytes()),
            _ => out.push(c),
        }
    }
    out.push(b'"');
    out
}

/// Print a value tree (OCaml's layout: constructors `@[<1>C@ arg@]`, lists `@[<1>[a;@ b]@]`, ...).
pub fn print(f: &mut Formatter, v: &OutValue) {
    tree1(f, v)
}

fn tree1(f: &mut Formatter, v: &OutValue) {
    match v {
        OutValue::Constr(name, params) if params.len() == 1 => {
            f.p("@[<1>");
            f.string(name);
            f.space();
            constr_param(f, &params[0]);
            f.p("@]");
        }
        OutValue::Variant(tag, Some(arg)) => {
            f.p("@[<2>`");
            f.string(tag);
            f.space();
            constr_param(f, arg);
            f.p("@]");
        }
        OutValue::Constr(name, params) if params.len() > 1 => {
            f.p("@[<1>");
            f.string(name);
            f.space();
            f.string("(");
            list(f, params, ",");
            f.string(")");
            f.p("@]");
        }
        _ => simple(f, v),
    }
}

fn constr_param(f: &mut Formatter, v: &OutValue) {
    match v {
        OutValue::Int(i) if *i < 0 => f.string(&format!("({})", i)),
        OutValue::Float(x) if x.is_sign_negative() && !x.is_nan() => f.string(&format!("({})", float_repres(*x))),
        OutValue::Literal(s) if s.starts_with('-') => f.string(&format!("({})", s)),
        OutValue::Bytes(..) => {
            f.string("(");
            simple(f, v);
            f.string(")");
        }
        _ => simple(f, v),
    }
}

fn simple(f: &mut Formatter, v: &OutValue) {
    match v {
        OutValue::Int(i) => f.string(&i.to_string()),
        OutValue::Literal(s) => f.string(s),
        OutValue::Float(x) => f.string(&float_repres(*x)),
        OutValue::Char(c) => f.string(&format!("'{}'", escape_char(*c))),
        OutValue::String(s, shown) if s.len() > *shown => {
            let escaped = escape_string(&s[..*shown]);
            let prefix = raw_text::from_bytes(&escaped);
            f.string(&format!("{}... (* string length {}; truncated *)", prefix, s.len()));
        }
        OutValue::String(s, _) => f.string(&raw_text::from_bytes(&escape_string(s))),
        OutValue::Bytes(s, shown) => {
            let cut = s.len().min(*shown);
            let escaped: String = s[..cut].iter().map(|&c| if c == b'"' { "\\\"".into() } else if c == b'\'' { "'".into() } else { escape_char(c) }).collect();
            let mut text = format!("Bytes.of_string \"{}\"", escaped);
            if s.len() > *shown {
                text.push_str(&format!("... (* string length {}; truncated *)", s.len()));
            }
            f.string(&text)
        }
        OutValue::List(items) => {
            f.p("@[<1>[");
            list(f, items, ";");
            f.p("]@]");
        }
        OutValue::Array(items) => {
            f.p("@[<2>[|");
            list(f, items, ";");
            f.p("|]@]");
        }
        OutValue::Constr(name, params) if params.is_empty() => f.string(name),
        OutValue::Variant(tag, None) => f.string(&format!("`{}", tag)),
        OutValue::Stuff(s) => f.string(s),
        OutValue::Printed(tokens) => replay(f, tokens),
        OutValue::Record(fields) => {
            f.p("@[<1>{");
            for (i, (name, val)) in fields.iter().enumerate() {
                if i > 0 {
                    f.string(";");
                    f.space();
                }
                f.p("@[<1>");
                f.string(name);
                f.space();
                f.string("=");
                f.space();
                tree1(f, val);
                f.p("@]");
            }
            f.p("}@]");
        }
        OutValue::Ellipsis => f.string("..."),
        OutValue::Tuple(items) => {
            f.p("@[<1>(");
            list(f, items, ",");
            f.p(")@]");
        }
        _ => {
            f.p("@[<1>(");
            tree1(f, v);
            f.p(")@]");
        }
    }
}

fn replay(f: &mut Formatter, tokens: &[PrintedToken]) {
    for t in tokens {
        match t {
            PrintedToken::Text(size, s) => f.string_as(*size, s),
            PrintedToken::Break(fits, breaks) => f.custom_break(fits.clone(), breaks.clone()),
            PrintedToken::Open(kind, indent) => f.open_box(*kind, *indent),
            PrintedToken::Close => f.close_box(),
            PrintedToken::Newline => f.force_newline(),
            PrintedToken::IfNewline => f.if_newline(),
            PrintedToken::Flush { newline: false } => f.flush(),
            PrintedToken::Flush { newline: true } => f.newline(),
            PrintedToken::Value(v) => print(f, v),
        }
    }
}

fn list(f: &mut Formatter, items: &[OutValue], sep: &str) {
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            f.string(sep);
            f.space();
        }
        tree1(f, it);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_the_toplevel() {
        assert_eq!(float_repres(1.0 / 3.0), "0.333333333333333315");
        assert_eq!(float_repres(0.1), "0.1");
        assert_eq!(float_repres(1e20), "1e+20");
        assert_eq!(float_repres(-2.5), "-2.5");
        assert_eq!(float_repres(2.0), "2.");
        assert_eq!(float_repres(f64::NEG_INFINITY), "neg_infinity");
    }
}
