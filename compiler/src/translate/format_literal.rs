//! Format string literals (`Printf.printf "%d\n"`): the value the program sees is the
//! `CamlinternalFormatBasics.Format (fmt, string)` built at compile time from the parsed
//! literal (`crate::format_string`). Every node of the parse has a value here; the Stdlib's
//! CamlinternalFormat interprets them for Printf, Format and Scanf.

use crate::format_string::{self as fs, FormattingLit, Ignored, IntSize, Node, Padding, Precision};
use crate::lambda::Constant;

/// Constructor tags of `CamlinternalFormatBasics.fmt` (non-constant ones, in order).
mod tag {
    pub const CHAR: u8 = 0;
    pub const CAML_CHAR: u8 = 1;
    pub const STRING: u8 = 2;
    pub const CAML_STRING: u8 = 3;
    pub const INT: u8 = 4;
    pub const INT32: u8 = 5;
    pub const NATIVEINT: u8 = 6;
    pub const INT64: u8 = 7;
    pub const FLOAT: u8 = 8;
    pub const BOOL: u8 = 9;
    pub const FLUSH: u8 = 10;
    pub const STRING_LITERAL: u8 = 11;
    pub const CHAR_LITERAL: u8 = 12;
    pub const FORMAT_ARG: u8 = 13;
    pub const FORMAT_SUBST: u8 = 14;
    pub const ALPHA: u8 = 15;
    pub const THETA: u8 = 16;
    pub const FORMATTING_LIT: u8 = 17;
    pub const FORMATTING_GEN: u8 = 18;
    pub const READER: u8 = 19;
    pub const SCAN_CHAR_SET: u8 = 20;
    pub const SCAN_GET_COUNTER: u8 = 21;
    pub const SCAN_NEXT_CHAR: u8 = 22;
    pub const IGNORED_PARAM: u8 = 23;
}

/// `End_of_format` and `End_of_fmtty` are both the first constant constructor.
const END: Constant = Constant::Int(0);

fn int(n: i64) -> Constant {
    Constant::Int(n)
}

fn string(s: &[u8]) -> Constant {
    Constant::String(s.to_vec().into())
}

fn option(o: Option<i64>) -> Constant {
    match o {
        None => int(0),
        Some(n) => Constant::Block(0, vec![int(n)]),
    }
}

fn padding(p: Padding) -> Constant {
    match p {
        Padding::None => int(0),
        Padding::Lit(ty, n) => Constant::Block(0, vec![int(ty as i64), int(n)]),
        Padding::Arg(ty) => Constant::Block(1, vec![int(ty as i64)]),
    }
}

fn precision(p: Precision) -> Constant {
    match p {
        Precision::None => int(0),
        Precision::Lit(n) => Constant::Block(0, vec![int(n)]),
        Precision::Arg => int(1),
    }
}

fn int_tag(size: IntSize) -> u8 {
    match size {
        IntSize::Int => tag::INT,
        IntSize::Int32 => tag::INT32,
        IntSize::Nativeint => tag::NATIVEINT,
        IntSize::Int64 => tag::INT64,
    }
}

fn formatting_lit(l: &FormattingLit) -> Constant {
    use FormattingLit as F;
    match l {
        F::CloseBox => int(0),
        F::CloseTag => int(1),
        F::Break(s, n, m) => Constant::Block(0, vec![string(s), int(*n), int(*m)]),
        F::FFlush => int(2),
        F::ForceNewline => int(3),
        F::FlushNewline => int(4),
        F::MagicSize(s, n) => Constant::Block(1, vec![string(s), int(*n)]),
        F::EscapedAt => int(5),
        F::EscapedPercent => int(6),
        F::ScanIndic(c) => Constant::Block(2, vec![int(*c as i64)]),
    }
}

fn ignored(ig: &Ignored) -> Constant {
    use Ignored as I;
    let b = Constant::Block;
    match ig {
        I::Char => int(0),
        I::CamlChar => int(1),
        I::Reader => int(2),
        I::ScanNextChar => int(3),
        I::String(p) => b(0, vec![option(*p)]),
        I::CamlString(p) => b(1, vec![option(*p)]),
        I::Int(size, conv, p) => b(int_tag(*size) - tag::INT + 2, vec![int(*conv as i64), option(*p)]),
        I::Float(p, q) => b(6, vec![option(*p), option(*q)]),
        I::Bool(p) => b(7, vec![option(*p)]),
        I::FormatArg(p, sub) => b(8, vec![option(*p), fmtty(sub, END)]),
        I::FormatSubst(p, sub) => b(9, vec![option(*p), fmtty(sub, END)]),
        I::ScanCharSet(p, set) => b(10, vec![option(*p), string(set)]),
        I::ScanGetCounter(c) => b(11, vec![int(*c as i64)]),
    }
}

