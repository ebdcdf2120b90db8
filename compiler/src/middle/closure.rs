//! Closure conversion: Lambda -> Clambda.
//!
//! Every function becomes a global code function taking its parameters and its own closure
//! pointer. A group of mutually recursive functions shares one closure block (OCaml's layout:
//! code pointer, arity/env-start word, full-application code pointer for arity > 1, Infix headers
//! between functions, free variables at the end). Inside a function, free variables are loads
//! from its closure and siblings are offsets from it. Calls to functions whose definition is in
//! scope, with enough arguments, become direct calls.

use super::clambda::*;
use crate::lambda::{Fresh, Function, Lambda, Primitive, Var};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;

#[derive(Debug)]
pub struct ClosureError(pub String);

#[derive(Clone, Default)]
struct Scope {
    /// How to reach variables that are not locals of the current function.
    subst: HashMap<Var, CExpr>,
    /// Variables bound to known functions: (function, arity).
    known: HashMap<Var, (FunId, usize)>,
    /// Static-exit labels that can be jumped to from here.
    labels: HashSet<u32>,
    /// Mutable locals of the current function.
    mutables: HashSet<Var>,
}

struct Conv<'a> {
    funs: Vec<Option<CFunction>>,
    fresh: &'a mut Fresh,
}

/// Convert the top-level code of a unit or phrase.
pub fn convert(body: &Lambda, name: &str, fresh: &mut Fresh) -> Result<Program, ClosureError> {
    convert_phrase(body, name, fresh, &mut super::inline::GlobalFunctions::default())
}

/// Convert a toplevel phrase: the small functions of earlier phrases (`globals`) are inlined
/// into it, and its own are added to them.
pub fn convert_phrase(
    body: &Lambda,
    name: &str,
    fresh: &mut Fresh,
    globals: &mut super::inline::GlobalFunctions,
) -> Result<Program, ClosureError> {
    // Small known functions are inlined first, then non-escaping local references become
    // mutable variables (every caller gets both).
    let inlined = super::inline::run_with_globals(body, fresh, globals);
    globals.record(&inlined);
    let body = &super::ref_to_var::run(&inlined);
    let mut c = Conv { funs: Vec::new(), fresh };
    let entry = c.reserve();
    let unit = c.fresh.var("unit");
    let body = c.expr(body, &Scope::default())?;
    c.funs[entry] = Some(CFunction {
        id: entry,
        name: name.into(),
        params: vec![unit],
        env: None,
        body,
        kind: FunKind::Plain,
    });
    let functions = c.funs.into_iter().map(|f| f.expect("every reserved function is defined")).collect();
    Ok(Program { functions, entry })
}

impl<'a> Conv<'a> {
    fn reserve(&mut self) -> FunId {
        self.funs.push(None);
        self.funs.len() - 1
    }

    fn lookup(&self, v: &Var, sc: &Scope) -> CExpr {
        sc.subst.get(v).cloned().unwrap_or_else(|| CExpr::Var(v.clone()))
    }

    fn exprs(&mut self, es: &[Lambda], sc: &Scope) -> Result<Vec<CExpr>, ClosureError> {
        es.iter().map(|e| self.expr(e, sc)).collect()
    }

    fn bx(&mut self, e: &Lambda, sc: &Scope) -> Result<Box<CExpr>, ClosureError> {
        Ok(Box::new(self.expr(e, sc)?))
    }

