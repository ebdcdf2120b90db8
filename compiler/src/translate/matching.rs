//! Pattern matching: the entry points (`match`, `function`, `try`, `let` patterns). Each
//! case's guard and body are translated here, then the match compiler (`match_tree`) turns
//! the patterns into switches, sharing the bodies through static exits.

use super::core::{ident_var, Translator, TranslError};
use super::match_knowledge::Knowledge;
use super::match_rows::{has_or, Occ, Row};
use super::match_tree::{Action, MatchCompiler};
use super::static_exits::inline_single_exits;
use crate::lambda::{Constant, Lambda, Mutability, Primitive as P, RaiseKind, Var};
use std::rc::Rc;
use crate::parsing::location::Location;
use crate::typing::ident::Ident;
use crate::typing::typedtree as T;

type R<T> = Result<T, TranslError>;

/// `raise (Match_failure (file, line, col))`.
pub fn match_failure(tr: &Translator, loc: &Location) -> Lambda {
    let (file, line, col) = tr.source_location(loc);
    Lambda::Prim(
        P::Raise(RaiseKind::Regular),
        vec![Lambda::Prim(
            P::MakeBlock(0, Mutability::Immutable),
            vec![
                Lambda::Prim(P::PredefExn("Match_failure".into()), vec![]),
                Lambda::Const(Constant::Block(
                    0,
                    vec![Constant::String(file.as_bytes().into()), Constant::Int(line), Constant::Int(col)],
                )),
            ],
        )],
    )
}

/// A case ready for the match compiler: its pattern, its guard and body already translated.
struct Clause<'p> {
    pattern: &'p T::Pattern,
    guard: Option<Lambda>,
    rhs: Lambda,
}

/// Compiles `clauses` matched against the value in `root`; `fail` when none matches.
fn compile_clauses(tr: &mut Translator, root: &Var, clauses: Vec<Clause<'_>>, fail: Lambda) -> R<Lambda> {
    compile_clauses_on(tr, std::slice::from_ref(root), clauses, fail)
}

/// Compiles `clauses` matched against the values in `roots`: one value, or the components of
/// a tuple that is never built (`match a, b with ...`, every pattern a tuple or `_`).
fn compile_clauses_on(tr: &mut Translator, roots: &[Var], clauses: Vec<Clause<'_>>, fail: Lambda) -> R<Lambda> {
    let mut mc = MatchCompiler::new(tr);
    let final_fail = mc.label();
    // Each case's action. A guarded case with an or-pattern may reach its guard from several
    // leaves: its guard goes in a handler that, when false, jumps to the rows after it, so
    // the rows are cut into segments after each such case.
    let mut handlers: Vec<(u32, Vec<Var>, Lambda)> = Vec::new();
    let mut guard_handlers: Vec<(usize, u32, Vec<Var>, Lambda, Lambda)> = Vec::new();
    let mut patterns = Vec::new();
    for (i, cl) in clauses.into_iter().enumerate() {
        let mut ids = Vec::new();
        typed_pattern_vars(cl.pattern, &mut ids);
        let vars: Vec<Var> = ids.iter().map(|(id, _)| ident_var(id)).collect();
        patterns.push(cl.pattern);
        match cl.guard {
            None => {
                let label = mc.label();
                handlers.push((label, vars.clone(), cl.rhs));
                mc.actions.push(Action::Exit { label, vars });
            }
            Some(g) if has_or(cl.pattern) => {
                let label = mc.label();
                guard_handlers.push((i, label, vars.clone(), g, cl.rhs));
                mc.actions.push(Action::Exit { label, vars });
            }
            Some(g) => mc.actions.push(Action::Guarded { guard: Some(g), rhs: Some(cl.rhs) }),
        }
    }
    let (occs, rows) = if let [root] = roots {
        let occ = Occ { var: root.clone(), path: Some(Rc::from(&[][..])) };
        let rows = patterns.iter().enumerate().map(|(i, p)| Row { cells: vec![Some(*p)], binds: vec![], action: i }).collect();
        (vec![occ], rows)
    } else {
        let occs = roots.iter().enumerate().map(|(i, v)| Occ { var: v.clone(), path: Some(Rc::from(&[i][..])) }).collect();
        let mut rows = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let mut alts = Vec::new();
            tuple_alternatives(p, roots.len(), &mut alts);
            rows.extend(alts.into_iter().map(|cells| Row { cells, binds: vec![], action: i }));
        }
        (occs, rows)
    };
    let body = compile_segments(&mut mc, &occs, rows, guard_handlers, final_fail, &Knowledge::default())?;
    let mut result = body;
    for (label, vars, rhs) in handlers {
        result = Lambda::StaticCatch(Box::new(result), label, vars, Box::new(rhs));
    }
    result = Lambda::StaticCatch(Box::new(result), final_fail, vec![], Box::new(fail));
    Ok(inline_single_exits(result, &mc.labels))
}

