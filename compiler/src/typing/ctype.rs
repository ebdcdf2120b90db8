//! Operations on type expressions: levels, instantiation, generalization, expansion of
//! abbreviations, unification (with occurs check) and matching.

use super::clflags;
use super::env::Env;
use super::path::Path;
use super::predef;
use super::types::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::Cell;
use std::rc::Rc;

thread_local! {
    static CURRENT_LEVEL: Cell<i32> = const { Cell::new(0) };
}

pub fn current_level() -> i32 {
    CURRENT_LEVEL.with(|c| c.get())
}

pub fn set_current_level(l: i32) {
    CURRENT_LEVEL.with(|c| c.set(l))
}

/// Enter a new let-level (the body of a `let`, before generalizing).
pub fn begin_def() {
    CURRENT_LEVEL.with(|c| c.set(c.get() + 1))
}

pub fn end_def() {
    CURRENT_LEVEL.with(|c| c.set(c.get() - 1))
}

pub fn newvar() -> TypeExpr {
    new_ty(TypeDesc::Var(None), current_level())
}

pub fn newvar_named(name: Option<Rc<str>>) -> TypeExpr {
    new_ty(TypeDesc::Var(name), current_level())
}

pub fn newty(d: TypeDesc) -> TypeExpr {
    new_ty(d, current_level())
}

pub fn new_generic_var() -> TypeExpr {
    new_generic(TypeDesc::Var(None))
}

pub fn arrow(l: ArgLabel, a: TypeExpr, b: TypeExpr) -> TypeExpr {
    newty(TypeDesc::Arrow(l, a, b))
}

// ---------------------------------------------------------------------------------------------
// Copying (instantiation)

/// Copies the generic part of types to the current level, sharing one memo so that the
/// copies of several types share their variables.
pub struct Copier {
    memo: FxHashMap<TypeExpr, TypeExpr>,
    /// Also copy univars (fresh ones) -- only inside an explicit copy of a `Poly`.
    level: i32,
    /// Copies of named variables lose their names: the parameters of a type declaration, seen
    /// through a constructor or a field, print as `'a`, not as the declaration named them.
    anonymous: bool,
}

impl Copier {
    pub fn new() -> Copier {
        Copier { memo: FxHashMap::default(), level: current_level(), anonymous: false }
    }

    fn anonymous() -> Copier {
        Copier { anonymous: true, ..Copier::new() }
    }

    /// Pre-binds a generic node to a replacement (used for parameters of abbreviations).
    pub fn bind(&mut self, from: TypeExpr, to: TypeExpr) {
        self.memo.insert(repr(from), to);
    }

    pub fn copy(&mut self, t: TypeExpr) -> TypeExpr {
        let t = repr(t);
        if level(t) != GENERIC_LEVEL {
            return t;
        }
        if let Some(c) = self.memo.get(&t) {
            return *c;
        }
        let d = desc(t);
        let placeholder = new_ty(TypeDesc::Var(None), self.level);
        self.memo.insert(t, placeholder);
        let nd = match d {
            TypeDesc::Var(n) => TypeDesc::Var(if self.anonymous { None } else { n }),
            TypeDesc::Univar(n) => TypeDesc::Univar(n),
            TypeDesc::Arrow(l, a, b) => {
                let a = self.copy(a);
                TypeDesc::Arrow(l, a, self.copy(b))
            }
            TypeDesc::Tuple(ts) => TypeDesc::Tuple(ts.iter().map(|t| self.copy(*t)).collect()),
            TypeDesc::Constr(p, ts) => TypeDesc::Constr(p, ts.iter().map(|t| self.copy(*t)).collect()),
            TypeDesc::Package(p, ns, ts) => TypeDesc::Package(p, ns, ts.iter().map(|t| self.copy(*t)).collect()),
            TypeDesc::Poly(b, vs) => {
                let vs: Rc<[TypeExpr]> = vs.iter().map(|t| self.copy(*t)).collect();
                TypeDesc::Poly(self.copy(b), vs)
            }
            TypeDesc::Variant(row) => {
                if let Some(n) = row_var_name(t) {
                    set_row_var_name(placeholder, n);
                }
                TypeDesc::Variant(Rc::new(row.map_types(|t| self.copy(t))))
            }
            TypeDesc::Object(m) => TypeDesc::Object(Rc::new(m.map_types(|t| self.copy(t)))),
            TypeDesc::Link(x) | TypeDesc::Subst(x) => return self.copy(x),
        };
        set_desc(placeholder, nd);
        placeholder
    }
}

impl Default for Copier {
    fn default() -> Self {
        Copier::new()
    }
}

pub fn instance(t: TypeExpr) -> TypeExpr {
    Copier::anonymous().copy(t)
}

pub fn instance_list(ts: &[TypeExpr]) -> Vec<TypeExpr> {
    let mut c = Copier::anonymous();
    ts.iter().map(|t| c.copy(*t)).collect()
}

/// Instance of a constructor: (argument types, result type), sharing variables.
/// The type's parameters lose their names; existential variables (in the arguments only)
/// keep theirs, for OCaml's `$C_'a`.
pub fn instance_constructor(cd: &ConstructorDescription) -> (Vec<TypeExpr>, TypeExpr) {
    let mut c = Copier::anonymous();
    let res = c.copy(cd.res);
    c.anonymous = false;
    let args = cd.args.iter().map(|t| c.copy(*t)).collect();
    (args, res)
}

/// Instance of a label: (record type, field type), sharing variables.
pub fn instance_label(ld: &LabelDescription) -> (TypeExpr, TypeExpr) {
    let mut c = Copier::anonymous();
    let res = c.copy(ld.res);
    (res, c.copy(ld.arg))
}

/// A polymorphic type (`'a. t`, of a record field, a method or a variable bound to a field)
/// as the type of one use: its univars become fresh variables. Other types are left as they are.
pub fn instance_if_poly(t: TypeExpr) -> TypeExpr {
    match desc(repr(t)) {
        TypeDesc::Poly(body, vars) if vars.is_empty() => body,
        TypeDesc::Poly(..) => instance_poly(t),
        _ => t,
    }
}

/// Instantiates the univars of a `Poly` with fresh variables: the body and those variables.
pub fn instance_poly_vars(t: TypeExpr) -> (TypeExpr, Vec<TypeExpr>) {
    match desc(repr(t)) {
        TypeDesc::Poly(body, vars) => {
            let mut memo = FxHashMap::default();
            let fresh: Vec<TypeExpr> = vars.iter().map(|v| {
                let f = newvar();
                memo.insert(repr(*v), f);
                f
            }).collect();
            (subst_univars(body, &memo), fresh)
        }
        _ => (t, Vec::new()),
    }
}

