//! Inlining of small known functions, on Lambda before closure conversion.
//!
//! In `let f = fun x y -> body in ... f a b ...`, a full application of `f` whose body is small
//! becomes `let x' = a in let y' = b in body'`, where `body'` is a copy of the body with every
//! variable and static-exit label it binds renamed (so each copy binds its own). Only
//! non-recursive `let`-bound functions are inlined, and a body is copied after the calls inside
//! it were inlined, so the expansion always stops. Doing it before closure conversion means the
//! free variables of the inlined body simply become free variables of the caller (they are in
//! scope there: `let` scoping is lexical and stamps are unique).
//!
//! What it buys: no call, no closure argument, and the body's arithmetic meets the caller's
//! (a float result is not boxed to be returned and unboxed again: `spectral_norm`'s `a i j`).

use crate::lambda::{Fresh, Function, Lambda, Primitive, Switch, Var};
use std::collections::HashMap;
use std::rc::Rc;

/// Largest body (in `size` units) that is copied into its callers.
const MAX_SIZE: usize = 30;

/// Small functions without free variables that earlier toplevel phrases stored in their global
/// blocks, by (block symbol, field): a later phrase reads them as `Field(i, Global(sym))` and
/// can inline them like its own.
#[derive(Default)]
pub struct GlobalFunctions(HashMap<(Rc<str>, usize), Rc<Function>>);

impl GlobalFunctions {
    /// Remember the small closed functions `l` (a phrase, after inlining) stores in globals.
    pub fn record(&mut self, l: &Lambda) {
        let mut funs: HashMap<Var, Rc<Function>> = HashMap::new();
        visit(l, &mut |e| match e {
            Lambda::Let(v, def, _) => {
                if let Lambda::Function(f) = &**def {
                    if inlinable(f) && super::closure::free_vars(def).is_empty() {
                        funs.insert(v.clone(), f.clone());
                    }
                }
            }
            Lambda::Prim(Primitive::SetField(i, _), args) => {
                if let [Lambda::Prim(Primitive::Global(sym), g), Lambda::Var(v)] = &args[..] {
                    if let (true, Some(f)) = (g.is_empty(), funs.get(v)) {
                        self.0.insert((sym.clone(), *i), f.clone());
                    }
                }
            }
            _ => {}
        });
    }