/// The rows up to the next guarded or-pattern case, its guard handler, and the rest in the
/// handler of the exit taken when the guard is false.
fn compile_segments(
    mc: &mut MatchCompiler,
    roots: &[Occ],
    mut rows: Vec<Row>,
    mut guards: Vec<(usize, u32, Vec<Var>, Lambda, Lambda)>,
    fail: u32,
    know: &Knowledge,
) -> R<Lambda> {
    if guards.is_empty() {
        return mc.compile(roots.to_vec(), rows, fail, know);
    }
    let (case, label, vars, guard, rhs) = guards.remove(0);
    let cut = rows.iter().position(|r| r.action > case).unwrap_or(rows.len());
    let rest = rows.split_off(cut);
    let next = mc.label();
    let body = mc.compile(roots.to_vec(), rows, next, know)?;
    let code = match mc.known_at(label) {
        Some(k) => {
            let miss = mc.exit(next, vec![], &k);
            Lambda::StaticCatch(Box::new(body), label, vars, Box::new(Lambda::if_(guard, rhs, miss)))
        }
        None => body,
    };
    match mc.known_at(next) {
        Some(k) => {
            let handler = compile_segments(mc, roots, rest, guards, fail, &k)?;
            Ok(Lambda::StaticCatch(Box::new(code), next, vec![], Box::new(handler)))
        }
        None => Ok(code),
    }
}

/// Whether `p` only takes a tuple of `n` apart (so the tuple itself is not needed).
fn is_tuple_pattern(p: &T::Pattern, n: usize) -> bool {
    match &p.desc {
        T::PatternDesc::Any => true,
        T::PatternDesc::Tuple(ps) => ps.len() == n,
        T::PatternDesc::Or(a, b) => is_tuple_pattern(a, n) && is_tuple_pattern(b, n),
        _ => false,
    }
}

/// The component patterns of each alternative of a tuple pattern (see `is_tuple_pattern`).
fn tuple_alternatives<'p>(p: &'p T::Pattern, n: usize, out: &mut Vec<Vec<Option<&'p T::Pattern>>>) {
    match &p.desc {
        T::PatternDesc::Tuple(ps) => out.push(ps.iter().map(Some).collect()),
        T::PatternDesc::Or(a, b) => {
            tuple_alternatives(a, n, out);
            tuple_alternatives(b, n, out);
        }
        _ => out.push(vec![None; n]),
    }
}

/// Cases matched against the value in `v`; `fail` when none matches.
pub fn compile_cases(tr: &mut Translator, v: &Var, cases: &[T::Case], fail: Lambda) -> R<Lambda> {
    let clauses = translate_cases(tr, cases)?;
    compile_clauses(tr, v, clauses, fail)
}

fn translate_cases<'p>(tr: &mut Translator, cases: &'p [T::Case]) -> R<Vec<Clause<'p>>> {
    let mut clauses = Vec::new();
    for case in cases {
        // Modules bound by `(module M)` patterns are in scope in the guard and the body.
        let saved = tr.scope.clone();
        tr.add_pattern_modules(&case.lhs);
        let rhs = tr.expr(&case.rhs);
        let guard = case.guard.as_ref().map(|g| tr.expr(g));
        tr.scope = saved;
        clauses.push(Clause { pattern: &case.lhs, guard: guard.transpose()?, rhs: rhs? });
    }
    Ok(clauses)
}

pub fn compile_function_cases(
    tr: &mut Translator,
    param: &Var,
    cases: &[T::Case],
    _partial: T::Partial,
    loc: &Location,
) -> R<Lambda> {
    let fail = match_failure(tr, loc);
    compile_cases(tr, param, cases, fail)
}

pub fn compile_match(
    tr: &mut Translator,
    scrut: Lambda,
    cases: &[T::Case],
    exn_cases: &[T::Case],
    _partial: T::Partial,
    loc: &Location,
) -> R<Lambda> {
    let sv = tr.fresh.var("match");
    if exn_cases.is_empty() {
        let fail = match_failure(tr, loc);
        let body = compile_cases(tr, &sv, cases, fail)?;
        return Ok(Lambda::let_(sv, scrut, body));
    }
    // `match e with exception p -> ...`: exceptions raised by `e` (and only by `e`) go to the
    // exception cases, re-raised when none matches.
    let lbl = tr.fresh.label();
    let e = tr.fresh.var("exn");
    let e2 = tr.fresh.var("exn");
    let guarded = Lambda::TryWith(Box::new(scrut), e.clone(), Box::new(Lambda::StaticRaise(lbl, vec![Lambda::Var(e)])));
    let fail = match_failure(tr, loc);
    let values = compile_cases(tr, &sv, cases, fail)?;
    let reraise = tr.hidden_loc(Lambda::Prim(P::Raise(RaiseKind::Reraise), vec![Lambda::Var(e2.clone())]));
    let exns = tr.with_caught(exn_cases, |tr| compile_cases(tr, &e2, exn_cases, reraise))?;
    Ok(Lambda::StaticCatch(Box::new(Lambda::let_(sv, guarded, values)), lbl, vec![e2], Box::new(exns)))
}

