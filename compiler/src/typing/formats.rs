//! Typing of format strings (`Printf.printf "%d %s"`): a string literal expected to be a
//! `format6` gets the type given by its conversions.

use super::ctype;
use super::errors::{ErrorKind, TypeError};
use super::path::Path;
use super::predef;
use super::types::*;
use crate::format_string::{self, FormatError, Ignored, IntSize, Node, Padding, Precision};
use crate::parsing::location::Location;

fn invalid(loc: &Location, s: &[u8], e: &FormatError) -> TypeError {
    TypeError::new(loc, ErrorKind::Message(e.describe(s)))
}

/// Fresh type variables handed out in order. Typing the sub-format of `%( %)` twice (once for
/// the format argument, once for the arguments it then asks for) from the same position gives
/// both the same variables for the `'x` of `%a`/`%r` and the types of nested formats, as
/// OCaml's `fmtty_rel` relates them.
struct Vars {
    vars: Vec<TypeExpr>,
    next: usize,
}

impl Vars {
    fn fresh(&mut self) -> TypeExpr {
        if self.next == self.vars.len() {
            self.vars.push(ctype::newvar());
        }
        self.next += 1;
        self.vars[self.next - 1]
    }
}

fn arrow(x: TypeExpr, r: TypeExpr) -> TypeExpr {
    ctype::newty(TypeDesc::Arrow(ArgLabel::Nolabel, x, r))
}

/// The `(a, d)` of a format whose `b` and `c` are given and whose rest has `a`/`d` types
/// `rest_a`/`rest_d` (`End_of_format` gives `f` and `e`).
fn type_nodes(nodes: &[Node], b: TypeExpr, c: TypeExpr, rest_a: TypeExpr, rest_d: TypeExpr, vars: &mut Vars, format6: &Path) -> (TypeExpr, TypeExpr) {
    let mut a = rest_a;
    let mut d = rest_d;
    let pad_arg = |p: Padding, t: TypeExpr| if matches!(p, Padding::Arg(_)) { arrow(predef::type_int(), t) } else { t };
    let prec_arg = |p: Precision, t: TypeExpr| if p == Precision::Arg { arrow(predef::type_int(), t) } else { t };
    for n in nodes.iter().rev() {
        match n {
            Node::Char | Node::CamlChar | Node::ScanNextChar => a = arrow(predef::type_char(), a),
            Node::String(p) | Node::CamlString(p) => a = pad_arg(*p, arrow(predef::type_string(), a)),
            Node::ScanCharSet(..) => a = arrow(predef::type_string(), a),
            Node::Int(size, _, p, q) => {
                let t = match size {
                    IntSize::Int => predef::type_int(),
                    IntSize::Int32 => predef::type_int32(),
                    IntSize::Nativeint => predef::type_nativeint(),
                    IntSize::Int64 => predef::type_int64(),
                };
                a = pad_arg(*p, prec_arg(*q, arrow(t, a)));
            }
            Node::ScanGetCounter(_) => a = arrow(predef::type_int(), a),
            Node::Float(_, _, p, q) => a = pad_arg(*p, prec_arg(*q, arrow(predef::type_float(), a))),
            Node::Bool(p) => a = pad_arg(*p, arrow(predef::type_bool(), a)),
            Node::Alpha => {
                let x = vars.fresh();
                a = arrow(arrow(b, arrow(x, c)), arrow(x, a));
            }
            Node::Theta => a = arrow(arrow(b, c), a),
            Node::Reader => {
                let x = vars.fresh();
                a = arrow(x, a);
                d = arrow(arrow(b, x), d);
            }
            Node::Ignored(Ignored::Reader) => {
                let x = vars.fresh();
                d = arrow(arrow(b, x), d);
            }
            Node::FormatArg(_, sub) => {
                let (t, _) = sub_format_type(sub, vars, format6);
                a = arrow(t, a);
            }
            Node::FormatSubst(_, sub) => {
                let (t, start) = sub_format_type(sub, vars, format6);
                vars.next = start;
                let (a2, d2) = type_nodes(sub, b, c, a, d, vars, format6);
                a = arrow(t, a2);
                d = d2;
            }
            Node::Ignored(Ignored::FormatSubst(_, sub)) | Node::FormattingGen { sub, .. } => {
                (a, d) = type_nodes(sub, b, c, a, d, vars, format6);
            }
            Node::Flush | Node::StringLiteral(_) | Node::CharLiteral(_) | Node::FormattingLit(_) | Node::Ignored(_) => {}
        }
    }
    (a, d)
}

/// The `format6` type of a sub-format (`%{ fmt %}`, `%( fmt %)`), its variables from `vars`,
/// and the position in `vars` where a second typing of the same sub-format must start.
fn sub_format_type(sub: &[Node], vars: &mut Vars, format6: &Path) -> (TypeExpr, usize) {
    let (b, c, e, f) = (vars.fresh(), vars.fresh(), vars.fresh(), vars.fresh());
    let start = vars.next;
    let (a, d) = type_nodes(sub, b, c, f, e, vars, format6);
    (ctype::newty(TypeDesc::Constr(format6.clone(), vec![a, b, c, d, e, f].into())), start)
}

/// `(a, b, c, d, e, f) format6` for the format string `s`, where `format6` is at `path`;
/// the types of its sub-formats use `sub_format6`.
pub fn type_format(loc: &Location, s: &[u8], format6: &Path, sub_format6: &Path) -> Result<TypeExpr, TypeError> {
    let nodes = format_string::parse(s).map_err(|e| invalid(loc, s, &e))?;
    let mut vars = Vars { vars: Vec::new(), next: 0 };
    let b = ctype::newvar();
    let c = ctype::newvar();
    let e = ctype::newvar();
    let f = ctype::newvar();
    let (a, d) = type_nodes(&nodes, b, c, f, e, &mut vars, sub_format6);
    Ok(ctype::newty(TypeDesc::Constr(format6.clone(), vec![a, b, c, d, e, f].into())))
}