/// The `fmtty` of a format (the types of its arguments, for `%{ %}` and `%( %)`), ending in
/// `rest`.
fn fmtty(nodes: &[Node], rest: Constant) -> Constant {
    let ty = |t: u8, r: Constant| Constant::Block(t, vec![r]);
    const CHAR_TY: u8 = 0;
    const STRING_TY: u8 = 1;
    const INT_TY: u8 = 2;
    const FLOAT_TY: u8 = 6;
    const BOOL_TY: u8 = 7;
    let pad_arg = |p: Padding, r: Constant| if matches!(p, Padding::Arg(_)) { ty(INT_TY, r) } else { r };
    let prec_arg = |p: Precision, r: Constant| if p == Precision::Arg { ty(INT_TY, r) } else { r };
    let mut acc = rest;
    for n in nodes.iter().rev() {
        acc = match n {
            Node::Char | Node::CamlChar | Node::ScanNextChar => ty(CHAR_TY, acc),
            Node::String(p) | Node::CamlString(p) => pad_arg(*p, ty(STRING_TY, acc)),
            Node::ScanCharSet(..) => ty(STRING_TY, acc),
            Node::Int(size, _, p, q) => {
                let t = match size {
                    IntSize::Int => INT_TY,
                    IntSize::Int32 => 3,
                    IntSize::Nativeint => 4,
                    IntSize::Int64 => 5,
                };
                pad_arg(*p, prec_arg(*q, ty(t, acc)))
            }
            Node::ScanGetCounter(_) => ty(INT_TY, acc),
            Node::Float(_, _, p, q) => pad_arg(*p, prec_arg(*q, ty(FLOAT_TY, acc))),
            Node::Bool(p) => pad_arg(*p, ty(BOOL_TY, acc)),
            Node::FormatArg(_, sub) => Constant::Block(8, vec![fmtty(sub, END), acc]),
            Node::FormatSubst(_, sub) => Constant::Block(9, vec![fmtty(sub, END), fmtty(sub, END), acc]),
            Node::Alpha => ty(10, acc),
            Node::Theta => ty(11, acc),
            Node::Reader => ty(13, acc),
            Node::Ignored(Ignored::Reader) => ty(14, acc),
            Node::Ignored(Ignored::FormatSubst(_, sub)) => fmtty(sub, acc),
            Node::FormattingGen { sub, .. } => fmtty(sub, acc),
            Node::Flush | Node::StringLiteral(_) | Node::CharLiteral(_) | Node::FormattingLit(_) | Node::Ignored(_) => acc,
        };
    }
    acc
}

/// The `fmt` value of parsed nodes.
fn fmt(nodes: &[Node]) -> Constant {
    let mut acc = END;
    for n in nodes.iter().rev() {
        let b = |t: u8, mut args: Vec<Constant>, rest: Constant| {
            args.push(rest);
            Constant::Block(t, args)
        };
        acc = match n {
            Node::Char => b(tag::CHAR, vec![], acc),
            Node::CamlChar => b(tag::CAML_CHAR, vec![], acc),
            Node::String(p) => b(tag::STRING, vec![padding(*p)], acc),
            Node::CamlString(p) => b(tag::CAML_STRING, vec![padding(*p)], acc),
            Node::Int(size, conv, p, q) => b(int_tag(*size), vec![int(*conv as i64), padding(*p), precision(*q)], acc),
            Node::Float(flag, kind, p, q) => {
                let conv = Constant::Block(0, vec![int(*flag as i64), int(*kind as i64)]);
                b(tag::FLOAT, vec![conv, padding(*p), precision(*q)], acc)
            }
            Node::Bool(p) => b(tag::BOOL, vec![padding(*p)], acc),
            Node::Flush => b(tag::FLUSH, vec![], acc),
            Node::StringLiteral(s) => b(tag::STRING_LITERAL, vec![string(s)], acc),
            Node::CharLiteral(c) => b(tag::CHAR_LITERAL, vec![int(*c as i64)], acc),
            Node::FormatArg(p, sub) => b(tag::FORMAT_ARG, vec![option(*p), fmtty(sub, END)], acc),
            Node::FormatSubst(p, sub) => b(tag::FORMAT_SUBST, vec![option(*p), fmtty(sub, END)], acc),
            Node::Alpha => b(tag::ALPHA, vec![], acc),
            Node::Theta => b(tag::THETA, vec![], acc),
            Node::FormattingLit(l) => b(tag::FORMATTING_LIT, vec![formatting_lit(l)], acc),
            Node::FormattingGen { is_box, sub, source } => {
                let format = Constant::Block(0, vec![fmt(sub), string(source)]);
                let gen = Constant::Block(if *is_box { 1 } else { 0 }, vec![format]);
                b(tag::FORMATTING_GEN, vec![gen], acc)
            }
            Node::Reader => b(tag::READER, vec![], acc),
            Node::ScanCharSet(p, set) => b(tag::SCAN_CHAR_SET, vec![option(*p), string(set)], acc),
            Node::ScanGetCounter(c) => b(tag::SCAN_GET_COUNTER, vec![int(*c as i64)], acc),
            Node::ScanNextChar => b(tag::SCAN_NEXT_CHAR, vec![], acc),
            Node::Ignored(ig) => b(tag::IGNORED_PARAM, vec![ignored(ig)], acc),
        };
    }
    acc
}

/// The `Format (fmt, s)` value of the literal `s`, or why it is invalid (the type checker
/// has already refused invalid formats, so this is a safety net).
pub fn format_value(s: &[u8]) -> Result<Constant, String> {
    let nodes = fs::parse(s).map_err(|e| e.describe(s))?;
    Ok(Constant::Block(0, vec![fmt(&nodes), string(s)]))
}
