//! Local references that do not escape become mutable variables: in
//! `let r = ref e in body`, when `body` only reads (`!r`), writes (`r := x`) and increments
//! (`incr r`) `r`, outside any function and any `try` body (both are compiled as functions of
//! their own and could not see the variable), the cell is never allocated:
//! `LetMut(r, e, body')` with `Assign` for the writes.

use crate::lambda::{Function, Lambda, Mutability, Primitive, Switch, Var};
use std::rc::Rc;

/// Rewrite every convertible reference of `l`.
pub fn run(l: &Lambda) -> Lambda {
    rewrite(l)
}

fn rewrite(l: &Lambda) -> Lambda {
    let bx = |e: &Lambda| Box::new(rewrite(e));
    match l {
        Lambda::Let(v, def, body) => {
            if let Lambda::Prim(Primitive::MakeBlock(0, Mutability::Mutable), args) = &**def {
                if args.len() == 1 {
                    let body = rewrite(body);
                    if only_cell_uses(v, &body, false) {
                        return Lambda::LetMut(v.clone(), bx(&args[0]), Box::new(to_var(v, &body)));
                    }
                    return Lambda::Let(v.clone(), bx(def), Box::new(body));
                }
            }
            Lambda::Let(v.clone(), bx(def), bx(body))
        }
        Lambda::Var(_) | Lambda::Const(_) => l.clone(),
        Lambda::Apply(f, args) => Lambda::Apply(bx(f), args.iter().map(rewrite).collect()),
        Lambda::Function(f) => Lambda::Function(Rc::new(Function {
            params: f.params.clone(),
            body: rewrite(&f.body),
            name: f.name.clone(),
        })),
        Lambda::LetRec(binds, body) => {
            Lambda::LetRec(binds.iter().map(|(v, e)| (v.clone(), rewrite(e))).collect(), bx(body))
        }
        Lambda::Prim(p, args) => Lambda::Prim(p.clone(), args.iter().map(rewrite).collect()),
        Lambda::Switch(s, sw) => Lambda::Switch(bx(s), map_switch(sw, rewrite)),
        Lambda::StringSwitch(s, cases, d) => Lambda::StringSwitch(
            bx(s),
            cases.iter().map(|(k, e)| (k.clone(), rewrite(e))).collect(),
            d.as_deref().map(bx),
        ),
        Lambda::StaticRaise(n, args) => Lambda::StaticRaise(*n, args.iter().map(rewrite).collect()),
        Lambda::StaticCatch(a, n, vs, b) => Lambda::StaticCatch(bx(a), *n, vs.clone(), bx(b)),
        Lambda::TryWith(a, v, b) => Lambda::TryWith(bx(a), v.clone(), bx(b)),
        Lambda::IfThenElse(c, a, b) => Lambda::IfThenElse(bx(c), bx(a), bx(b)),
        Lambda::Sequence(a, b) => Lambda::Sequence(bx(a), bx(b)),
        Lambda::While(a, b) => Lambda::While(bx(a), bx(b)),
        Lambda::For(v, lo, hi, d, body) => Lambda::For(v.clone(), bx(lo), bx(hi), *d, bx(body)),
        Lambda::Assign(v, e) => Lambda::Assign(v.clone(), bx(e)),
        Lambda::LetMut(v, e, body) => Lambda::LetMut(v.clone(), bx(e), bx(body)),
        Lambda::Loc(d, e) => Lambda::Loc(d.clone(), bx(e)),
    }
}

fn map_switch(sw: &Switch, f: impl Fn(&Lambda) -> Lambda) -> Switch {
    Switch {
        consts: sw.consts.iter().map(|(n, e)| (*n, f(e))).collect(),
        blocks: sw.blocks.iter().map(|(t, e)| (*t, f(e))).collect(),
        default: sw.default.as_deref().map(|d| Box::new(f(d))),
    }
}

