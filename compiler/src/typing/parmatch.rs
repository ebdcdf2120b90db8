//! Pattern-matching analysis: exhaustiveness (warning 8, with a counter-example printed as
//! OCaml prints it) and unused cases (warning 11), by the usefulness algorithm on matrices.

use super::env::Env;
use super::errors::Warning;
use super::typedtree as T;
use super::types::*;
use crate::parsing::location::Location;
use std::rc::Rc;

#[derive(Clone, Debug)]
enum Head {
    Constr(Rc<ConstructorDescription>),
    Tuple(usize),
    Record(Vec<Rc<LabelDescription>>),
    Const(T::Constant),
    Array(usize),
    Lazy,
    /// A polymorphic variant tag: name, whether it has an argument, the pattern's type
    /// (whose row tells which tags exist).
    Variant(Rc<str>, bool, TypeExpr),
}

impl Head {
    fn arity(&self) -> usize {
        match self {
            Head::Constr(c) => c.arity,
            Head::Tuple(n) | Head::Array(n) => *n,
            Head::Record(ls) => ls.len(),
            Head::Const(_) => 0,
            Head::Lazy => 1,
            Head::Variant(_, arg, _) => *arg as usize,
        }
    }

    fn same(&self, o: &Head) -> bool {
        match (self, o) {
            (Head::Constr(a), Head::Constr(b)) => a.name == b.name && a.tag == b.tag,
            (Head::Tuple(_), Head::Tuple(_)) | (Head::Record(_), Head::Record(_)) | (Head::Lazy, Head::Lazy) => true,
            (Head::Const(a), Head::Const(b)) => a == b,
            (Head::Array(a), Head::Array(b)) => a == b,
            (Head::Variant(a, _, _), Head::Variant(b, _, _)) => a == b,
            _ => false,
        }
    }
}

#[derive(Clone, Debug)]
enum Pat {
    Any,
    Con(Head, Vec<Pat>),
    Or(Box<Pat>, Box<Pat>),
}

fn simplify(p: &T::Pattern) -> Pat {
    use T::PatternDesc as D;
    match &p.desc {
        D::Any | D::Var(..) => Pat::Any,
        D::Alias(q, _, _) => simplify(q),
        D::Constant(c) => Pat::Con(Head::Const(c.clone()), vec![]),
        D::Tuple(ps) => Pat::Con(Head::Tuple(ps.len()), ps.iter().map(simplify).collect()),
        D::Construct(_, cd, ps) => Pat::Con(Head::Constr(cd.clone()), ps.iter().map(simplify).collect()),
        D::Record(fields, _) => {
            let Some((_, first, _)) = fields.first() else { return Pat::Any };
            let n = first.all.len();
            let mut labels: Vec<Option<Rc<LabelDescription>>> = vec![None; n];
            let mut args = vec![Pat::Any; n];
            for (_, ld, q) in fields {
                if ld.pos < n {
                    labels[ld.pos] = Some(ld.clone());
                    args[ld.pos] = simplify(q);
                }
            }
            // Labels not written: make descriptions carrying just their names.
            let all: Vec<Rc<LabelDescription>> = labels
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    l.unwrap_or_else(|| Rc::new(LabelDescription { name: first.all[i].clone(), pos: i, ..(**first).clone() }))
                })
                .collect();
            Pat::Con(Head::Record(all), args)
        }
        D::Array(ps) => Pat::Con(Head::Array(ps.len()), ps.iter().map(simplify).collect()),
        D::Or(a, b) => Pat::Or(Box::new(simplify(a)), Box::new(simplify(b))),
        D::Lazy(q) => Pat::Con(Head::Lazy, vec![simplify(q)]),
        D::Variant(tag, arg) => Pat::Con(Head::Variant(tag.clone(), arg.is_some(), p.ty), arg.iter().map(|q| simplify(q)).collect()),
    }
}

type Row = Vec<Pat>;

/// Rows with or-patterns in the first column split.
fn expand_first(rows: &[Row]) -> Vec<Row> {
    let mut out = Vec::new();
    for r in rows {
        push_expanded(&mut out, r.clone());
    }
    out
}