    fn expr(&mut self, e: &Lambda, sc: &Scope) -> Result<CExpr, ClosureError> {
        Ok(match e {
            Lambda::Var(v) => self.lookup(v, sc),
            Lambda::Const(c) => CExpr::Const(c.clone()),
            Lambda::Apply(f, args) => {
                let cargs = self.exprs(args, sc)?;
                if let Lambda::Var(v) = &**f {
                    if let Some(&(fid, arity)) = sc.known.get(v) {
                        if cargs.len() >= arity {
                            let mut cargs = cargs;
                            let rest = cargs.split_off(arity);
                            let call = CExpr::DirectApply(fid, cargs, Box::new(self.lookup(v, sc)));
                            return Ok(if rest.is_empty() { call } else { CExpr::Apply(Box::new(call), rest) });
                        }
                    }
                }
                CExpr::Apply(self.bx(f, sc)?, cargs)
            }
            Lambda::Function(f) => {
                let (_, alloc) = self.group(&[None], &[f.clone()], sc)?;
                alloc
            }
            Lambda::Let(v, def, body) => {
                if let Lambda::Function(f) = &**def {
                    let (ids, alloc) = self.group(&[None], &[f.clone()], sc)?;
                    let mut inner = sc.clone();
                    inner.known.insert(v.clone(), (ids[0], f.params.len()));
                    inner.subst.remove(v);
                    CExpr::Let(v.clone(), Box::new(alloc), self.bx(body, &inner)?)
                } else {
                    let d = self.bx(def, sc)?;
                    let mut inner = sc.clone();
                    inner.subst.remove(v);
                    inner.known.remove(v);
                    CExpr::Let(v.clone(), d, self.bx(body, &inner)?)
                }
            }
            Lambda::LetRec(binds, body) => self.letrec(binds, body, sc)?,
            Lambda::Prim(p, args) => CExpr::Prim(p.clone(), self.exprs(args, sc)?),
            Lambda::Switch(scrut, sw) => {
                let s = self.bx(scrut, sc)?;
                let mut consts = Vec::new();
                for (n, c) in &sw.consts {
                    consts.push((*n, self.expr(c, sc)?));
                }
                let mut blocks = Vec::new();
                for (t, c) in &sw.blocks {
                    blocks.push((*t, self.expr(c, sc)?));
                }
                let default = match &sw.default {
                    Some(d) => Some(self.bx(d, sc)?),
                    None => None,
                };
                CExpr::Switch(s, CSwitch { consts, blocks, default })
            }
            Lambda::StringSwitch(scrut, cases, default) => {
                let s = self.bx(scrut, sc)?;
                let mut cs = Vec::new();
                for (k, c) in cases {
                    cs.push((k.clone(), self.expr(c, sc)?));
                }
                let d = match default {
                    Some(d) => Some(self.bx(d, sc)?),
                    None => None,
                };
                CExpr::StringSwitch(s, cs, d)
            }
            Lambda::StaticRaise(lbl, args) => {
                if !sc.labels.contains(lbl) {
                    return Err(ClosureError(format!("static exit {} crosses a function or try boundary", lbl)));
                }
                CExpr::StaticRaise(*lbl, self.exprs(args, sc)?)
            }
            Lambda::StaticCatch(body, lbl, vars, handler) => {
                let mut inner = sc.clone();
                inner.labels.insert(*lbl);
                let b = self.bx(body, &inner)?;
                let mut hs = sc.clone();
                for v in vars {
                    hs.subst.remove(v);
                    hs.known.remove(v);
                }
                CExpr::StaticCatch(b, *lbl, vars.clone(), self.bx(handler, &hs)?)
            }
            Lambda::TryWith(body, v, handler) => {
                let fv: Vec<Var> = free_vars(body).into_iter().collect();
                if let Some(m) = fv.iter().find(|v| sc.mutables.contains(*v)) {
                    return Err(ClosureError(format!("mutable variable {:?} used inside try", m)));
                }
                let id = self.reserve();
                let mut inner = Scope { known: sc.known.clone(), ..Scope::default() };
                inner.known.retain(|k, _| fv.contains(k));
                let b = self.expr(body, &inner)?;
                self.funs[id] = Some(CFunction {
                    id,
                    name: "try_body".into(),
                    params: fv.clone(),
                    env: None,
                    body: b,
                    kind: FunKind::Plain,
                });
                let args = fv.iter().map(|x| self.lookup(x, sc)).collect();
                let mut hs = sc.clone();
                hs.subst.remove(v);
                hs.known.remove(v);
                CExpr::TryWith(id, args, v.clone(), self.bx(handler, &hs)?)
            }
            Lambda::IfThenElse(c, a, b) => CExpr::IfThenElse(self.bx(c, sc)?, self.bx(a, sc)?, self.bx(b, sc)?),
            Lambda::Sequence(a, b) => CExpr::Sequence(self.bx(a, sc)?, self.bx(b, sc)?),
            Lambda::While(c, b) => CExpr::While(self.bx(c, sc)?, self.bx(b, sc)?),
            Lambda::For(v, lo, hi, dir, body) => {
                let l = self.bx(lo, sc)?;
                let h = self.bx(hi, sc)?;
                let mut inner = sc.clone();
                inner.subst.remove(v);
                inner.known.remove(v);
                CExpr::For(v.clone(), l, h, *dir, self.bx(body, &inner)?)
            }
            Lambda::Assign(v, e) => CExpr::Assign(v.clone(), self.bx(e, sc)?),
            Lambda::LetMut(v, e, body) => {
                let d = self.bx(e, sc)?;
                let mut inner = sc.clone();
                inner.subst.remove(v);
                inner.known.remove(v);
                inner.mutables.insert(v.clone());
                CExpr::LetMut(v.clone(), d, self.bx(body, &inner)?)
            }
            Lambda::Loc(d, e) => CExpr::Loc(d.clone(), self.bx(e, sc)?),
        })
    }