/// Instantiates the univars of a `Poly` with fresh variables: returns the body.
pub fn instance_poly(t: TypeExpr) -> TypeExpr {
    match desc(t) {
        TypeDesc::Poly(body, vars) => {
            let mut c = Copier::new();
            for v in vars.iter() {
                let fresh = newvar();
                c.memo.insert(repr(*v), fresh);
            }
            // The body may not be generic (annotation types): substitute structurally.
            subst_univars(body, &c.memo)
        }
        _ => instance(t),
    }
}

/// Copies `t` replacing the given nodes (univars) everywhere, whatever their level.
fn subst_univars(t: TypeExpr, map: &FxHashMap<TypeExpr, TypeExpr>) -> TypeExpr {
    let t = repr(t);
    if let Some(x) = map.get(&t) {
        return *x;
    }
    if !mentions_any(t, map) {
        return t;
    }
    let d = match desc(t) {
        TypeDesc::Arrow(l, a, b) => TypeDesc::Arrow(l, subst_univars(a, map), subst_univars(b, map)),
        TypeDesc::Tuple(ts) => TypeDesc::Tuple(ts.iter().map(|t| subst_univars(*t, map)).collect()),
        TypeDesc::Constr(p, ts) => TypeDesc::Constr(p, ts.iter().map(|t| subst_univars(*t, map)).collect()),
        TypeDesc::Package(p, ns, ts) => TypeDesc::Package(p, ns, ts.iter().map(|t| subst_univars(*t, map)).collect()),
        TypeDesc::Poly(b, vs) => TypeDesc::Poly(subst_univars(b, map), vs),
        TypeDesc::Variant(row) => TypeDesc::Variant(Rc::new(row.map_types(|t| subst_univars(t, map)))),
        TypeDesc::Object(m) => TypeDesc::Object(Rc::new(m.map_types(|t| subst_univars(t, map)))),
        d => d,
    };
    newty(d)
}

fn mentions_any(t: TypeExpr, map: &FxHashMap<TypeExpr, TypeExpr>) -> bool {
    walk_nodes(t, |t, _| if map.contains_key(&t) { Walk::Stop } else { Walk::Descend })
}

/// `body` with the generic `params` replaced by `args`.
pub fn apply(params: &[TypeExpr], body: TypeExpr, args: &[TypeExpr]) -> TypeExpr {
    let mut c = Copier::new();
    for (p, a) in params.iter().zip(args.iter()) {
        c.bind(*p, *a);
    }
    c.copy(body)
}

// ---------------------------------------------------------------------------------------------
// Generalization

/// Generalizes every node whose level is above the current level.
pub fn generalize(t: TypeExpr) {
    let cur = current_level();
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        let t = repr(t);
        let l = level(t);
        if l > cur && l != GENERIC_LEVEL {
            set_level(t, GENERIC_LEVEL);
            stack.extend(children(&desc(t)));
        }
    }
}

/// Lowers to `lvl` every node above it (so it will not be generalized).
pub fn update_level_to(t: TypeExpr, lvl: i32) {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        let t = repr(t);
        let l = level(t);
        if l > lvl && l != GENERIC_LEVEL {
            set_level(t, lvl);
            stack.extend(children(&desc(t)));
        }
    }
}

/// The relaxed value restriction: in the type of an expansive expression, variables in
/// contravariant or invariant positions must not be generalized; covariant ones may be.
pub fn generalize_expansive(env: &Env, t: TypeExpr) {
    let lvl = current_level();
    lower_contravariant(env, lvl, t, Variance::Co, &mut FxHashMap::default());
    generalize(t);
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Variance {
    Co,
    Contra,
    Inv,
}

fn lower_contravariant(env: &Env, lvl: i32, t: TypeExpr, v: Variance, seen: &mut FxHashMap<(TypeExpr, Variance), ()>) {
    let t = repr(t);
    if level(t) <= lvl || level(t) == GENERIC_LEVEL {
        return;
    }
    if v != Variance::Co {
        if super::principal::on() {
            lower_variables(t, lvl);
        } else {
            update_level_to(t, lvl);
        }
        return;
    }
    if seen.insert((t, v), ()).is_some() {
        return;
    }
    match desc(t) {
        TypeDesc::Arrow(_, a, b) => {
            lower_contravariant(env, lvl, a, Variance::Contra, seen);
            lower_contravariant(env, lvl, b, v, seen);
        }
        TypeDesc::Tuple(ts) => ts.iter().for_each(|x| lower_contravariant(env, lvl, *x, v, seen)),
        TypeDesc::Constr(p, args) => {
            let variance = env.find_type(&p).map(|d| d.variance.clone());
            for (i, a) in args.iter().enumerate() {
                let pv = match variance.as_ref().and_then(|vs| vs.get(i)) {
                    Some((true, false)) => Variance::Co,
                    Some((false, true)) => Variance::Contra,
                    Some((false, false)) => Variance::Co, // parameter unused: harmless
                    _ => Variance::Inv,
                };
                lower_contravariant(env, lvl, *a, pv, seen);
            }
        }
        TypeDesc::Poly(b, _) => lower_contravariant(env, lvl, b, v, seen),
        TypeDesc::Package(_, _, ts) => ts.iter().for_each(|x| lower_contravariant(env, lvl, *x, Variance::Inv, seen)),
        TypeDesc::Variant(row) => row.types().iter().for_each(|x| lower_contravariant(env, lvl, *x, v, seen)),
        TypeDesc::Object(m) => m.fields.iter().for_each(|(_, x)| lower_contravariant(env, lvl, *x, v, seen)),
        _ => {}
    }
}

/// Principal mode lowers only the variables (and rows) of a contravariant part, as OCaml does:
/// its structure is still generalized, so each use of the binding gets a fresh copy of it.
fn lower_variables(t: TypeExpr, lvl: i32) {
    let mut seen = FxHashSet::default();
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        let t = repr(t);
        let l = level(t);
        if l <= lvl || l == GENERIC_LEVEL || !seen.insert(t) {
            continue;
        }
        match desc(t) {
            TypeDesc::Var(_) | TypeDesc::Variant(_) | TypeDesc::Object(_) => update_level_to(t, lvl),
            d => stack.extend(children(&d)),
        }
    }
}