fn push_expanded(out: &mut Vec<Row>, r: Row) {
    if let Some(Pat::Or(a, b)) = r.first() {
        let mut ra = r.clone();
        ra[0] = (**a).clone();
        let mut rb = r.clone();
        rb[0] = (**b).clone();
        push_expanded(out, ra);
        push_expanded(out, rb);
    } else {
        out.push(r)
    }
}

fn heads(rows: &[Row]) -> Vec<Head> {
    let mut hs: Vec<Head> = Vec::new();
    for r in rows {
        if let Some(Pat::Con(h, _)) = r.first() {
            if !hs.iter().any(|x| x.same(h)) {
                hs.push(h.clone());
            }
        }
    }
    hs
}

fn specialize(rows: &[Row], h: &Head) -> Vec<Row> {
    let a = h.arity();
    let mut out = Vec::new();
    for r in rows {
        match &r[0] {
            Pat::Con(h2, args) if h2.same(h) => {
                let mut nr: Row = if args.len() == a { args.clone() } else { vec![Pat::Any; a] };
                nr.extend_from_slice(&r[1..]);
                out.push(nr);
            }
            Pat::Any => {
                let mut nr = vec![Pat::Any; a];
                nr.extend_from_slice(&r[1..]);
                out.push(nr);
            }
            _ => {}
        }
    }
    out
}

fn default_matrix(rows: &[Row]) -> Vec<Row> {
    rows.iter().filter(|r| matches!(r[0], Pat::Any)).map(|r| r[1..].to_vec()).collect()
}

/// All constructors of the variant type of `cd`, in declaration order.
fn all_constructors(env: &Env, cd: &ConstructorDescription) -> Option<Vec<Rc<ConstructorDescription>>> {
    if matches!(cd.tag, ConstructorTag::Extension(_)) {
        return None;
    }
    env.find_type_data(&cd.type_path).map(|d| d.constrs.clone()).filter(|c| !c.is_empty())
}

fn is_complete(env: &Env, hs: &[Head]) -> bool {
    match hs.first() {
        None => false,
        Some(Head::Tuple(_)) | Some(Head::Record(_)) | Some(Head::Lazy) => true,
        Some(Head::Constr(cd)) => match all_constructors(env, cd) {
            Some(all) => all.iter().all(|c| hs.iter().any(|h| matches!(h, Head::Constr(x) if x.name == c.name))),
            None => false,
        },
        Some(Head::Const(T::Constant::Char(_))) => hs.len() == 256,
        Some(Head::Variant(_, _, ty)) => match variant_row(env, *ty) {
            Some(row) => row.closed && row.fields.iter().all(|(l, _)| hs.iter().any(|h| matches!(h, Head::Variant(x, _, _) if x == l))),
            None => false,
        },
        _ => false,
    }
}

/// The row of a polymorphic variant pattern's type.
fn variant_row(env: &Env, ty: TypeExpr) -> Option<Rc<super::types::Row>> {
    match desc(super::ctype::expand_head(env, ty)) {
        TypeDesc::Variant(row) => Some(row),
        _ => None,
    }
}

