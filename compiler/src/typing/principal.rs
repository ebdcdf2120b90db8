//! `-principal`: knowing which type information is principal.
//!
//! OCaml's principal mode keeps the structure of annotations, of scrutinees, of record
//! expressions and of applied functions at its generic level, and copies it each time it is
//! unified with something else; information that reached a type through unification only is
//! then at an ordinary level, and type-directed choices made from it are reported (warning 18).
//! Our typer does not move those types to the generic level: it records the same nodes in a
//! side set ("known" nodes) instead, and copies known structure where OCaml instantiates the
//! expected type. Types themselves are unchanged, so principal mode cannot change what is
//! accepted; it only decides the warnings. Everything here is reached only when the flag is
//! on, so the ordinary typer pays one flag test.

use super::clflags;
use super::ctype;
use super::env::Env;
use super::types::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;

thread_local! {
    static KNOWN: RefCell<FxHashSet<TypeExpr>> = RefCell::new(FxHashSet::default());
}

/// Is principal mode on (`-principal`, `#principal true`)?
pub fn on() -> bool {
    clflags::principal()
}

/// Where a typing step started: nodes made after it, and not lowered below its level, are
/// the step's own structure.
#[derive(Clone, Copy)]
pub struct Start {
    first_node: u32,
    level: i32,
}

pub fn start() -> Start {
    Start { first_node: next_node_index(), level: ctype::current_level() }
}

/// Can this node carry known structure? Variables never do (OCaml keeps them at their
/// level); rows (open objects, polymorphic variants) and `Poly` nodes are shared, not copied.
fn is_structure(d: &TypeDesc) -> bool {
    match d {
        TypeDesc::Arrow(..) | TypeDesc::Tuple(..) | TypeDesc::Constr(..) | TypeDesc::Package(..) => true,
        TypeDesc::Object(m) => m.closed,
        _ => false,
    }
}

/// Records as known the structure of `t` made since `s` (OCaml's `generalize_structure` after
/// typing at a deeper level). Older nodes, and nodes unified with older variables (whose level
/// was lowered), are left as they are.
pub fn mark_new(t: TypeExpr, s: Start) {
    let mut stack = vec![t];
    KNOWN.with(|k| {
        let mut k = k.borrow_mut();
        while let Some(t) = stack.pop() {
            let t = repr(t);
            if t.index() < s.first_node || k.contains(&t) {
                continue;
            }
            let l = level(t);
            if l < s.level || l == GENERIC_LEVEL {
                continue;
            }
            let d = desc(t);
            if !is_structure(&d) {
                // Variables stay unknown but come up to the current level, as OCaml's
                // `generalize_structure` leaves them.
                if matches!(d, TypeDesc::Var(_)) && l > ctype::current_level() {
                    ctype::update_level_to(t, ctype::current_level());
                }
                continue;
            }
            k.insert(t);
            children(&d, &mut stack);
        }
    });
}

fn children(d: &TypeDesc, out: &mut Vec<TypeExpr>) {
    match d {
        TypeDesc::Arrow(_, a, b) => out.extend([*a, *b]),
        TypeDesc::Tuple(ts) | TypeDesc::Constr(_, ts) | TypeDesc::Package(_, _, ts) => out.extend(ts.iter().copied()),
        TypeDesc::Object(m) => out.extend(m.fields.iter().map(|(_, t)| *t)),
        _ => {}
    }
}

/// Is the head of `t` known (principal)? Always true when principal mode is off.
pub fn known(t: TypeExpr) -> bool {
    if !on() {
        return true;
    }
    let t = repr(t);
    KNOWN.with(|k| k.borrow().contains(&t))
}

/// `known`, looking through an abbreviation too (its expansion is as known as its name).
pub fn known_head(env: &Env, t: TypeExpr) -> bool {
    known(t) || known(ctype::expand_head(env, t))
}

/// A copy of the known structure of `t`, sharing everything else: what is unified with an
/// expected type, so that the known nodes themselves never become reachable from types that
/// learnt them by unification (OCaml's `instance ty_expected`).
pub fn instance(t: TypeExpr) -> TypeExpr {
    if !on() || !known(t) {
        return t;
    }
    let mut memo = FxHashMap::default();
    copy(t, &mut memo)
}

fn copy(t: TypeExpr, memo: &mut FxHashMap<TypeExpr, TypeExpr>) -> TypeExpr {
    let t = repr(t);
    if !KNOWN.with(|k| k.borrow().contains(&t)) {
        return t;
    }
    if let Some(c) = memo.get(&t) {
        return *c;
    }
    // Made at the current level, as OCaml's instances are: new for the step under way.
    let placeholder = new_ty(TypeDesc::Var(None), ctype::current_level());
    memo.insert(t, placeholder);
    let nd = match desc(t) {
        TypeDesc::Arrow(l, a, b) => {
            let a = copy(a, memo);
            TypeDesc::Arrow(l, a, copy(b, memo))
        }
        TypeDesc::Tuple(ts) => TypeDesc::Tuple(ts.iter().map(|t| copy(*t, memo)).collect()),
        TypeDesc::Constr(p, ts) => TypeDesc::Constr(p, ts.iter().map(|t| copy(*t, memo)).collect()),
        TypeDesc::Package(p, ns, ts) => TypeDesc::Package(p, ns, ts.iter().map(|t| copy(*t, memo)).collect()),
        TypeDesc::Object(m) => TypeDesc::Object(std::rc::Rc::new(m.map_types(|t| copy(t, memo)))),
        d => d,
    };
    set_desc(placeholder, nd);
    placeholder
}