    fn letrec(&mut self, binds: &[(Var, Lambda)], body: &Lambda, sc: &Scope) -> Result<CExpr, ClosureError> {
        let mut names = Vec::new();
        let mut funs = Vec::new();
        for (v, e) in binds {
            match e {
                Lambda::Function(f) => {
                    names.push(Some(v.clone()));
                    funs.push(f.clone());
                }
                _ => {
                    return Err(ClosureError(
                        "recursive definitions of values other than functions are not supported yet".into(),
                    ))
                }
            }
        }
        let (ids, alloc) = self.group(&names, &funs, sc)?;
        let layout = ClosureLayout::new(&funs.iter().map(|f| f.params.len()).collect::<Vec<_>>());
        let mut inner = sc.clone();
        for (i, (v, _)) in binds.iter().enumerate() {
            inner.subst.remove(v);
            inner.known.insert(v.clone(), (ids[i], funs[i].params.len()));
        }
        let mut result = self.expr(body, &inner)?;
        let first = binds[0].0.clone();
        for i in (1..binds.len()).rev() {
            let sib = CExpr::Offset(Box::new(CExpr::Var(first.clone())), layout.positions[i] as i64);
            result = CExpr::Let(binds[i].0.clone(), Box::new(sib), Box::new(result));
        }
        Ok(CExpr::Let(first, Box::new(alloc), Box::new(result)))
    }

    /// Convert a group of functions sharing one closure block. `names` are the variables the
    /// functions are bound to inside their own bodies (recursive groups) or `None`.
    fn group(
        &mut self,
        names: &[Option<Var>],
        funs: &[Rc<Function>],
        sc: &Scope,
    ) -> Result<(Vec<FunId>, CExpr), ClosureError> {
        let own: HashSet<Var> = names.iter().flatten().cloned().collect();
        let mut fv = BTreeSet::new();
        for f in funs {
            let mut bound: HashSet<Var> = f.params.iter().cloned().collect();
            bound.extend(own.iter().cloned());
            collect_free(&f.body, &mut bound, &mut fv, true);
        }
        if let Some(m) = fv.iter().find(|v| sc.mutables.contains(*v)) {
            return Err(ClosureError(format!("mutable variable {:?} captured by a closure", m)));
        }
        let fv: Vec<Var> = fv.into_iter().collect();
        let layout = ClosureLayout::new(&funs.iter().map(|f| f.params.len()).collect::<Vec<_>>());
        let ids: Vec<FunId> = funs.iter().map(|_| self.reserve()).collect();
        for (i, f) in funs.iter().enumerate() {
            let env = self.fresh.var("env");
            let mut inner = Scope::default();
            let pos = layout.positions[i] as i64;
            for (j, v) in fv.iter().enumerate() {
                let idx = layout.env_start as i64 - pos + j as i64;
                inner.subst.insert(v.clone(), CExpr::Prim(Primitive::Field(idx as usize), vec![CExpr::Var(env.clone())]));
                if let Some(k) = sc.known.get(v) {
                    inner.known.insert(v.clone(), *k);
                }
            }
            for (k, name) in names.iter().enumerate() {
                if let Some(name) = name {
                    let delta = layout.positions[k] as i64 - pos;
                    let access = if delta == 0 {
                        CExpr::Var(env.clone())
                    } else {
                        CExpr::Offset(Box::new(CExpr::Var(env.clone())), delta)
                    };
                    inner.subst.insert(name.clone(), access);
                    inner.known.insert(name.clone(), (ids[k], funs[k].params.len()));
                }
            }
            for p in &f.params {
                inner.subst.remove(p);
                inner.known.remove(p);
            }
            let body = self.expr(&f.body, &inner)?;
            self.funs[ids[i]] = Some(CFunction {
                id: ids[i],
                name: f.name.clone(),
                params: f.params.clone(),
                env: Some(env),
                body,
                kind: FunKind::Closure,
            });
        }
        let captured = fv.iter().map(|v| self.lookup(v, sc)).collect();
        Ok((ids.clone(), CExpr::MakeClosures(ids, captured)))
    }
}