/// A pattern not matched by the heads present (OCaml's choice of "other" value).
fn build_other(env: &Env, hs: &[Head]) -> Pat {
    match hs.first() {
        Some(Head::Constr(cd)) => match all_constructors(env, cd) {
            Some(all) => {
                for c in all {
                    if !hs.iter().any(|h| matches!(h, Head::Constr(x) if x.name == c.name)) {
                        let a = c.arity;
                        return Pat::Con(Head::Constr(c), vec![Pat::Any; a]);
                    }
                }
                Pat::Any
            }
            None => Pat::Con(Head::Const(T::Constant::String(b"*extension*".to_vec())), vec![]).mark_extension(),
        },
        Some(Head::Const(c)) => {
            let used = |k: &T::Constant| hs.iter().any(|h| matches!(h, Head::Const(x) if x == k));
            let pick = match c {
                T::Constant::Int(_) => (0..).map(T::Constant::Int).find(|k| !used(k)),
                T::Constant::Int32(_) => (0..).map(T::Constant::Int32).find(|k| !used(k)),
                T::Constant::Int64(_) => (0..).map(T::Constant::Int64).find(|k| !used(k)),
                T::Constant::Nativeint(_) => (0..).map(T::Constant::Nativeint).find(|k| !used(k)),
                T::Constant::Char(_) => {
                    let order: Vec<u8> = (b'a'..=b'z').chain(b'A'..=b'Z').chain(b'0'..=b'9').chain(b' '..=b'~').chain(0..=255u8).collect();
                    order.into_iter().map(T::Constant::Char).find(|k| !used(k))
                }
                T::Constant::String(_) => (0..).map(|n| T::Constant::String(vec![b'*'; n])).find(|k| !used(k)),
                T::Constant::Float(_) => (0..)
                    .map(|n| T::Constant::Float(format!("{}.", n)))
                    .find(|k| !hs.iter().any(|h| matches!(h, Head::Const(T::Constant::Float(x)) if float_eq(x, k)))),
            };
            pick.map(|k| Pat::Con(Head::Const(k), vec![])).unwrap_or(Pat::Any)
        }
        Some(Head::Variant(_, _, ty)) => {
            let row = variant_row(env, *ty);
            match row {
                Some(row) if row.closed => {
                    for (l, f) in &row.fields {
                        if !hs.iter().any(|h| matches!(h, Head::Variant(x, _, _) if x == l)) {
                            let arg = !matches!(f, RowField::Present(None) | RowField::Either(true, _, _));
                            return Pat::Con(Head::Variant(l.clone(), arg, *ty), if arg { vec![Pat::Any] } else { vec![] });
                        }
                    }
                    Pat::Any
                }
                _ => Pat::Con(Head::Variant(Rc::from("AnyOtherTag"), false, *ty), vec![]),
            }
        }
        Some(Head::Array(_)) => {
            let n = (0..).find(|n| !hs.iter().any(|h| matches!(h, Head::Array(m) if m == n))).unwrap_or(0);
            Pat::Con(Head::Array(n), vec![Pat::Any; n])
        }
        _ => Pat::Any,
    }
}

fn float_eq(a: &str, b: &T::Constant) -> bool {
    match b {
        T::Constant::Float(b) => a.parse::<f64>().ok() == b.trim_end_matches('.').parse::<f64>().ok(),
        _ => false,
    }
}

impl Pat {
    fn mark_extension(self) -> Pat {
        Pat::Con(Head::Const(T::Constant::String(b"\x00ext".to_vec())), vec![])
    }
}

/// A witness of non-exhaustiveness (a row of patterns matched by none of `rows`).
fn exhaust(env: &Env, rows: &[Row], n: usize) -> Option<Row> {
    if n == 0 {
        return if rows.is_empty() { Some(vec![]) } else { None };
    }
    let rows = expand_first(rows);
    let hs = heads(&rows);
    for h in &hs {
        let a = h.arity();
        let sub = specialize(&rows, h);
        if let Some(w) = exhaust(env, &sub, a + n - 1) {
            let mut out = vec![Pat::Con(h.clone(), w[..a].to_vec())];
            out.extend_from_slice(&w[a..]);
            return Some(out);
        }
    }
    if is_complete(env, &hs) {
        return None;
    }
    let w = exhaust(env, &default_matrix(&rows), n - 1)?;
    let mut out = vec![if hs.is_empty() { Pat::Any } else { build_other(env, &hs) }];
    out.extend(w);
    Some(out)
}

