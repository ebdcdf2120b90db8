//! Pattern matching, compiled case by case: each case tests its pattern and jumps (static exit)
//! to the next case on failure. Correct for every pattern; decision trees that share tests
//! between cases are a later refinement.

use super::core::{constant, ident_var, Translator, TranslError};
use crate::lambda::{ArrayKind, Comparison, Constant, Lambda, Mutability, Primitive as P, RaiseKind, Var};
use crate::parsing::location::Location;
use crate::typing::ident::Ident;
use crate::typing::typedtree as T;
use crate::typing::types::{ConstructorTag, RecordRepr};

type R<T> = Result<T, TranslError>;

fn exit(lbl: u32) -> Lambda {
    Lambda::StaticRaise(lbl, vec![])
}

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

/// Cases matched against the value in `v`, trying each in order; `fail` when none matches.
pub fn compile_cases(tr: &mut Translator, v: &Var, cases: &[T::Case], fail: Lambda) -> R<Lambda> {
    let mut result = fail;
    for case in cases.iter().rev() {
        let lbl = tr.fresh.label();
        // Modules bound by `(module M)` patterns are in scope in the guard and the body.
        let saved = tr.scope.clone();
        tr.add_pattern_modules(&case.lhs);
        let rhs = tr.expr(&case.rhs);
        let guard = case.guard.as_ref().map(|g| tr.expr(g));
        tr.scope = saved;
        let rhs = rhs?;
        let guarded = match guard {
            Some(g) => Lambda::if_(g?, rhs, exit(lbl)),
            None => rhs,
        };
        let attempt = test(tr, &case.lhs, v, guarded, lbl)?;
        result = Lambda::StaticCatch(Box::new(attempt), lbl, vec![], Box::new(result));
    }
    Ok(result)
}

pub fn compile_function_cases(
    tr: &mut Translator,
    param: &Var,
    cases: &[T::Case],
    _partial: T::Partial,
    loc: &Location,
) -> R<Lambda> {
    compile_cases(tr, param, cases, match_failure(tr, loc))
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
        let body = compile_cases(tr, &sv, cases, match_failure(tr, loc))?;
        return Ok(Lambda::let_(sv, scrut, body));
    }
    // `match e with exception p -> ...`: exceptions raised by `e` (and only by `e`) go to the
    // exception cases, re-raised when none matches.
    let lbl = tr.fresh.label();
    let e = tr.fresh.var("exn");
    let e2 = tr.fresh.var("exn");
    let guarded = Lambda::TryWith(Box::new(scrut), e.clone(), Box::new(Lambda::StaticRaise(lbl, vec![Lambda::Var(e)])));
    let values = compile_cases(tr, &sv, cases, match_failure(tr, loc))?;
    let reraise = Lambda::Prim(P::Raise(RaiseKind::Reraise), vec![Lambda::Var(e2.clone())]);
    let exns = compile_cases(tr, &e2, exn_cases, reraise)?;
    Ok(Lambda::StaticCatch(Box::new(Lambda::let_(sv, guarded, values)), lbl, vec![e2], Box::new(exns)))
}

/// Bind the variables of an irrefutable pattern matched against `v` around `body`.
pub fn bind_irrefutable(tr: &mut Translator, v: &Var, p: &T::Pattern, body: Lambda) -> R<Lambda> {
    let lbl = tr.fresh.label();
    let attempt = test(tr, p, v, body, lbl)?;
    Ok(Lambda::StaticCatch(Box::new(attempt), lbl, vec![], Box::new(match_failure(tr, &p.loc))))
}