/// Free variables of a Lambda term, in a deterministic order.
pub fn free_vars(e: &Lambda) -> BTreeSet<Var> {
    let mut out = BTreeSet::new();
    collect_free(e, &mut HashSet::new(), &mut out, true);
    out
}

/// The free variables `e` reads when evaluated, not counting those of function bodies.
pub fn eager_free_vars(e: &Lambda) -> BTreeSet<Var> {
    let mut out = BTreeSet::new();
    collect_free(e, &mut HashSet::new(), &mut out, false);
    out
}

fn collect_free(e: &Lambda, bound: &mut HashSet<Var>, out: &mut BTreeSet<Var>, in_functions: bool) {
    fn with<F: FnOnce(&mut HashSet<Var>, &mut BTreeSet<Var>)>(
        vars: &[&Var],
        bound: &mut HashSet<Var>,
        out: &mut BTreeSet<Var>,
        f: F,
    ) {
        let added: Vec<Var> = vars.iter().filter(|v| bound.insert((**v).clone())).map(|v| (*v).clone()).collect();
        f(bound, out);
        for v in added {
            bound.remove(&v);
        }
    }
    match e {
        Lambda::Var(v) => {
            if !bound.contains(v) {
                out.insert(v.clone());
            }
        }
        Lambda::Const(_) => {}
        Lambda::Apply(f, args) => {
            collect_free(f, bound, out, in_functions);
            for a in args {
                collect_free(a, bound, out, in_functions);
            }
        }
        Lambda::Function(_) if !in_functions => {}
        Lambda::Function(f) => {
            let ps: Vec<&Var> = f.params.iter().collect();
            with(&ps, bound, out, |b, o| collect_free(&f.body, b, o, in_functions));
        }
        Lambda::Let(v, d, body) | Lambda::LetMut(v, d, body) => {
            collect_free(d, bound, out, in_functions);
            with(&[v], bound, out, |b, o| collect_free(body, b, o, in_functions));
        }
        Lambda::LetRec(binds, body) => {
            let vs: Vec<&Var> = binds.iter().map(|(v, _)| v).collect();
            with(&vs, bound, out, |b, o| {
                for (_, d) in binds {
                    collect_free(d, b, o, in_functions);
                }
                collect_free(body, b, o, in_functions);
            });
        }
        Lambda::Prim(_, args) | Lambda::StaticRaise(_, args) => {
            for a in args {
                collect_free(a, bound, out, in_functions);
            }
        }
        Lambda::Switch(s, sw) => {
            collect_free(s, bound, out, in_functions);
            for (_, c) in &sw.consts {
                collect_free(c, bound, out, in_functions);
            }
            for (_, c) in &sw.blocks {
                collect_free(c, bound, out, in_functions);
            }
            if let Some(d) = &sw.default {
                collect_free(d, bound, out, in_functions);
            }
        }
        Lambda::StringSwitch(s, cases, d) => {
            collect_free(s, bound, out, in_functions);
            for (_, c) in cases {
                collect_free(c, bound, out, in_functions);
            }
            if let Some(d) = d {
                collect_free(d, bound, out, in_functions);
            }
        }
        Lambda::StaticCatch(body, _, vars, handler) => {
            collect_free(body, bound, out, in_functions);
            let vs: Vec<&Var> = vars.iter().collect();
            with(&vs, bound, out, |b, o| collect_free(handler, b, o, in_functions));
        }
        Lambda::TryWith(body, v, handler) => {
            collect_free(body, bound, out, in_functions);
            with(&[v], bound, out, |b, o| collect_free(handler, b, o, in_functions));
        }
        Lambda::IfThenElse(c, a, b2) => {
            collect_free(c, bound, out, in_functions);
            collect_free(a, bound, out, in_functions);
            collect_free(b2, bound, out, in_functions);
        }
        Lambda::Sequence(a, b2) | Lambda::While(a, b2) => {
            collect_free(a, bound, out, in_functions);
            collect_free(b2, bound, out, in_functions);
        }
        Lambda::For(v, lo, hi, _, body) => {
            collect_free(lo, bound, out, in_functions);
            collect_free(hi, bound, out, in_functions);
            with(&[v], bound, out, |b, o| collect_free(body, b, o, in_functions));
        }
        Lambda::Assign(v, e2) => {
            if !bound.contains(v) {
                out.insert(v.clone());
            }
            collect_free(e2, bound, out, in_functions);
        }
        Lambda::Loc(_, e2) => collect_free(e2, bound, out, in_functions),
    }
}