/// Is the row `q` useful with respect to `rows` (does it match a value none of them does)?
fn useful(env: &Env, rows: &[Row], q: &[Pat]) -> bool {
    if q.is_empty() {
        return rows.is_empty();
    }
    let rows = expand_first(rows);
    match &q[0] {
        Pat::Or(a, b) => {
            let mut qa = q.to_vec();
            qa[0] = (**a).clone();
            let mut qb = q.to_vec();
            qb[0] = (**b).clone();
            useful(env, &rows, &qa) || useful(env, &rows, &qb)
        }
        Pat::Con(h, args) => {
            let mut nq = args.clone();
            if nq.len() != h.arity() {
                nq = vec![Pat::Any; h.arity()];
            }
            nq.extend_from_slice(&q[1..]);
            useful(env, &specialize(&rows, h), &nq)
        }
        Pat::Any => {
            let hs = heads(&rows);
            if is_complete(env, &hs) {
                hs.iter().any(|h| {
                    let mut nq = vec![Pat::Any; h.arity()];
                    nq.extend_from_slice(&q[1..]);
                    useful(env, &specialize(&rows, h), &nq)
                })
            } else {
                useful(env, &default_matrix(&rows), &q[1..])
            }
        }
    }
}

/// Does `p` match a value matched by witness `w` (used for the guarded-clause remark)?
fn compatible(p: &Pat, w: &Pat) -> bool {
    match (p, w) {
        (Pat::Any, _) | (_, Pat::Any) => true,
        (Pat::Or(a, b), _) => compatible(a, w) || compatible(b, w),
        (Pat::Con(h1, a1), Pat::Con(h2, a2)) => h1.same(h2) && a1.iter().zip(a2.iter()).all(|(x, y)| compatible(x, y)),
        _ => false,
    }
}

// -- printing ---------------------------------------------------------------------------------

fn print_const(c: &T::Constant) -> String {
    match c {
        T::Constant::Int(i) => i.to_string(),
        T::Constant::Int32(i) => format!("{}l", i),
        T::Constant::Int64(i) => format!("{}L", i),
        T::Constant::Nativeint(i) => format!("{}n", i),
        T::Constant::Char(c) => format!("'{}'", escape_char(*c)),
        T::Constant::String(s) => {
            if s == b"\x00ext" {
                return "*extension*".into();
            }
            format!("\"{}\"", s.iter().map(|c| escape_char(*c)).collect::<String>())
        }
        T::Constant::Float(f) => f.clone(),
    }
}

fn escape_char(c: u8) -> String {
    match c {
        b'\'' => "\\'".into(),
        b'\\' => "\\\\".into(),
        b'\n' => "\\n".into(),
        b'\t' => "\\t".into(),
        b'\r' => "\\r".into(),
        b'\x08' => "\\b".into(),
        b' '..=b'~' => (c as char).to_string(),
        _ => format!("\\{:03}", c),
    }
}

fn print_pat(p: &Pat) -> String {
    match p {
        Pat::Any => "_".into(),
        Pat::Or(a, b) => format!("{}|{}", print_pat(a), print_pat(b)),
        Pat::Con(h, args) => match h {
            Head::Const(c) => print_const(c),
            Head::Tuple(_) => format!("({})", args.iter().map(print_pat).collect::<Vec<_>>().join(", ")),
            Head::Record(ls) => {
                let fields: Vec<String> = ls.iter().zip(args.iter()).map(|(l, a)| format!("{}={}", l.name, print_pat(a))).collect();
                format!("{{{}}}", fields.join("; "))
            }
            Head::Array(_) => {
                if args.is_empty() {
                    "[| |]".into()
                } else {
                    format!("[| {} |]", args.iter().map(print_pat).collect::<Vec<_>>().join("; "))
                }
            }
            Head::Lazy => format!("lazy {}", print_arg(&args[0])),
            Head::Variant(tag, _, _) => match args.first() {
                None => format!("`{}", tag),
                Some(a) => format!("`{} {}", tag, print_arg(a)),
            },
            Head::Constr(cd) => {
                if &*cd.name == "::" && args.len() == 2 {
                    let left = match &args[0] {
                        Pat::Con(Head::Constr(c), a) if &*c.name == "::" && a.len() == 2 => format!("({})", print_pat(&args[0])),
                        _ => print_arg(&args[0]),
                    };
                    return format!("{}::{}", left, print_pat(&args[1]));
                }
                match args.len() {
                    0 => cd.name.to_string(),
                    1 => format!("{} {}", cd.name, print_arg(&args[0])),
                    _ => {
                        if args.iter().all(|a| matches!(a, Pat::Any)) {
                            format!("{} _", cd.name)
                        } else {
                            format!("{} ({})", cd.name, args.iter().map(print_pat).collect::<Vec<_>>().join(", "))
                        }
                    }
                }
            }
        },
    }
}

