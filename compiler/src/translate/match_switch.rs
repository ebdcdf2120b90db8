//! Emission of the tests of the match compiler: switches on immediates and block tags, string
//! switches (on the length, then a binary search with string comparison), equality cascades for
//! the constants that have no switch (floats, boxed integers).
//!
//! `default` arguments are always a static exit (cheap to copy); they may appear several times.

use crate::lambda::{BoxedInt, BoxedOp, Comparison, Constant, Fresh, Lambda, Primitive as P, Switch, Var};
use std::rc::Rc;

fn var(v: &Var) -> Lambda {
    Lambda::Var(v.clone())
}

/// A switch on immediates: `scrut` is an int (tagged) value.
pub fn int_switch(scrut: Lambda, consts: Vec<(i64, Lambda)>, default: Option<Lambda>) -> Lambda {
    Lambda::Switch(Box::new(scrut), Switch { consts, blocks: vec![], default: default.map(Box::new) })
}

/// Which values of a kind (immediates, blocks) can reach a constructor switch, and whether
/// its cases cover all of those.
#[derive(Clone, Copy)]
pub struct Reach {
    pub possible: bool,
    pub covered: bool,
}

/// A switch on the constructors of a variant type held in `v`. When both immediates and
/// blocks can reach it but only one kind has cases, an explicit `isint` test sends the other
/// kind to the default (a Switch with cases of one kind assumes values of that kind).
pub fn constructor_switch(
    v: &Var,
    consts: Vec<(i64, Lambda)>,
    blocks: Vec<(u8, Lambda)>,
    default: Option<Lambda>,
    ints: Reach,
    ptrs: Reach,
) -> Lambda {
    if ints.possible && ptrs.possible && !consts.is_empty() && !blocks.is_empty() {
        let d = if ints.covered && ptrs.covered { None } else { default };
        return Lambda::Switch(Box::new(var(v)), Switch { consts, blocks, default: d.map(Box::new) });
    }
    let on_int = one_kind(v, consts, vec![], ints, &default);
    let on_block = one_kind(v, vec![], blocks, ptrs, &default);
    match (ints.possible, ptrs.possible) {
        (true, true) => Lambda::if_(Lambda::Prim(P::IsInt, vec![var(v)]), on_int, on_block),
        (true, false) => on_int,
        _ => on_block,
    }
}

/// The cases of one kind: a single covering case needs no test.
fn one_kind(v: &Var, consts: Vec<(i64, Lambda)>, blocks: Vec<(u8, Lambda)>, reach: Reach, default: &Option<Lambda>) -> Lambda {
    let d = if reach.covered { None } else { default.clone() };
    if consts.len() + blocks.len() == 1 && d.is_none() {
        return consts.into_iter().map(|(_, a)| a).chain(blocks.into_iter().map(|(_, a)| a)).next().unwrap_or(crate::lambda::UNIT);
    }
    if consts.is_empty() && blocks.is_empty() {
        return d.unwrap_or(crate::lambda::UNIT);
    }
    Lambda::Switch(Box::new(var(v)), Switch { consts, blocks, default: d.map(Box::new) })
}

/// `if v = c1 then a1 else if v = c2 then ... else default` for constants without a switch.
pub fn equality_cascade(v: &Var, arms: Vec<(Constant, Lambda)>, default: Lambda) -> Lambda {
    let mut result = default;
    for (c, arm) in arms.into_iter().rev() {
        let test = match &c {
            Constant::Float(_) => Lambda::Prim(P::FloatComp(Comparison::Eq), vec![var(v), Lambda::Const(c)]),
            Constant::Int32(_) => boxed_eq(BoxedInt::Int32, v, c),
            Constant::Int64(_) => boxed_eq(BoxedInt::Int64, v, c),
            Constant::Nativeint(_) => boxed_eq(BoxedInt::Nativeint, v, c),
            Constant::String(_) => string_call("caml_string_equal", v, c),
            _ => Lambda::Prim(P::IntComp(Comparison::Eq), vec![var(v), Lambda::Const(c)]),
        };
        result = Lambda::if_(test, arm, result);
    }
    result
}

fn boxed_eq(k: BoxedInt, v: &Var, c: Constant) -> Lambda {
    Lambda::Prim(P::BoxedOp(k, BoxedOp::Comp(Comparison::Eq)), vec![var(v), Lambda::Const(c)])
}

fn string_call(name: &str, v: &Var, s: Constant) -> Lambda {
    Lambda::Prim(P::CCall { name: name.into(), arity: 2, alloc: false }, vec![var(v), Lambda::Const(s)])
}

/// Up to this many strings of one length are compared one by one; more are binary-searched.
const LINEAR_STRINGS: usize = 3;

/// A switch on the string in `v`: a switch on its length, then among the strings of that
/// length a binary search on `caml_string_compare`, ending with equality tests.
pub fn string_switch(fresh: &mut Fresh, v: &Var, mut arms: Vec<(Rc<[u8]>, Lambda)>, default: Lambda) -> Lambda {
    arms.sort_by(|a, b| (a.0.len(), &a.0).cmp(&(b.0.len(), &b.0)));
    let mut by_len: Vec<(i64, Vec<(Rc<[u8]>, Lambda)>)> = Vec::new();
    for (s, arm) in arms {
        match by_len.last_mut() {
            Some((n, group)) if *n == s.len() as i64 => group.push((s, arm)),
            _ => by_len.push((s.len() as i64, vec![(s, arm)])),
        }
    }
    let cases = by_len.into_iter().map(|(n, group)| (n, same_length(fresh, v, group, &default))).collect();
    let len = Lambda::Prim(P::StringLength, vec![var(v)]);
    int_switch(len, cases, Some(default))
}

/// Among strings of the same length, sorted.
fn same_length(fresh: &mut Fresh, v: &Var, mut arms: Vec<(Rc<[u8]>, Lambda)>, default: &Lambda) -> Lambda {
    if arms.len() <= LINEAR_STRINGS {
        let arms = arms.into_iter().map(|(s, a)| (Constant::String(s), a)).collect();
        return equality_cascade(v, arms, default.clone());
    }
    let upper = arms.split_off(arms.len() / 2 + 1);
    let (pivot, hit) = arms.pop().expect("at least one string below the middle");
    let lower = arms;
    let c = fresh.var("cmp");
    let cmp = string_call("caml_string_compare", v, Constant::String(pivot));
    let is = |op, n| Lambda::Prim(P::IntComp(op), vec![var(&c), Lambda::int(n)]);
    let body = Lambda::if_(
        is(Comparison::Eq, 0),
        hit,
        Lambda::if_(
            is(Comparison::Lt, 0),
            same_length(fresh, v, lower, default),
            same_length(fresh, v, upper, default),
        ),
    );
    Lambda::let_(c, cmp, body)
}