    fn get(&self, l: &Lambda) -> Option<Rc<Function>> {
        match l {
            Lambda::Prim(Primitive::Field(i), args) => match &args[..] {
                [Lambda::Prim(Primitive::Global(sym), g)] if g.is_empty() => self.0.get(&(sym.clone(), *i)).cloned(),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Inline the small known functions of `l`.
pub fn run(l: &Lambda, fresh: &mut Fresh) -> Lambda {
    run_with_globals(l, fresh, &GlobalFunctions::default())
}

/// Inline the small known functions of `l`, and those of `globals` it calls.
pub fn run_with_globals(l: &Lambda, fresh: &mut Fresh, globals: &GlobalFunctions) -> Lambda {
    Inliner { fresh, known: HashMap::new(), globals }.expr(l)
}

struct Inliner<'a> {
    fresh: &'a mut Fresh,
    /// `let`-bound functions small enough to copy, by the variable they are bound to.
    known: HashMap<Var, Rc<Function>>,
    globals: &'a GlobalFunctions,
}

impl Inliner<'_> {
    fn exprs(&mut self, es: &[Lambda]) -> Vec<Lambda> {
        es.iter().map(|e| self.expr(e)).collect()
    }

    fn bx(&mut self, e: &Lambda) -> Box<Lambda> {
        Box::new(self.expr(e))
    }

    fn function(&mut self, f: &Function) -> Rc<Function> {
        Rc::new(Function { params: f.params.clone(), body: self.expr(&f.body), name: f.name.clone() })
    }

    fn expr(&mut self, l: &Lambda) -> Lambda {
        match l {
            Lambda::Let(v, def, body) => {
                if let Lambda::Function(f) = &**def {
                    let f = self.function(f);
                    if inlinable(&f) {
                        self.known.insert(v.clone(), f.clone());
                    }
                    let body = self.expr(body);
                    self.known.remove(v);
                    // A local function whose every use was inlined needs no closure.
                    if !occurs(v, &body) {
                        return body;
                    }
                    return Lambda::Let(v.clone(), Box::new(Lambda::Function(f)), Box::new(body));
                }
                Lambda::Let(v.clone(), self.bx(def), self.bx(body))
            }
            Lambda::Apply(g, args) => {
                let args = self.exprs(args);
                let known = match &**g {
                    Lambda::Var(v) => self.known.get(v).cloned(),
                    other => self.globals.get(other),
                };
                if let Some(f) = known {
                    if args.len() >= f.params.len() {
                        let mut args = args;
                        let rest = args.split_off(f.params.len());
                        let inlined = self.instantiate(&f, args);
                        return if rest.is_empty() { inlined } else { Lambda::Apply(Box::new(inlined), rest) };
                    }
                }
                Lambda::Apply(self.bx(g), args)
            }
            Lambda::Var(_) | Lambda::Const(_) => l.clone(),
            Lambda::Function(f) => Lambda::Function(self.function(f)),
            Lambda::LetRec(binds, body) => {
                let binds = binds.iter().map(|(v, e)| (v.clone(), self.expr(e))).collect();
                Lambda::LetRec(binds, self.bx(body))
            }
            Lambda::Prim(p, args) => Lambda::Prim(p.clone(), self.exprs(args)),
            Lambda::Switch(s, sw) => {
                let s = self.bx(s);
                Lambda::Switch(s, map_switch(sw, &mut |e| self.expr(e)))
            }
            Lambda::StringSwitch(s, cases, d) => Lambda::StringSwitch(
                self.bx(s),
                cases.iter().map(|(k, e)| (k.clone(), self.expr(e))).collect(),
                d.as_deref().map(|d| self.bx(d)),
            ),
            Lambda::StaticRaise(n, args) => Lambda::StaticRaise(*n, self.exprs(args)),
            Lambda::StaticCatch(a, n, vs, b) => Lambda::StaticCatch(self.bx(a), *n, vs.clone(), self.bx(b)),
            Lambda::TryWith(a, v, b) => Lambda::TryWith(self.bx(a), v.clone(), self.bx(b)),
            Lambda::IfThenElse(c, a, b) => Lambda::IfThenElse(self.bx(c), self.bx(a), self.bx(b)),
            Lambda::Sequence(a, b) => Lambda::Sequence(self.bx(a), self.bx(b)),
            Lambda::While(a, b) => Lambda::While(self.bx(a), self.bx(b)),
            Lambda::For(v, lo, hi, d, body) => Lambda::For(v.clone(), self.bx(lo), self.bx(hi), *d, self.bx(body)),
            Lambda::Assign(v, e) => Lambda::Assign(v.clone(), self.bx(e)),
            Lambda::LetMut(v, e, body) => Lambda::LetMut(v.clone(), self.bx(e), self.bx(body)),
            Lambda::Loc(d, e) => Lambda::Loc(d.clone(), self.bx(e)),
        }
    }

    /// The body of `f` applied to `args` (as many as its parameters): arguments that are
    /// variables or constants are substituted, the others bound first, right to left as
    /// OCaml evaluates arguments.
    fn instantiate(&mut self, f: &Function, args: Vec<Lambda>) -> Lambda {
        let mut r = Renamer { fresh: self.fresh, vars: HashMap::new(), labels: HashMap::new() };
        let mut lets = Vec::new();
        for (p, a) in f.params.iter().zip(args) {
            match a {
                Lambda::Var(_) | Lambda::Const(_) => {
                    r.vars.insert(p.clone(), a);
                }
                _ => {
                    let v = r.fresh.var(&p.name);
                    r.vars.insert(p.clone(), Lambda::Var(v.clone()));
                    lets.push((v, a));
                }
            }
        }
        let body = r.copy(&f.body);
        // `lets` is in parameter order; the last argument is evaluated first (outermost).
        lets.into_iter().fold(body, |acc, (v, a)| Lambda::let_(v, a, acc))
    }
}

/// Is `f` worth copying into its callers, and safe to copy?
fn inlinable(f: &Function) -> bool {
    let mut budget = MAX_SIZE as isize;
    fits(&f.body, &mut budget)
}

/// Counts the nodes of `l` against `budget`; false when it runs out or `l` holds something
/// that is not copied (functions: a copy would be a new closure per call site).
fn fits(l: &Lambda, budget: &mut isize) -> bool {
    *budget -= 1;
    if *budget < 0 {
        return false;
    }
    fn all<'l>(es: impl IntoIterator<Item = &'l Lambda>, budget: &mut isize) -> bool {
        es.into_iter().all(|e| fits(e, budget))
    }
    match l {
        Lambda::Var(_) | Lambda::Const(_) => true,
        Lambda::Function(_) | Lambda::LetRec(..) => false,
        Lambda::Apply(g, args) => fits(g, budget) && all(args, budget),
        Lambda::Prim(_, args) | Lambda::StaticRaise(_, args) => all(args, budget),
        Lambda::Let(_, a, b)
        | Lambda::LetMut(_, a, b)
        | Lambda::Sequence(a, b)
        | Lambda::While(a, b)
        | Lambda::StaticCatch(a, _, _, b)
        | Lambda::TryWith(a, _, b) => fits(a, budget) && fits(b, budget),
        Lambda::IfThenElse(c, a, b) | Lambda::For(_, c, a, _, b) => fits(c, budget) && fits(a, budget) && fits(b, budget),
        Lambda::Assign(_, e) => fits(e, budget),
        // A call or raise with a debug location: a copy would lose its frame in backtraces
        // (OCaml prints inlined frames; we do not record them yet). A division by a nonzero
        // constant never raises, so its location does not matter.
        Lambda::Loc(_, e) => match &**e {
            Lambda::Prim(Primitive::DivInt | Primitive::ModInt, args)
                if matches!(args.get(1), Some(Lambda::Const(crate::lambda::Constant::Int(n))) if *n != 0) =>
            {
                fits(e, budget)
            }
            _ => false,
        },
        Lambda::Switch(s, sw) => {
            fits(s, budget)
                && all(sw.consts.iter().map(|(_, e)| e), budget)
                && all(sw.blocks.iter().map(|(_, e)| e), budget)
                && sw.default.as_deref().map_or(true, |d| fits(d, budget))
        }
        Lambda::StringSwitch(s, cases, d) => {
            fits(s, budget) && all(cases.iter().map(|(_, e)| e), budget) && d.as_deref().map_or(true, |d| fits(d, budget))
        }
    }
}

/// Does `v` occur in `l`?
fn occurs(v: &Var, l: &Lambda) -> bool {
    let mut found = false;
    visit(l, &mut |e| {
        if let Lambda::Var(x) | Lambda::Assign(x, _) = e {
            found |= x == v;
        }
    });
    found
}

/// Calls `f` on `l` and on every sub-expression, function bodies included.
fn visit(l: &Lambda, f: &mut impl FnMut(&Lambda)) {
    f(l);
    match l {
        Lambda::Var(_) | Lambda::Const(_) => {}
        Lambda::Function(fun) => visit(&fun.body, f),
        Lambda::Apply(g, args) => {
            visit(g, f);
            args.iter().for_each(|a| visit(a, f));
        }
        Lambda::LetRec(binds, body) => {
            binds.iter().for_each(|(_, e)| visit(e, f));
            visit(body, f);
        }
        Lambda::Prim(_, args) | Lambda::StaticRaise(_, args) => args.iter().for_each(|a| visit(a, f)),
        Lambda::Let(_, a, b)
        | Lambda::LetMut(_, a, b)
        | Lambda::Sequence(a, b)
        | Lambda::While(a, b)
        | Lambda::StaticCatch(a, _, _, b)
        | Lambda::TryWith(a, _, b) => {
            visit(a, f);
            visit(b, f);
        }
        Lambda::IfThenElse(c, a, b) | Lambda::For(_, c, a, _, b) => {
            visit(c, f);
            visit(a, f);
            visit(b, f);
        }
        Lambda::Assign(_, e) | Lambda::Loc(_, e) => visit(e, f),
        Lambda::Switch(s, sw) => {
            visit(s, f);
            sw.consts.iter().for_each(|(_, e)| visit(e, f));
            sw.blocks.iter().for_each(|(_, e)| visit(e, f));
            if let Some(d) = &sw.default {
                visit(d, f);
            }
        }
        Lambda::StringSwitch(s, cases, d) => {
            visit(s, f);
            cases.iter().for_each(|(_, e)| visit(e, f));
            if let Some(d) = d {
                visit(d, f);
            }
        }
    }
}

fn map_switch(sw: &Switch, f: &mut dyn FnMut(&Lambda) -> Lambda) -> Switch {
    Switch {
        consts: sw.consts.iter().map(|(n, e)| (*n, f(e))).collect(),
        blocks: sw.blocks.iter().map(|(t, e)| (*t, f(e))).collect(),
        default: sw.default.as_deref().map(|d| Box::new(f(d))),
    }
}

/// Copies a function body, giving every variable and label it binds a fresh name.
struct Renamer<'a> {
    fresh: &'a mut Fresh,
    /// Parameters (to their arguments) and the variables bound inside (to their new names).
    vars: HashMap<Var, Lambda>,
    labels: HashMap<u32, u32>,
}