/// Are all variables of `t` generalized?
pub fn closed_schema(t: TypeExpr) -> bool {
    !walk_nodes(t, |t, d| match d {
        TypeDesc::Var(_) if level(t) != GENERIC_LEVEL => Walk::Stop,
        _ => Walk::Descend,
    })
}

/// The free (non-generic) variables of `t`, in order of appearance.
pub fn free_variables(t: TypeExpr) -> Vec<TypeExpr> {
    let m = new_mark();
    let mut out = Vec::new();
    fn go(t: TypeExpr, m: u32, out: &mut Vec<TypeExpr>) {
        let t = repr(t);
        if !try_mark(t, m) {
            return;
        }
        let d = desc(t);
        if let TypeDesc::Var(_) = d {
            out.push(t);
        }
        for c in children(&d) {
            go(c, m, out);
        }
    }
    go(t, m, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Expansion of abbreviations

/// One step of expansion of an abbreviation at the head, if `t` is one.
pub fn try_expand_once(env: &Env, t: TypeExpr) -> Option<TypeExpr> {
    let t = repr(t);
    if let TypeDesc::Constr(p, args) = desc(t) {
        let decl = env.find_type(&p)?;
        let body = decl.manifest?;
        if decl.params.len() != args.len() {
            return None;
        }
        let saved = current_level();
        set_current_level(level(t).min(GENERIC_LEVEL));
        let r = apply(&decl.params, body, &args);
        set_current_level(saved);
        Some(r)
    } else {
        None
    }
}

/// `try_expand_once` as unification sees types: a private abbreviation (`type t = private
/// int`) is not expanded there, so `t` and `int` stay distinct (only a coercion `(x :> int)`
/// reveals it). A private row type still expands to its row.
fn try_expand_once_unif(env: &Env, t: TypeExpr) -> Option<TypeExpr> {
    if let TypeDesc::Constr(p, _) = desc(repr(t)) {
        let decl = env.find_type(&p)?;
        if decl.private && matches!(decl.kind, TypeKind::Abstract) && !matches!(decl.manifest.map(|m| desc(m)), Some(TypeDesc::Variant(_))) {
            return None;
        }
    }
    try_expand_once(env, t)
}

/// `expand_head` as unification sees types (see `try_expand_once_unif`).
pub fn expand_head_unif(env: &Env, t: TypeExpr) -> TypeExpr {
    let mut t = repr(t);
    for _ in 0..100 {
        match try_expand_once_unif(env, t) {
            Some(t2) => t = repr(t2),
            None => break,
        }
    }
    t
}

/// Expands abbreviations at the head until none is left.
pub fn expand_head(env: &Env, t: TypeExpr) -> TypeExpr {
    let mut t = repr(t);
    let mut fuel = 100;
    while let Some(t2) = try_expand_once(env, t) {
        t = repr(t2);
        fuel -= 1;
        if fuel == 0 {
            break;
        }
    }
    t
}

/// The declaration of the type constructor at the head after expansion, if any.
pub fn head_path(env: &Env, t: TypeExpr) -> Option<Path> {
    match desc(expand_head(env, t)) {
        TypeDesc::Constr(p, _) => Some(p),
        _ => None,
    }
}

/// Full expansion to a non-abbreviation path, for comparing paths (e.g. `t` vs `int`).
pub fn is_type_path(env: &Env, t: TypeExpr, p: &Path) -> bool {
    matches!(desc(expand_head(env, t)), TypeDesc::Constr(q, _) if env.same_type_path(&q, p))
}

// ---------------------------------------------------------------------------------------------
// Unification

#[derive(Clone, Debug)]
pub enum UnifyFailure {
    /// The innermost pair could not be unified.
    Mismatch,
    /// The variable occurs inside the type.
    Occur(TypeExpr, TypeExpr),
    /// A universal variable would be instantiated or escape.
    Univar(TypeExpr, TypeExpr),
    /// Labels of arrows differ.
    Label,
    /// Polymorphic variants: a closed row lacks tags the other one needs (`first`: the
    /// first type of the pair is the one that does not allow them).
    VariantTags(bool, Vec<Rc<str>>),
    /// Two closed rows have no tag in common.
    NoIntersection,
    /// The arguments of a tag do not agree (constant on one side, not on the other).
    TagIncompatible(Rc<str>),
    /// Object types: a closed one lacks a method the other has (`first`: the first type of the
    /// pair is the one without it).
    MissingMethod(bool, Rc<str>),
    /// Object types: the types of a method do not unify.
    MethodIncompatible(Rc<str>),
}

#[derive(Clone, Debug)]
pub struct UnifyError {
    /// Pairs (got, expected) from the outermost to the innermost.
    pub trace: Vec<(TypeExpr, TypeExpr)>,
    pub failure: UnifyFailure,
    /// The failure is inside the head types (then OCaml prints the innermost pair too).
    pub nested: bool,
}

/// Unifies `t1` (the type found) with `t2` (the type expected). On failure nothing changes.
pub fn unify(env: &Env, t1: TypeExpr, t2: TypeExpr) -> Result<(), UnifyError> {
    let snap = snapshot();
    let mut u = Unifier::new(env, None);
    match u.unify(t1, t2) {
        Ok(()) => {
            commit(snap);
            Ok(())
        }
        Err(mut e) => {
            backtrack(snap);
            e.trace.reverse();
            Err(e)
        }
    }
}

/// A local type equation found by matching a GADT constructor: the locally abstract type
/// `id` (from `(type a)` / `type a. ..`) is known to be equal to the manifest of `decl`.
pub type Equation = (super::ident::Ident, Rc<TypeDeclaration>);

/// Unification of a GADT constructor's result type with the type a pattern expects: where a
/// locally abstract type meets another type, instead of failing it records an equation
/// (returned, to be added to the environment of the branch only). `env` must already hold the
/// equations found earlier in the same pattern. On failure nothing changes.
///
/// Approximation (documented in docs): ordinary type variables met on the way are unified as
/// usual, even when OCaml would keep them ambivalent per branch; existential variables are
/// fresh unification variables rather than fresh abstract types, so a few programs that OCaml
/// rejects for an escaping existential are accepted.
pub fn unify_gadt(env: &Env, t1: TypeExpr, t2: TypeExpr) -> Result<Vec<Equation>, UnifyError> {
    let snap = snapshot();
    let mut u = Unifier::new(env, Some((env.clone(), Vec::new())));
    match u.unify(t1, t2) {
        Ok(()) => {
            commit(snap);
            Ok(u.gadt.map(|(_, eqs)| eqs).unwrap_or_default())
        }
        Err(mut e) => {
            backtrack(snap);
            e.trace.reverse();
            Err(e)
        }
    }
}

/// The locally abstract type (with no equation yet) that `t` is, if it is one.
fn local_abstract(env: &Env, t: TypeExpr) -> Option<super::ident::Ident> {
    match desc(t) {
        TypeDesc::Constr(Path::Pident(id), args) if args.is_empty() => match env.find_type(&Path::Pident(id.clone())) {
            Some(d) => (d.is_newtype && d.manifest.is_none()).then_some(id),
            // The existential types of GADT constructors (`$C_'a`) are not declared.
            None => id.name().starts_with('$').then_some(id),
        },
        _ => None,
    }
}

/// Does the type constructor `p` occur in `t`?
pub fn mentions_path(t: TypeExpr, p: &Path) -> bool {
    find_constr(t, |q| q == p).is_some()
}

/// A type constructor occurring in `t` whose path satisfies `pred`.
pub fn find_constr(t: TypeExpr, pred: impl Fn(&Path) -> bool) -> Option<Path> {
    let mut found = None;
    walk_nodes(t, |_, d| match d {
        TypeDesc::Constr(q, _) if pred(q) => {
            found = Some(q.clone());
            Walk::Stop
        }
        _ => Walk::Descend,
    });
    found
}

struct Unifier<'a> {
    env: &'a Env,
    /// Univars identified while unifying two `Poly` types.
    univar_pairs: Vec<(TypeExpr, TypeExpr)>,
    /// In GADT pattern mode: the environment refined so far and the equations added.
    gadt: Option<(Env, Vec<Equation>)>,
    /// `-rectypes`: pairs of structures already being unified. Meeting one again means the
    /// types are cyclic there; assuming it unifies is what makes the recursion stop.
    visited: FxHashSet<(TypeExpr, TypeExpr)>,
    /// `-rectypes`: nesting depth, a guard for cycles through abbreviations, whose expansions
    /// are fresh nodes each time and so escape `visited`.
    depth: usize,
}

/// Past this nesting, unification under `-rectypes` gives up (reported as a mismatch).
const RECTYPES_MAX_DEPTH: usize = 4000;

impl<'a> Unifier<'a> {
    fn new(env: &'a Env, gadt: Option<(Env, Vec<Equation>)>) -> Unifier<'a> {
        Unifier { env, univar_pairs: Vec::new(), gadt, visited: FxHashSet::default(), depth: 0 }
    }
}

impl Unifier<'_> {
    fn env(&self) -> &Env {
        match &self.gadt {
            Some((e, _)) => e,
            None => self.env,
        }
    }

    /// GADT mode: records `abs = other` if `abs` is a locally abstract type.
    fn try_add_equation(&mut self, abs: TypeExpr, other: TypeExpr) -> bool {
        let Some(id) = self.gadt.as_ref().and_then(|(e, _)| local_abstract(e, abs)) else { return false };
        let p = Path::Pident(id.clone());
        if mentions_path(other, &p) {
            return false;
        }
        let Some((env, eqs)) = self.gadt.as_mut() else { return false };
        let decl = Rc::new(match env.find_type(&p) {
            Some(old) => TypeDeclaration { manifest: Some(other), ..(*old).clone() },
            None => TypeDeclaration {
                params: vec![],
                arity: 0,
                kind: TypeKind::Abstract,
                private: false,
                manifest: Some(other),
                variance: vec![],
                injective: vec![],
                is_newtype: true,
                unboxed: false,
                immediate: false,
                loc: super::loc::none(),
            },
        });
        env.add_type(&id, decl.clone());
        eqs.push((id, decl));
        true
    }

    fn fail(&self, t1: TypeExpr, t2: TypeExpr, f: UnifyFailure) -> Result<(), UnifyError> {
        Err(UnifyError { trace: vec![(t1, t2)], failure: f, nested: false })
    }

    fn unify(&mut self, t1: TypeExpr, t2: TypeExpr) -> Result<(), UnifyError> {
        let t1 = repr(t1);
        let t2 = repr(t2);
        if t1 == t2 {
            return Ok(());
        }
        let d1 = desc(t1);
        let d2 = desc(t2);
        // A variable met by an abbreviation that mentions it: expand first, as OCaml does
        // (`'a = 'a id` holds when `type 'a id = 'a`).
        if matches!((&d1, &d2), (TypeDesc::Var(_), TypeDesc::Constr(..)) | (TypeDesc::Constr(..), TypeDesc::Var(_))) {
            let (v, c) = if matches!(d1, TypeDesc::Var(_)) { (t1, t2) } else { (t2, t1) };
            if reaches(c, v) {
                let e = repr(expand_head_unif(self.env(), c));
                if e != c {
                    return if c == t2 { self.unify(t1, e) } else { self.unify(e, t2) };
                }
            }
        }
        match (&d1, &d2) {
            (TypeDesc::Var(_), _) => self.link_var(t1, t2),
            (_, TypeDesc::Var(_)) => self.link_var(t2, t1).map_err(|mut e| {
                // keep the trace oriented (got, expected)
                if let Some(p) = e.trace.last_mut() {
                    *p = (p.1, p.0);
                }
                e
            }),
            _ => {
                if clflags::rectypes() {
                    if !self.visited.insert((t1, t2)) {
                        return Ok(());
                    }
                    if self.depth > RECTYPES_MAX_DEPTH {
                        return self.fail(t1, t2, UnifyFailure::Mismatch);
                    }
                }
                self.depth += 1;
                let r = self.unify_structures(t1, t2, d1, d2);
                self.depth -= 1;
                r.map_err(|mut e| {
                    if e.trace.last() != Some(&(t1, t2)) {
                        e.trace.push((t1, t2));
                    }
                    e
                })
            }
        }
    }

    fn link_var(&mut self, v: TypeExpr, t: TypeExpr) -> Result<(), UnifyError> {
        let cyclic = if clflags::rectypes() { occurs_unguarded(self.env(), v, t) } else { occurs(v, t) };
        if cyclic {
            return self.fail(v, t, UnifyFailure::Occur(v, t));
        }
        update_level_to(t, level(v));
        // Keep the user's name for the variable (`'foo`) when linking two variables.
        if let (TypeDesc::Var(Some(n)), TypeDesc::Var(n2)) = (desc(v), desc(t)) {
            if n2.is_none() || level(v) < level(t) {
                set_desc(repr(t), TypeDesc::Var(Some(n)));
            }
        }
        link(v, t);
        Ok(())
    }

    fn unify_structures(&mut self, t1: TypeExpr, t2: TypeExpr, d1: TypeDesc, d2: TypeDesc) -> Result<(), UnifyError> {
        match (d1, d2) {
            (TypeDesc::Arrow(l1, a1, r1), TypeDesc::Arrow(l2, a2, r2)) => {
                if l1 != l2 {
                    return self.fail(t1, t2, UnifyFailure::Label);
                }
                self.unify(a1, a2).map_err(nested)?;
                self.unify(r1, r2).map_err(nested)
            }
            (TypeDesc::Tuple(ts1), TypeDesc::Tuple(ts2)) if ts1.len() == ts2.len() => {
                for (a, b) in ts1.iter().zip(ts2.iter()) {
                    self.unify(*a, *b).map_err(nested)?;
                }
                Ok(())
            }
            (TypeDesc::Constr(p1, as1), TypeDesc::Constr(p2, as2)) if self.env().same_type_path(&p1, &p2) => {
                if as1.len() != as2.len() {
                    return self.fail(t1, t2, UnifyFailure::Mismatch);
                }
                for (a, b) in as1.iter().zip(as2.iter()) {
                    self.unify(*a, *b).map_err(nested)?;
                }
                Ok(())
            }
            (TypeDesc::Package(p1, ns1, ts1), TypeDesc::Package(p2, ns2, ts2)) => {
                if p1 != p2 || ns1 != ns2 {
                    return self.fail(t1, t2, UnifyFailure::Mismatch);
                }
                for (a, b) in ts1.iter().zip(ts2.iter()) {
                    self.unify(*a, *b).map_err(nested)?;
                }
                Ok(())
            }
            (TypeDesc::Univar(_), TypeDesc::Univar(_)) => {
                if self.univar_pairs.iter().any(|(a, b)| (*a == t1 && *b == t2) || (*a == t2 && *b == t1)) {
                    Ok(())
                } else {
                    self.fail(t1, t2, UnifyFailure::Mismatch)
                }
            }
            (TypeDesc::Variant(r1), TypeDesc::Variant(r2)) => self.unify_rows(t1, t2, &r1, &r2),
            (TypeDesc::Object(m1), TypeDesc::Object(m2)) => self.unify_objects(t1, t2, &m1, &m2),
            (TypeDesc::Poly(b1, v1), TypeDesc::Poly(b2, v2)) if v1.len() == v2.len() => {
                let n = self.univar_pairs.len();
                for (a, b) in v1.iter().zip(v2.iter()) {
                    self.univar_pairs.push((repr(*a), repr(*b)));
                }
                let r = self.unify(b1, b2);
                self.univar_pairs.truncate(n);
                r
            }
            (d1, d2) => {
                // One side is an abbreviation, the other is not: as OCaml does, the other side
                // becomes the abbreviation, so that the types keep the names written
                // (`int Lazy.t`, not `int lazy_t`), then its structure meets the expansion.
                // The structures are compared first: linking first would let the comparison
                // meet the abbreviation again through the link, and a plain type linked to an
                // abbreviation of another (`string` and `t = float`) would pass.
                if let Some(e2) = self.abbreviation_to_keep(t1, t2) {
                    self.unify_structures(t1, e2, d1, desc(e2))?;
                    if repr(t1) == t1 {
                        keep_abbreviation(t1, t2);
                    }
                    return Ok(());
                }
                if let Some(e1) = self.abbreviation_to_keep(t2, t1) {
                    self.unify_structures(e1, t2, desc(e1), d2)?;
                    if repr(t2) == t2 {
                        keep_abbreviation(t2, t1);
                    }
                    return Ok(());
                }
                // Try expanding an abbreviation on either side.
                if let TypeDesc::Constr(..) = d1 {
                    if let Some(e1) = try_expand_once_unif(self.env(), t1) {
                        return self.unify(e1, t2);
                    }
                }
                if let TypeDesc::Constr(..) = d2 {
                    if let Some(e2) = try_expand_once_unif(self.env(), t2) {
                        return self.unify(t1, e2);
                    }
                }
                if self.gadt.is_some() && (self.try_add_equation(t1, t2) || self.try_add_equation(t2, t1)) {
                    return Ok(());
                }
                self.fail(t1, t2, UnifyFailure::Mismatch)
            }
        }
    }
}

impl Unifier<'_> {
    /// When `plain` (not an abbreviation) may become the abbreviation `abbrev`: the head
    /// expansion of `abbrev`. Not in GADT mode nor for abbreviations by local equations (the
    /// equation holds in one branch only), not for declarations' own (generic) nodes, and not
    /// when `plain` occurs in `abbrev` (`int list id` would become a cycle).
    fn abbreviation_to_keep(&self, plain: TypeExpr, abbrev: TypeExpr) -> Option<TypeExpr> {
        if self.gadt.is_some() || level(plain) == GENERIC_LEVEL || level(abbrev) == GENERIC_LEVEL {
            return None;
        }
        let TypeDesc::Constr(p, _) = desc(abbrev) else { return None };
        if !matches!(desc(plain), TypeDesc::Constr(..)) || try_expand_once_unif(self.env(), plain).is_some() {
            return None;
        }
        // Only names that stay in scope: a type of the structure being typed or of a
        // compilation unit. A component of a local module (`let module`, an unpacked first-class
        // module, a functor parameter) could escape with the type, and we do not expand such
        // paths when their module goes out of scope as OCaml does.
        let in_scope = match &p {
            Path::Pident(_) => true,
            q => q.head().is_global(),
        };
        let decl = self.env().find_type(&p)?;
        if decl.is_newtype || !in_scope {
            return None;
        }
        let expanded = expand_head_unif(self.env(), abbrev);
        if expanded == abbrev || reaches(abbrev, plain) {
            return None;
        }
        Some(expanded)
    }

    /// Unifies two polymorphic variant types: the merged row replaces both nodes, then the
    /// argument types of common tags are unified (after the merge, so recursive rows stop).
    fn unify_rows(&mut self, t1: TypeExpr, t2: TypeExpr, r1: &Row, r2: &Row) -> Result<(), UnifyError> {
        let mut fields: Vec<(Rc<str>, RowField)> = Vec::new();
        let mut pairs: Vec<(TypeExpr, TypeExpr)> = Vec::new();
        let (mut missing1, mut missing2) = (Vec::new(), Vec::new());
        let mut tags: Vec<Rc<str>> = r1.fields.iter().chain(r2.fields.iter()).map(|(l, _)| l.clone()).collect();
        tags.sort();
        tags.dedup();
        for tag in tags {
            match (r1.field(&tag), r2.field(&tag)) {
                (Some(f1), Some(f2)) => match merge_fields(f1, f2, &mut pairs) {
                    Some(f) => fields.push((tag, f)),
                    None => return self.fail(t1, t2, UnifyFailure::TagIncompatible(tag)),
                },
                (Some(f), None) => match keep_field(f, r2.closed) {
                    Ok(Some(f)) => fields.push((tag, f)),
                    Ok(None) => {}
                    Err(()) => missing2.push(tag),
                },
                (None, Some(f)) => match keep_field(f, r1.closed) {
                    Ok(Some(f)) => fields.push((tag, f)),
                    Ok(None) => {}
                    Err(()) => missing1.push(tag),
                },
                (None, None) => {}
            }
        }
        if !missing1.is_empty() {
            return self.fail(t1, t2, UnifyFailure::VariantTags(true, missing1));
        }
        if !missing2.is_empty() {
            return self.fail(t1, t2, UnifyFailure::VariantTags(false, missing2));
        }
        let closed = r1.closed || r2.closed;
        if closed && fields.is_empty() && !(r1.fields.is_empty() && r2.fields.is_empty()) {
            return self.fail(t1, t2, UnifyFailure::NoIntersection);
        }
        // A fixed row keeps its tags and their presence.
        let unchanged = |r: &Row| {
            r.closed == closed
                && r.fields.len() == fields.len()
                && r.fields.iter().zip(fields.iter()).all(|((l1, f1), (l2, f2))| {
                    l1 == l2 && matches!(f1, RowField::Present(_)) == matches!(f2, RowField::Present(_))
                })
        };
        let (fixed1, fixed2) = (row_fixed(t1), row_fixed(t2));
        if (fixed1 && !unchanged(r1)) || (fixed2 && !unchanged(r2)) {
            return self.fail(t1, t2, UnifyFailure::Mismatch);
        }
        let same_tags = |r: &Row| r.closed == closed && r.fields.len() == fields.len();
        let name = if same_tags(r1) { r1.name.clone() } else if same_tags(r2) { r2.name.clone() } else { None };
        let lvl = level(t1).min(level(t2));
        if let (Some(n), None) = (row_var_name(t1), row_var_name(t2)) {
            set_row_var_name(t2, n);
        }
        if fixed1 {
            set_row_fixed(t2);
        }
        set_desc(t2, TypeDesc::Variant(Rc::new(Row { fields, closed, name })));
        link(t1, t2);
        set_level(t2, lvl);
        for c in children(&desc(t2)) {
            update_level_to(c, lvl);
        }
        for (a, b) in pairs {
            self.unify(a, b).map_err(nested)?;
        }
        Ok(())
    }
}