/// What the body of a match case is typed against (OCaml's partial instance of the result
/// type): the known structure of `t`, copied and still known, with a fresh variable for
/// everything else, so that what earlier cases taught the result type cannot guide this one.
/// The body's type is unified with `t` afterwards.
pub fn case_result(t: TypeExpr) -> TypeExpr {
    let mut memo = FxHashMap::default();
    let copy = forget(t, &mut memo);
    KNOWN.with(|k| k.borrow_mut().extend(memo.values().copied().filter(|c| is_structure(&desc(*c)))));
    copy
}

fn forget(t: TypeExpr, memo: &mut FxHashMap<TypeExpr, TypeExpr>) -> TypeExpr {
    let t = repr(t);
    if let Some(c) = memo.get(&t) {
        return *c;
    }
    if !KNOWN.with(|k| k.borrow().contains(&t)) {
        // Polymorphic parts (universal variables) are kept, as OCaml does.
        let has_univars = walk_nodes(t, |_, d| match d {
            TypeDesc::Univar(_) | TypeDesc::Poly(..) => Walk::Stop,
            _ => Walk::Descend,
        });
        return if has_univars { t } else { ctype::newvar() };
    }
    let placeholder = ctype::newvar();
    memo.insert(t, placeholder);
    let nd = match desc(t) {
        TypeDesc::Arrow(l, a, b) => {
            let a = forget(a, memo);
            TypeDesc::Arrow(l, a, forget(b, memo))
        }
        TypeDesc::Tuple(ts) => TypeDesc::Tuple(ts.iter().map(|t| forget(*t, memo)).collect()),
        TypeDesc::Constr(p, ts) => TypeDesc::Constr(p, ts.iter().map(|t| forget(*t, memo)).collect()),
        TypeDesc::Package(p, ns, ts) => TypeDesc::Package(p, ns, ts.iter().map(|t| forget(*t, memo)).collect()),
        TypeDesc::Object(m) => TypeDesc::Object(std::rc::Rc::new(m.map_types(|t| forget(t, memo)))),
        d => d,
    };
    set_desc(placeholder, nd);
    placeholder
}

/// `(e :> t)` with no source type, `e`'s type not known, both types ground, and a subtyping
/// needed beyond what unifying with `t` opened in its covariant parts allows (OCaml's "single
/// coercion"): the coercion is not principal.
pub fn ground_coercion_not_principal(env: &Env, source: TypeExpr, target: TypeExpr) -> bool {
    if known(source) || !ctype::free_variables(source).is_empty() || !ctype::free_variables(target).is_empty() {
        return false;
    }
    let snap = snapshot();
    let single = ctype::unify(env, source, enlarge(env, target, &mut FxHashSet::default())).is_ok();
    backtrack(snap);
    !single
}

/// `t` with its closed object types and polymorphic variants opened where they are covariant.
fn enlarge(env: &Env, t: TypeExpr, seen: &mut FxHashSet<TypeExpr>) -> TypeExpr {
    let t = repr(t);
    if !seen.insert(t) {
        return t;
    }
    let d = match desc(ctype::expand_head(env, t)) {
        TypeDesc::Object(m) if m.closed => TypeDesc::Object(std::rc::Rc::new(Methods { fields: m.fields.clone(), closed: false })),
        TypeDesc::Variant(row) if row.closed && row.fields.iter().all(|(_, f)| matches!(f, RowField::Present(_))) => {
            let fields = row
                .fields
                .iter()
                .map(|(l, f)| {
                    let f = match f {
                        RowField::Present(None) => RowField::Either(true, std::rc::Rc::from(vec![]), false),
                        RowField::Present(Some(a)) => RowField::Either(false, std::rc::Rc::from(vec![*a]), false),
                        f => f.clone(),
                    };
                    (l.clone(), f)
                })
                .collect();
            TypeDesc::Variant(std::rc::Rc::new(Row { fields, closed: true, name: None }))
        }
        TypeDesc::Arrow(l, a, b) => TypeDesc::Arrow(l, a, enlarge(env, b, seen)),
        TypeDesc::Tuple(ts) => TypeDesc::Tuple(ts.iter().map(|x| enlarge(env, *x, seen)).collect()),
        TypeDesc::Constr(p, args) if !args.is_empty() => {
            let variance = env.find_type(&p).map(|d| d.variance.clone()).unwrap_or_default();
            let args = args.iter().enumerate().map(|(i, a)| if variance.get(i) == Some(&(true, false)) { enlarge(env, *a, seen) } else { *a }).collect();
            TypeDesc::Constr(p, args)
        }
        _ => return t,
    };
    ctype::newty(d)
}