/// `let p = e in body`.
pub fn bind_pattern(tr: &mut Translator, p: &T::Pattern, e: Lambda, body: Lambda, _loc: &Location) -> R<Lambda> {
    match &p.desc {
        T::PatternDesc::Var(id, _) => Ok(Lambda::let_(ident_var(id), e, body)),
        T::PatternDesc::Any => Ok(Lambda::seq(e, body)),
        _ => {
            let v = tr.fresh.var("let");
            let inner = bind_irrefutable(tr, &v, p, body)?;
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

/// Code that tests whether the value in `v` matches `p`: binds the pattern's variables and
/// continues with `success`, or jumps to `fail`.
fn test(tr: &mut Translator, p: &T::Pattern, v: &Var, success: Lambda, fail: u32) -> R<Lambda> {
    use T::PatternDesc as D;
    let vl = Lambda::Var(v.clone());
    Ok(match &p.desc {
        D::Any => success,
        D::Var(id, _) => Lambda::let_(ident_var(id), vl, success),
        D::Alias(q, id, _) => {
            let inner = test(tr, q, v, success, fail)?;
            Lambda::let_(ident_var(id), vl, inner)
        }
        D::Constant(c) => {
            let c = constant(c, &p.loc)?;
            let cond = match &c {
                Constant::Int(_) => Lambda::Prim(P::IntComp(Comparison::Eq), vec![vl, Lambda::Const(c)]),
                Constant::Float(_) => Lambda::Prim(P::FloatComp(Comparison::Eq), vec![vl, Lambda::Const(c)]),
                Constant::String(_) => Lambda::Prim(
                    P::CCall { name: "caml_string_equal".into(), arity: 2, alloc: false },
                    vec![vl, Lambda::Const(c)],
                ),
                _ => Lambda::Prim(P::CCall { name: "caml_equal".into(), arity: 2, alloc: true }, vec![vl, Lambda::Const(c)]),
            };
            Lambda::if_(cond, success, exit(fail))
        }
        D::Tuple(ps) => fields(tr, v, ps, 0, success, fail)?,
        D::Construct(_, cd, args) => match &cd.tag {
            ConstructorTag::Constant(n) => Lambda::if_(
                Lambda::Prim(P::IntComp(Comparison::Eq), vec![vl, Lambda::int(*n as i64)]),
                success,
                exit(fail),
            ),
            ConstructorTag::Block(tag) => {
                // An inline record is the constructor's block itself.
                let inner = match args.as_slice() {
                    [q] if cd.inline_record.is_some() => test(tr, q, v, success, fail)?,
                    _ => fields(tr, v, args, 0, success, fail)?,
                };
                let tagged = if cd.nonconsts > 1 {
                    Lambda::Switch(
                        Box::new(vl.clone()),
                        crate::lambda::Switch {
                            consts: vec![],
                            blocks: vec![(*tag as u8, inner)],
                            default: Some(Box::new(exit(fail))),
                        },
                    )
                } else {
                    inner
                };
                if cd.consts > 0 {
                    Lambda::if_(Lambda::Prim(P::IsInt, vec![vl]), exit(fail), tagged)
                } else {
                    tagged
                }
            }
            ConstructorTag::Unboxed => match args.as_slice() {
                [q] => test(tr, q, v, success, fail)?,
                _ => success,
            },
            ConstructorTag::Extension(path) => {
                let slot = tr.extension_slot(path, &p.loc)?;
                if args.is_empty() {
                    Lambda::if_(Lambda::Prim(P::PhysEq, vec![vl, slot]), success, exit(fail))
                } else {
                    let inner = match args.as_slice() {
                        [q] if cd.inline_record.is_some() => test(tr, q, v, success, fail)?,
                        _ => fields(tr, v, args, 1, success, fail)?,
                    };
                    Lambda::if_(
                        Lambda::Prim(P::PhysEq, vec![Lambda::Prim(P::Field(0), vec![vl]), slot]),
                        inner,
                        exit(fail),
                    )
                }
            }
        },
        D::Record(fs, _) => {
            let mut result = success;
            for (_, ld, q) in fs.iter().rev() {
                let x = tr.fresh.var(&ld.name);
                let load = match ld.repr {
                    RecordRepr::Float => Lambda::Prim(P::FloatField(ld.pos), vec![vl.clone()]),
                    RecordRepr::Unboxed => vl.clone(),
                    RecordRepr::Extension => Lambda::Prim(P::Field(ld.pos + 1), vec![vl.clone()]),
                    _ => Lambda::Prim(P::Field(ld.pos), vec![vl.clone()]),
                };
                let inner = test(tr, q, &x, result, fail)?;
                result = Lambda::let_(x, load, inner);
            }
            result
        }
        D::Array(ps) => {
            let mut result = success;
            for (i, q) in ps.iter().enumerate().rev() {
                let x = tr.fresh.var("elt");
                let load = Lambda::Prim(P::ArrayRef(ArrayKind::Gen, false), vec![vl.clone(), Lambda::int(i as i64)]);
                let inner = test(tr, q, &x, result, fail)?;
                result = Lambda::let_(x, load, inner);
            }
            let len = Lambda::Prim(P::ArrayLength(ArrayKind::Gen), vec![vl]);
            Lambda::if_(Lambda::Prim(P::IntComp(Comparison::Eq), vec![len, Lambda::int(ps.len() as i64)]), result, exit(fail))
        }
        D::Or(a, b) => {
            let mut ids = Vec::new();
            pattern_vars(a, &mut ids);
            let vars: Vec<Var> = ids.iter().map(ident_var).collect();
            let succ = tr.fresh.label();
            let or_fail = tr.fresh.label();
            let jump = || Lambda::StaticRaise(succ, vars.iter().map(|x| Lambda::Var(x.clone())).collect());
            let left = test(tr, a, v, jump(), or_fail)?;
            let right = test(tr, b, v, jump(), fail)?;
            let tries = Lambda::StaticCatch(Box::new(left), or_fail, vec![], Box::new(right));
            Lambda::StaticCatch(Box::new(tries), succ, vars, Box::new(success))
        }
        D::Variant(tag, arg) => {
            let hash = Lambda::int(crate::typing::types::hash_variant(tag));
            match arg {
                None => Lambda::if_(Lambda::Prim(P::IntComp(Comparison::Eq), vec![vl, hash]), success, exit(fail)),
                Some(q) => {
                    let x = tr.fresh.var("arg");
                    let inner = Lambda::let_(x.clone(), Lambda::Prim(P::Field(1), vec![vl.clone()]), test(tr, q, &x, success, fail)?);
                    let same_tag = Lambda::Prim(P::IntComp(Comparison::Eq), vec![Lambda::Prim(P::Field(0), vec![vl.clone()]), hash]);
                    Lambda::if_(Lambda::Prim(P::IsInt, vec![vl]), exit(fail), Lambda::if_(same_tag, inner, exit(fail)))
                }
            }
        }
        D::Lazy(q) => {
            let x = tr.fresh.var("forced");
            let forced = tr.lazy_force(vl, &p.loc)?;
            Lambda::let_(x.clone(), forced, test(tr, q, &x, success, fail)?)
        }
    })
}

/// Test `ps` against fields `first..` of the block in `v`.
fn fields(tr: &mut Translator, v: &Var, ps: &[T::Pattern], first: usize, success: Lambda, fail: u32) -> R<Lambda> {
    let mut result = success;
    for (i, q) in ps.iter().enumerate().rev() {
        if matches!(q.desc, T::PatternDesc::Any) {
            continue;
        }
        let x = tr.fresh.var("field");
        let inner = test(tr, q, &x, result, fail)?;
        result = Lambda::let_(x, Lambda::Prim(P::Field(first + i), vec![Lambda::Var(v.clone())]), inner);
    }
    Ok(result)
}