impl Unifier<'_> {
    /// Unifies two object types, as `unify_rows` does rows: the methods of both (an open type
    /// takes the other's methods; a closed one must already have them) replace both nodes,
    /// then the types of common methods are unified.
    fn unify_objects(&mut self, t1: TypeExpr, t2: TypeExpr, m1: &Methods, m2: &Methods) -> Result<(), UnifyError> {
        // OCaml reports a method the second type lacks before one the first lacks.
        if m2.closed || row_fixed(t2) {
            if let Some((l, _)) = m1.fields.iter().find(|(l, _)| m2.field(l).is_none()) {
                return self.fail(t1, t2, UnifyFailure::MissingMethod(false, l.clone()));
            }
        }
        if m1.closed || row_fixed(t1) {
            if let Some((l, _)) = m2.fields.iter().find(|(l, _)| m1.field(l).is_none()) {
                return self.fail(t1, t2, UnifyFailure::MissingMethod(true, l.clone()));
            }
        }
        let closed = m1.closed || m2.closed;
        if (row_fixed(t1) && !m1.closed && closed) || (row_fixed(t2) && !m2.closed && closed) {
            return self.fail(t1, t2, UnifyFailure::Mismatch);
        }
        let mut fields: Vec<(Rc<str>, TypeExpr)> = m1.fields.clone();
        let mut pairs = Vec::new();
        for (l, t) in &m2.fields {
            match m1.field(l) {
                Some(t0) => pairs.push((l.clone(), t0, *t)),
                None => fields.push((l.clone(), *t)),
            }
        }
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        let lvl = level(t1).min(level(t2));
        if row_fixed(t1) {
            set_row_fixed(t2);
        }
        set_desc(t2, TypeDesc::Object(Rc::new(Methods { fields, closed })));
        link(t1, t2);
        set_level(t2, lvl);
        for c in children(&desc(t2)) {
            update_level_to(c, lvl);
        }
        for (l, a, b) in pairs {
            if self.unify(a, b).is_err() {
                return self.fail(t1, t2, UnifyFailure::MethodIncompatible(l));
            }
        }
        Ok(())
    }
}