/// Whether the cell bound to `r` is only used through `!`, `:=` and `incr`/`decr` in `l`, and
/// never from inside a function or a `try` body (`hidden`).
fn only_cell_uses(r: &Var, l: &Lambda, hidden: bool) -> bool {
    let ok = |e: &Lambda| only_cell_uses(r, e, hidden);
    match l {
        Lambda::Var(v) => v != r,
        Lambda::Const(_) => true,
        Lambda::Prim(Primitive::Field(0) | Primitive::OffsetRef(_), args) if is_var(r, &args[..]) => !hidden,
        Lambda::Prim(Primitive::SetField(0, _), args) if args.len() == 2 && is_var(r, &args[..1]) => {
            !hidden && ok(&args[1])
        }
        Lambda::Prim(_, args) | Lambda::StaticRaise(_, args) => args.iter().all(ok),
        Lambda::Apply(f, args) => ok(f) && args.iter().all(ok),
        Lambda::Function(f) => only_cell_uses(r, &f.body, true),
        Lambda::Let(_, a, b) | Lambda::LetMut(_, a, b) => ok(a) && ok(b),
        Lambda::LetRec(binds, body) => binds.iter().all(|(_, e)| ok(e)) && ok(body),
        Lambda::Switch(s, sw) => {
            ok(s)
                && sw.consts.iter().all(|(_, e)| ok(e))
                && sw.blocks.iter().all(|(_, e)| ok(e))
                && sw.default.as_deref().map_or(true, ok)
        }
        Lambda::StringSwitch(s, cases, d) => ok(s) && cases.iter().all(|(_, e)| ok(e)) && d.as_deref().map_or(true, ok),
        Lambda::TryWith(body, _, handler) => only_cell_uses(r, body, true) && ok(handler),
        Lambda::StaticCatch(a, _, _, b) | Lambda::Sequence(a, b) | Lambda::While(a, b) => ok(a) && ok(b),
        Lambda::IfThenElse(c, a, b) => ok(c) && ok(a) && ok(b),
        Lambda::For(_, lo, hi, _, body) => ok(lo) && ok(hi) && ok(body),
        Lambda::Assign(v, e) => v != r && ok(e),
        Lambda::Loc(_, e) => ok(e),
    }
}

fn is_var(r: &Var, args: &[Lambda]) -> bool {
    matches!(args, [Lambda::Var(v)] if v == r)
}

/// Replace the cell operations on `r` by variable reads and assignments.
fn to_var(r: &Var, l: &Lambda) -> Lambda {
    let go = |e: &Lambda| to_var(r, e);
    let bx = |e: &Lambda| Box::new(to_var(r, e));
    match l {
        Lambda::Prim(Primitive::Field(0), args) if is_var(r, args) => Lambda::Var(r.clone()),
        Lambda::Prim(Primitive::OffsetRef(n), args) if is_var(r, args) => Lambda::Assign(
            r.clone(),
            Box::new(Lambda::Prim(Primitive::OffsetInt(*n), vec![Lambda::Var(r.clone())])),
        ),
        Lambda::Prim(Primitive::SetField(0, _), args) if args.len() == 2 && is_var(r, &args[..1]) => {
            Lambda::Assign(r.clone(), bx(&args[1]))
        }
        Lambda::Var(_) | Lambda::Const(_) | Lambda::Function(_) => l.clone(),
        Lambda::Prim(p, args) => Lambda::Prim(p.clone(), args.iter().map(go).collect()),
        Lambda::Apply(f, args) => Lambda::Apply(bx(f), args.iter().map(go).collect()),
        Lambda::Let(v, a, b) => Lambda::Let(v.clone(), bx(a), bx(b)),
        Lambda::LetMut(v, a, b) => Lambda::LetMut(v.clone(), bx(a), bx(b)),
        Lambda::LetRec(binds, body) => Lambda::LetRec(binds.iter().map(|(v, e)| (v.clone(), go(e))).collect(), bx(body)),
        Lambda::Switch(s, sw) => Lambda::Switch(bx(s), map_switch(sw, go)),
        Lambda::StringSwitch(s, cases, d) => Lambda::StringSwitch(
            bx(s),
            cases.iter().map(|(k, e)| (k.clone(), go(e))).collect(),
            d.as_deref().map(bx),
        ),
        Lambda::StaticRaise(n, args) => Lambda::StaticRaise(*n, args.iter().map(go).collect()),
        Lambda::StaticCatch(a, n, vs, b) => Lambda::StaticCatch(bx(a), *n, vs.clone(), bx(b)),
        // The body of a `try` does not use `r` (checked), only the handler may.
        Lambda::TryWith(a, v, b) => Lambda::TryWith(Box::new((**a).clone()), v.clone(), bx(b)),
        Lambda::IfThenElse(c, a, b) => Lambda::IfThenElse(bx(c), bx(a), bx(b)),
        Lambda::Sequence(a, b) => Lambda::Sequence(bx(a), bx(b)),
        Lambda::While(a, b) => Lambda::While(bx(a), bx(b)),
        Lambda::For(v, lo, hi, d, body) => Lambda::For(v.clone(), bx(lo), bx(hi), *d, bx(body)),
        Lambda::Assign(v, e) => Lambda::Assign(v.clone(), bx(e)),
        Lambda::Loc(d, e) => Lambda::Loc(d.clone(), bx(e)),
    }
}