fn print_arg(p: &Pat) -> String {
    match p {
        Pat::Con(Head::Constr(_), args) if !args.is_empty() => format!("({})", print_pat(p)),
        Pat::Con(Head::Lazy, _) | Pat::Or(..) => format!("({})", print_pat(p)),
        Pat::Con(Head::Variant(..), args) if !args.is_empty() => format!("({})", print_pat(p)),
        _ => print_pat(p),
    }
}

/// Checks a match: returns whether it is total, and the warnings (8 and 11).
pub fn check(env: &Env, loc: &Location, cases: &[T::Case], _ty: TypeExpr, check_total: bool) -> (T::Partial, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    for c in cases {
        let p = simplify(&c.lhs);
        let row = vec![p];
        if !useful(env, &rows, &row) {
            warnings.push(Warning { loc: c.lhs.loc.clone(), number: 11, message: "this match case is unused.".into() });
        }
        if c.guard.is_none() {
            rows.push(row);
        }
    }
    let partial = match exhaust(env, &rows, 1) {
        None => T::Partial::Total,
        Some(w) => {
            if check_total {
                let mut msg = String::from("this pattern-matching is not exhaustive.\nHere is an example of a case that is not matched:\n");
                msg.push_str(&print_pat(&w[0]));
                let guarded = cases.iter().any(|c| c.guard.is_some() && compatible(&simplify(&c.lhs), &w[0]));
                if guarded {
                    msg.push_str("\n(However, some guarded clause may match this value.)");
                }
                if print_pat(&w[0]).contains("*extension*") {
                    msg.push_str("\nMatching over values of extensible variant types (the *extension* above)\nmust include a wild card pattern in order to be exhaustive.");
                }
                warnings.push(Warning { loc: loc.clone(), number: 8, message: msg });
            }
            T::Partial::Partial
        }
    };
    // Warning 8 comes before 11 in OCaml's output.
    warnings.sort_by_key(|w| if w.number == 8 { 0 } else { 1 });
    (partial, warnings)
}

// -- closing polymorphic variant rows ---------------------------------------------------------

/// After typing the patterns of a match: the rows of polymorphic variant columns where no
/// wildcard would catch other tags are closed (`function `A -> 1 | `B -> 2` takes
/// `[< `A | `B ]`). Returns whether the matrix catches every value (OCaml's
/// `pressure_variants`).
pub fn pressure_variants(env: &Env, pats: &[&T::Pattern]) {
    let rows: Vec<Row> = pats.iter().map(|p| vec![simplify(p)]).collect();
    pressure(env, &rows);
}

fn pressure(env: &Env, rows: &[Row]) -> bool {
    if rows.is_empty() {
        return false;
    }
    if rows[0].is_empty() {
        return true;
    }
    let rows = expand_first(rows);
    let hs = heads(&rows);
    if hs.is_empty() {
        return pressure(env, &default_matrix(&rows));
    }
    let mut all = true;
    let full = is_complete(env, &hs);
    let default = default_matrix(&rows);
    let ok = if full { true } else { pressure(env, &default) };
    for h in &hs {
        // Evaluated for each head: closing rows is a side effect.
        all &= pressure(env, &specialize(&rows, h));
    }
    if full {
        return all;
    }
    if let Some(Head::Variant(_, _, ty)) = hs.first() {
        if !ok {
            close_row(env, *ty);
        }
    }
    ok
}

fn close_row(env: &Env, ty: TypeExpr) {
    let t = repr(super::ctype::expand_head(env, ty));
    if let TypeDesc::Variant(row) = desc(t) {
        if !row.closed {
            let mut r = (*row).clone();
            r.closed = true;
            set_desc(t, TypeDesc::Variant(Rc::new(r)));
        }
    }
}
