//! Clean-up of the static exits a match compilation created: a handler nothing jumps to is
//! dropped, and a handler jumped to from one place only replaces that jump (its parameters
//! bound by `let`), so the common single-leaf actions cost no jump.

use crate::lambda::{Lambda, Switch};
use std::collections::{HashMap, HashSet};

pub fn inline_single_exits(l: Lambda, labels: &[u32]) -> Lambda {
    let set: HashSet<u32> = labels.iter().copied().collect();
    let mut counts = HashMap::new();
    count(&l, &set, &mut counts);
    let mut pending = HashMap::new();
    rewrite(l, &set, &counts, &mut pending)
}

fn count(l: &Lambda, set: &HashSet<u32>, counts: &mut HashMap<u32, usize>) {
    if let Lambda::StaticRaise(lbl, _) = l {
        if set.contains(lbl) {
            *counts.entry(*lbl).or_default() += 1;
        }
    }
    for_each_child(l, &mut |c| count(c, set, counts));
}

type Pending = HashMap<u32, (Vec<crate::lambda::Var>, Lambda)>;

fn rewrite(l: Lambda, set: &HashSet<u32>, counts: &HashMap<u32, usize>, pending: &mut Pending) -> Lambda {
    match l {
        Lambda::StaticCatch(body, lbl, vars, handler) if set.contains(&lbl) => match counts.get(&lbl).copied().unwrap_or(0) {
            0 => rewrite(*body, set, counts, pending),
            1 => {
                let h = rewrite(*handler, set, counts, pending);
                pending.insert(lbl, (vars, h));
                rewrite(*body, set, counts, pending)
            }
            _ => Lambda::StaticCatch(
                Box::new(rewrite(*body, set, counts, pending)),
                lbl,
                vars,
                Box::new(rewrite(*handler, set, counts, pending)),
            ),
        },
        Lambda::StaticRaise(lbl, args) if pending.contains_key(&lbl) => {
            let (vars, h) = pending.remove(&lbl).expect("checked above");
            let args: Vec<Lambda> = args.into_iter().map(|a| rewrite(a, set, counts, pending)).collect();
            vars.into_iter().zip(args).rev().fold(h, |acc, (v, a)| Lambda::let_(v, a, acc))
        }
        other => map_children(other, &mut |c| rewrite(c, set, counts, pending)),
    }
}

/// Calls `f` on each direct sub-expression (not inside functions: exits never cross them).
fn for_each_child(l: &Lambda, f: &mut impl FnMut(&Lambda)) {
    match l {
        Lambda::Var(_) | Lambda::Const(_) | Lambda::Function(_) => {}
        Lambda::Apply(g, args) => {
            f(g);
            args.iter().for_each(f);
        }
        Lambda::Let(_, a, b) | Lambda::LetMut(_, a, b) | Lambda::Sequence(a, b) | Lambda::While(a, b) => {
            f(a);
            f(b);
        }
        Lambda::LetRec(binds, body) => {
            binds.iter().for_each(|(_, e)| f(e));
            f(body);
        }
        Lambda::Prim(_, args) | Lambda::StaticRaise(_, args) => args.iter().for_each(f),
        Lambda::Switch(s, sw) => {
            f(s);
            sw.consts.iter().for_each(|(_, e)| f(e));
            sw.blocks.iter().for_each(|(_, e)| f(e));
            if let Some(d) = &sw.default {
                f(d);
            }
        }
        Lambda::StringSwitch(s, cases, d) => {
            f(s);
            cases.iter().for_each(|(_, e)| f(e));
            if let Some(d) = d {
                f(d);
            }
        }
        Lambda::StaticCatch(a, _, _, b) | Lambda::TryWith(a, _, b) => {
            f(a);
            f(b);
        }
        Lambda::IfThenElse(c, a, b) => {
            f(c);
            f(a);
            f(b);
        }
        Lambda::For(_, lo, hi, _, body) => {
            f(lo);
            f(hi);
            f(body);
        }
        Lambda::Assign(_, e) | Lambda::Loc(_, e) => f(e),
    }
}

/// Rebuilds `l` with `f` applied to each direct sub-expression (functions left as they are).
fn map_children(l: Lambda, f: &mut impl FnMut(Lambda) -> Lambda) -> Lambda {
    let bx = |e: Box<Lambda>, f: &mut dyn FnMut(Lambda) -> Lambda| Box::new(f(*e));
    match l {
        Lambda::Var(_) | Lambda::Const(_) | Lambda::Function(_) => l,
        Lambda::Apply(g, args) => Lambda::Apply(bx(g, f), args.into_iter().map(&mut *f).collect()),
        Lambda::Let(v, a, b) => Lambda::Let(v, bx(a, f), bx(b, f)),
        Lambda::LetMut(v, a, b) => Lambda::LetMut(v, bx(a, f), bx(b, f)),
        Lambda::Sequence(a, b) => Lambda::Sequence(bx(a, f), bx(b, f)),
        Lambda::While(a, b) => Lambda::While(bx(a, f), bx(b, f)),
        Lambda::LetRec(binds, body) => {
            Lambda::LetRec(binds.into_iter().map(|(v, e)| (v, f(e))).collect(), bx(body, f))
        }
        Lambda::Prim(p, args) => Lambda::Prim(p, args.into_iter().map(&mut *f).collect()),
        Lambda::StaticRaise(lbl, args) => Lambda::StaticRaise(lbl, args.into_iter().map(&mut *f).collect()),
        Lambda::Switch(s, sw) => {
            let s = bx(s, f);
            let consts = sw.consts.into_iter().map(|(n, e)| (n, f(e))).collect();
            let blocks = sw.blocks.into_iter().map(|(t, e)| (t, f(e))).collect();
            let default = sw.default.map(|d| bx(d, f));
            Lambda::Switch(s, Switch { consts, blocks, default })
        }
        Lambda::StringSwitch(s, cases, d) => {
            let s = bx(s, f);
            let cases = cases.into_iter().map(|(k, e)| (k, f(e))).collect();
            Lambda::StringSwitch(s, cases, d.map(|d| bx(d, f)))
        }
        Lambda::StaticCatch(a, lbl, vars, b) => Lambda::StaticCatch(bx(a, f), lbl, vars, bx(b, f)),
        Lambda::TryWith(a, v, b) => Lambda::TryWith(bx(a, f), v, bx(b, f)),
        Lambda::IfThenElse(c, a, b) => Lambda::IfThenElse(bx(c, f), bx(a, f), bx(b, f)),
        Lambda::For(v, lo, hi, dir, body) => Lambda::For(v, bx(lo, f), bx(hi, f), dir, bx(body, f)),
        Lambda::Assign(v, e) => Lambda::Assign(v, bx(e, f)),
        Lambda::Loc(d, e) => Lambda::Loc(d, bx(e, f)),
    }
}