/// The field of a tag both rows have; the argument types to unify go to `pairs`.
fn merge_fields(f1: &RowField, f2: &RowField, pairs: &mut Vec<(TypeExpr, TypeExpr)>) -> Option<RowField> {
    use RowField::*;
    match (f1, f2) {
        (Present(None), Present(None)) => Some(Present(None)),
        (Present(Some(a)), Present(Some(b))) => {
            pairs.push((*a, *b));
            Some(Present(Some(*a)))
        }
        (Present(None), Either(c, ts, _)) | (Either(c, ts, _), Present(None)) => (*c && ts.is_empty()).then_some(Present(None)),
        (Present(Some(a)), Either(c, ts, _)) | (Either(c, ts, _), Present(Some(a))) => {
            if *c {
                return None;
            }
            pairs.extend(ts.iter().map(|t| (*t, *a)));
            Some(Present(Some(*a)))
        }
        (Either(c1, ts1, m1), Either(c2, ts2, m2)) => {
            let c = *c1 || *c2;
            let m = *m1 || *m2;
            let mut ts: Vec<TypeExpr> = ts1.to_vec();
            for t in ts2.iter() {
                if !ts.iter().any(|x| same_type(*x, *t)) {
                    ts.push(*t);
                }
            }
            if m && ts.len() > 1 {
                // A tag matched by a pattern has one argument type: the conjunction collapses.
                if c {
                    return None;
                }
                pairs.extend(ts[1..].iter().map(|t| (*t, ts[0])));
                ts.truncate(1);
            }
            Some(Either(c, ts.into(), m))
        }
        (Present(_), Present(_)) => None,
    }
}