impl Renamer<'_> {
    fn bind(&mut self, v: &Var) -> Var {
        let nv = self.fresh.var(&v.name);
        self.vars.insert(v.clone(), Lambda::Var(nv.clone()));
        nv
    }

    fn var(&self, v: &Var) -> Var {
        match self.vars.get(v) {
            Some(Lambda::Var(x)) => x.clone(),
            _ => v.clone(),
        }
    }

    fn bx(&mut self, e: &Lambda) -> Box<Lambda> {
        Box::new(self.copy(e))
    }

    fn copies(&mut self, es: &[Lambda]) -> Vec<Lambda> {
        es.iter().map(|e| self.copy(e)).collect()
    }

    fn label(&self, n: u32) -> u32 {
        self.labels.get(&n).copied().unwrap_or(n)
    }

    fn copy(&mut self, l: &Lambda) -> Lambda {
        match l {
            Lambda::Var(v) => self.vars.get(v).cloned().unwrap_or_else(|| l.clone()),
            Lambda::Const(_) => l.clone(),
            Lambda::Apply(g, args) => {
                let args = self.copies(args);
                Lambda::Apply(self.bx(g), args)
            }
            Lambda::Let(v, a, b) | Lambda::LetMut(v, a, b) => {
                let a = self.bx(a);
                let nv = self.bind(v);
                let b = self.bx(b);
                if matches!(l, Lambda::Let(..)) {
                    Lambda::Let(nv, a, b)
                } else {
                    Lambda::LetMut(nv, a, b)
                }
            }
            Lambda::Prim(p, args) => Lambda::Prim(p.clone(), self.copies(args)),
            Lambda::Switch(s, sw) => {
                let s = self.bx(s);
                Lambda::Switch(s, map_switch(sw, &mut |e| self.copy(e)))
            }
            Lambda::StringSwitch(s, cases, d) => Lambda::StringSwitch(
                self.bx(s),
                cases.iter().map(|(k, e)| (k.clone(), self.copy(e))).collect(),
                d.as_deref().map(|d| self.bx(d)),
            ),
            Lambda::StaticRaise(n, args) => Lambda::StaticRaise(self.label(*n), self.copies(args)),
            Lambda::StaticCatch(a, n, vs, b) => {
                let nl = self.fresh.label();
                self.labels.insert(*n, nl);
                let a = self.bx(a);
                let nvs = vs.iter().map(|v| self.bind(v)).collect();
                Lambda::StaticCatch(a, nl, nvs, self.bx(b))
            }
            Lambda::TryWith(a, v, b) => {
                let a = self.bx(a);
                let nv = self.bind(v);
                Lambda::TryWith(a, nv, self.bx(b))
            }
            Lambda::IfThenElse(c, a, b) => Lambda::IfThenElse(self.bx(c), self.bx(a), self.bx(b)),
            Lambda::Sequence(a, b) => Lambda::Sequence(self.bx(a), self.bx(b)),
            Lambda::While(a, b) => Lambda::While(self.bx(a), self.bx(b)),
            Lambda::For(v, lo, hi, d, body) => {
                let lo = self.bx(lo);
                let hi = self.bx(hi);
                let nv = self.bind(v);
                Lambda::For(nv, lo, hi, *d, self.bx(body))
            }
            Lambda::Assign(v, e) => Lambda::Assign(self.var(v), self.bx(e)),
            Lambda::Loc(d, e) => Lambda::Loc(d.clone(), self.bx(e)),
            // Not inlinable bodies hold no functions (`fits`); copied as they are otherwise.
            Lambda::Function(_) | Lambda::LetRec(..) => l.clone(),
        }
    }
}