/// `match e1, ..., en with ...` (no exception cases): as in OCaml, the components are
/// evaluated left to right (unlike a tuple built elsewhere), and when every case only takes
/// the tuple apart the tuple is never built.
pub fn compile_match_tuple(
    tr: &mut Translator,
    components: Vec<Lambda>,
    cases: &[T::Case],
    partial: T::Partial,
    loc: &Location,
) -> R<Lambda> {
    let vars: Vec<Var> = (0..components.len()).map(|_| tr.fresh.var("match")).collect();
    let body = if cases.iter().all(|c| is_tuple_pattern(&c.lhs, components.len())) {
        let fail = match_failure(tr, loc);
        let clauses = translate_cases(tr, cases)?;
        compile_clauses_on(tr, &vars, clauses, fail)?
    } else {
        let tuple = Lambda::Prim(P::MakeBlock(0, Mutability::Immutable), vars.iter().cloned().map(Lambda::Var).collect());
        compile_match(tr, tuple, cases, &[], partial, loc)?
    };
    // The first component is bound outermost: evaluated first.
    Ok(vars.into_iter().zip(components).rev().fold(body, |acc, (v, a)| Lambda::let_(v, a, acc)))
}

/// Bind the variables of an irrefutable pattern matched against `v` around `body`.
pub fn bind_irrefutable(tr: &mut Translator, v: &Var, p: &T::Pattern, body: Lambda) -> R<Lambda> {
    let fail = match_failure(tr, &p.loc);
    compile_clauses(tr, v, vec![Clause { pattern: p, guard: None, rhs: body }], fail)
}

/// `let p = e in body`; Match_failure reports `fail_loc`, or the pattern's location.
pub fn bind_pattern(tr: &mut Translator, p: &T::Pattern, e: Lambda, body: Lambda, fail_loc: Option<&Location>) -> R<Lambda> {
    match &p.desc {
        T::PatternDesc::Var(id, _) => Ok(Lambda::let_(ident_var(id), e, body)),
        T::PatternDesc::Any => Ok(Lambda::seq(e, body)),
        _ => {
            let v = tr.fresh.var("let");
            let fail = match_failure(tr, fail_loc.unwrap_or(&p.loc));
            let inner = compile_clauses(tr, &v, vec![Clause { pattern: p, guard: None, rhs: body }], fail)?;
            Ok(Lambda::let_(v, e, inner))
        }
    }
}

/// Identifiers bound by a pattern, in a fixed order.
pub fn pattern_idents(p: &T::Pattern, out: &mut Vec<Ident>) {
    pattern_vars(p, out)
}

/// Variables bound by a pattern, in a fixed order.
fn pattern_vars(p: &T::Pattern, out: &mut Vec<Ident>) {
    let mut typed = Vec::new();
    typed_pattern_vars(p, &mut typed);
    out.extend(typed.into_iter().map(|(id, _)| id).filter(|id| !out.iter().any(|x| x.stamp == id.stamp)).collect::<Vec<_>>());
}

/// Variables bound by a pattern with their types, in a fixed order.
pub fn typed_pattern_vars(p: &T::Pattern, out: &mut Vec<(Ident, crate::typing::types::TypeExpr)>) {
    use T::PatternDesc as D;
    match &p.desc {
        D::Any | D::Constant(_) => {}
        D::Var(id, _) => {
            if !out.iter().any(|(x, _)| x.stamp == id.stamp) {
                out.push((id.clone(), p.ty))
            }
        }
        D::Alias(q, id, _) => {
            typed_pattern_vars(q, out);
            if !out.iter().any(|(x, _)| x.stamp == id.stamp) {
                out.push((id.clone(), p.ty))
            }
        }
        D::Tuple(ps) | D::Array(ps) | D::Construct(_, _, ps) => ps.iter().for_each(|q| typed_pattern_vars(q, out)),
        D::Record(fs, _) => fs.iter().for_each(|(_, _, q)| typed_pattern_vars(q, out)),
        D::Or(a, _) => typed_pattern_vars(a, out),
        D::Lazy(q) => typed_pattern_vars(q, out),
        D::Variant(_, q) => q.iter().for_each(|q| typed_pattern_vars(q, out)),
    }
}