/// A tag only one row has, when the other row is `closed` or not: kept, dropped (`Ok(None)`),
/// or refused.
fn keep_field(f: &RowField, other_closed: bool) -> Result<Option<RowField>, ()> {
    if !other_closed {
        return Ok(Some(f.clone()));
    }
    match f {
        RowField::Either(_, _, false) => Ok(None),
        _ => Err(()),
    }
}

/// Structural equality of two types (no unification): keeps the conjunctions of
/// `[< `A of int & int ]` from repeating a type.
fn same_type(a: TypeExpr, b: TypeExpr) -> bool {
    let (a, b) = (repr(a), repr(b));
    if a == b {
        return true;
    }
    match (desc(a), desc(b)) {
        (TypeDesc::Constr(p1, as1), TypeDesc::Constr(p2, as2)) => {
            p1 == p2 && as1.len() == as2.len() && as1.iter().zip(as2.iter()).all(|(x, y)| same_type(*x, *y))
        }
        (TypeDesc::Tuple(ts1), TypeDesc::Tuple(ts2)) => {
            ts1.len() == ts2.len() && ts1.iter().zip(ts2.iter()).all(|(x, y)| same_type(*x, *y))
        }
        (TypeDesc::Arrow(l1, a1, r1), TypeDesc::Arrow(l2, a2, r2)) => l1 == l2 && same_type(a1, a2) && same_type(r1, r2),
        _ => false,
    }
}

/// Makes `plain` an alias of the abbreviation `abbrev`, at the lower of their levels.
fn keep_abbreviation(plain: TypeExpr, abbrev: TypeExpr) {
    update_level_to(abbrev, level(plain).min(level(abbrev)));
    link(plain, abbrev);
}

/// Is the node `target` reachable from `t`?
fn reaches(t: TypeExpr, target: TypeExpr) -> bool {
    let target = repr(target);
    walk_nodes(t, |t, _| if t == target { Walk::Stop } else { Walk::Descend })
}

fn nested(mut e: UnifyError) -> UnifyError {
    e.nested = true;
    e
}

/// Does the variable `v` occur in `t`?
pub fn occurs(v: TypeExpr, t: TypeExpr) -> bool {
    let v = repr(v);
    walk_nodes(t, |t, d| match d {
        _ if t == v => Walk::Stop,
        // Recursion through a polymorphic variant is allowed (as in OCaml).
        TypeDesc::Variant(r) if !r.is_static() => Walk::Skip,
        TypeDesc::Object(_) => Walk::Skip,
        _ => Walk::Descend,
    })
}

/// `-rectypes`' occurs check: does the variable `v` occur in `t` other than under a type
/// constructor that guards recursion (an arrow, a tuple, a variant or record type, a
/// predefined type, a polymorphic variant)? Under an abbreviation or an abstract type the
/// occurrence counts unless expanding the abbreviation makes it disappear or guarded.
fn occurs_unguarded(env: &Env, v: TypeExpr, t: TypeExpr) -> bool {
    fn go(env: &Env, v: TypeExpr, t: TypeExpr, visited: &mut Vec<TypeExpr>) -> bool {
        let t = repr(t);
        if t == v {
            return true;
        }
        let TypeDesc::Constr(p, args) = desc(t) else { return false };
        if is_contractive(env, &p) {
            return false;
        }
        if visited.contains(&t) {
            // A cycle through abbreviations only: nothing guards it.
            return true;
        }
        visited.push(t);
        let found = args.iter().any(|a| go(env, v, *a, visited))
            && match try_expand_once(env, t) {
                Some(e) => go(env, v, e, visited),
                None => true,
            };
        visited.pop();
        found
    }
    go(env, repr(v), t, &mut Vec::new())
}

/// Does the type constructor `p` guard recursion (`-rectypes`)? A variant, record or
/// extensible type, or a predefined type without manifest (`int`, `list`, `array`).
pub fn is_contractive(env: &Env, p: &Path) -> bool {
    let Some(d) = env.find_type(p) else { return false };
    let predef_abstract = matches!(p, Path::Pident(id) if id.kind == super::ident::IdentKind::Predef) && d.manifest.is_none();
    predef_abstract || !matches!(d.kind, TypeKind::Abstract)
}

/// Is `t` an arrow after expansion? Returns (label, arg, result).
pub fn expand_arrow(env: &Env, t: TypeExpr) -> Option<(ArgLabel, TypeExpr, TypeExpr)> {
    match desc(expand_head(env, t)) {
        TypeDesc::Arrow(l, a, r) => Some((l, a, r)),
        _ => None,
    }
}

/// Does `t` unify with `t2` (without changing anything)?
pub fn unifiable(env: &Env, t1: TypeExpr, t2: TypeExpr) -> bool {
    let snap = snapshot();
    let ok = unify(env, t1, t2).is_ok();
    backtrack(snap);
    ok
}

/// Is the generic `general` at least as general as `specific`? (Used to match a value's
/// inferred type against its declared type in a signature.)
/// As in OCaml, the non-generalized variables of `general` are instantiated for good when the
/// check succeeds (`let f x = (module struct let v = x end : S)` fixes the type of `x`).
pub fn moregeneral(env: &Env, general: TypeExpr, specific: TypeExpr) -> bool {
    let snap = snapshot();
    let nongen: Vec<TypeExpr> = free_variables(general).into_iter().filter(|v| level(*v) != GENERIC_LEVEL).collect();
    begin_def();
    let g = instance(general);
    // The specific type's generic variables become rigid: fresh abstract constructors.
    let s = rigid_instance(specific);
    end_def();
    let ok = unify(env, g, s).is_ok() && !nongen.iter().any(|v| mentions_rigid(*v));
    if !ok || nongen.is_empty() {
        backtrack(snap);
    } else {
        commit(snap);
    }
    ok
}

/// Does `t` contain one of the rigid constructors of `rigid_instance`?
fn mentions_rigid(t: TypeExpr) -> bool {
    find_constr(t, |p| matches!(p, Path::Pident(id) if id.name() == "$rigid")).is_some()
}

/// Instance of a scheme where every generic variable becomes a distinct univar (rigid).
fn rigid_instance(t: TypeExpr) -> TypeExpr {
    let mut c = Copier::new();
    for v in free_variables_generic(t) {
        let rigid = super::ident::Ident::create("$rigid");
        let u = newty(TypeDesc::Constr(Path::Pident(rigid), Rc::from(vec![])));
        c.bind(v, u);
    }
    let copy = c.copy(t);
    // Its polymorphic variant rows are rigid too.
    walk_nodes(copy, |x, d| {
        if matches!(d, TypeDesc::Variant(r) if !r.is_static()) || matches!(d, TypeDesc::Object(m) if !m.closed) {
            set_row_fixed(x);
        }
        Walk::Descend
    });
    copy
}

fn free_variables_generic(t: TypeExpr) -> Vec<TypeExpr> {
    free_variables(t).into_iter().filter(|v| level(*v) == GENERIC_LEVEL).collect()
}

/// The type `unit`, `int` etc. at the current level.
pub fn is_unit(env: &Env, t: TypeExpr) -> bool {
    is_type_path(env, t, &predef::path_unit())
}

/// Why a coercion failed: the pairs of types from the outside in (OCaml prints the first and
/// the last), and the tags a closed variant type lacks, if that is the reason.
#[derive(Clone, Debug, Default)]
pub struct SubtypeError {
    pub trace: Vec<(TypeExpr, TypeExpr)>,
    pub missing_tags: Vec<Rc<str>>,
    /// The method the first object type lacks, if that is the reason.
    pub missing_method: Option<Rc<str>>,
}

/// Coercion `(e :> t)`: is `t1` a subtype of `t2`? Polymorphic variants: a closed row is a
/// subtype of a row with more tags (argument types covariant); functions contravariant in
/// their argument, tuples and covariant type parameters componentwise; a private abbreviation
/// on the left is its definition; elsewhere the types must unify. On failure nothing changes.
pub fn subtype(env: &Env, t1: TypeExpr, t2: TypeExpr) -> Result<(), SubtypeError> {
    let snap = snapshot();
    match subtype_rec(env, t1, t2, &mut Vec::new()) {
        Ok(()) => {
            commit(snap);
            Ok(())
        }
        Err(e) => {
            backtrack(snap);
            Err(e)
        }
    }
}

fn subtype_rec(env: &Env, t1: TypeExpr, t2: TypeExpr, seen: &mut Vec<(TypeExpr, TypeExpr)>) -> Result<(), SubtypeError> {
    let (t1, t2) = (repr(t1), repr(t2));
    if t1 == t2 || seen.contains(&(t1, t2)) {
        return Ok(());
    }
    seen.push((t1, t2));
    let here = || SubtypeError { trace: vec![(t1, t2)], ..Default::default() };
    // The inner failure, behind this pair.
    let within = |e: SubtypeError| SubtypeError { trace: std::iter::once((t1, t2)).chain(e.trace).collect(), ..e };
    let unified = |a: TypeExpr, b: TypeExpr| unify(env, a, b).map_err(|_| here());
    let (e1, e2) = (expand_head(env, t1), expand_head_unif(env, t2));
    match (desc(e1), desc(e2)) {
        (TypeDesc::Variant(r1), TypeDesc::Variant(r2)) if r1.closed => {
            let missing: Vec<Rc<str>> = if r2.closed {
                r1.fields.iter().filter(|(l, f)| r2.field(l).is_none() && !matches!(f, RowField::Either(..))).map(|(l, _)| l.clone()).collect()
            } else {
                vec![]
            };
            if !missing.is_empty() {
                return Err(SubtypeError { trace: vec![(t1, t2)], missing_tags: missing, missing_method: None });
            }
            for (l, f1) in r1.fields.iter() {
                let a1: Vec<TypeExpr> = match f1 {
                    RowField::Present(a) => a.iter().copied().collect(),
                    RowField::Either(_, ts, _) => ts.to_vec(),
                };
                match r2.field(l) {
                    Some(RowField::Present(a2)) => match (a1.as_slice(), a2) {
                        ([], None) => {}
                        (ts, Some(b)) if !ts.is_empty() => {
                            for a in ts {
                                subtype_rec(env, *a, *b, seen).map_err(within)?;
                            }
                        }
                        _ => return Err(here()),
                    },
                    Some(RowField::Either(..)) => unified(e1, e2)?,
                    None => unified(e1, e2)?,
                }
            }
            Ok(())
        }
        (TypeDesc::Object(m1), TypeDesc::Object(m2)) if m2.closed => {
            // Width: the target's methods are a subset; depth: each method's type is a
            // subtype (monomorphic methods; polymorphic ones must unify).
            if let Some((l, _)) = m2.fields.iter().find(|(l, _)| m1.field(l).is_none()) {
                return Err(SubtypeError { trace: vec![(t1, t2)], missing_tags: vec![], missing_method: Some(l.clone()) });
            }
            for (l, f2) in m2.fields.iter() {
                let Some(f1) = m1.field(l) else { continue };
                match (desc(f1), desc(*f2)) {
                    (TypeDesc::Poly(b1, v1), TypeDesc::Poly(b2, v2)) if v1.is_empty() && v2.is_empty() => {
                        subtype_rec(env, b1, b2, seen).map_err(within)?
                    }
                    _ => unified(f1, *f2)?,
                }
            }
            Ok(())
        }
        (TypeDesc::Arrow(l1, a1, r1), TypeDesc::Arrow(l2, a2, r2)) if l1 == l2 => {
            subtype_rec(env, a2, a1, seen).map_err(within)?;
            subtype_rec(env, r1, r2, seen).map_err(within)
        }
        (TypeDesc::Tuple(ts1), TypeDesc::Tuple(ts2)) if ts1.len() == ts2.len() => {
            for (a, b) in ts1.iter().zip(ts2.iter()) {
                subtype_rec(env, *a, *b, seen).map_err(within)?;
            }
            Ok(())
        }
        (TypeDesc::Constr(p1, as1), TypeDesc::Constr(p2, as2)) if env.same_type_path(&p1, &p2) && as1.len() == as2.len() => {
            let variance = env.find_type(&p1).map(|d| d.variance.clone()).unwrap_or_default();
            for (i, (a, b)) in as1.iter().zip(as2.iter()).enumerate() {
                match variance.get(i) {
                    Some((true, false)) => subtype_rec(env, *a, *b, seen).map_err(within)?,
                    _ => unified(*a, *b)?,
                }
            }
            Ok(())
        }
        _ => unified(t1, t2),
    }
}
