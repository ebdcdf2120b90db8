//! Typing of expressions and patterns (OCaml's Typecore): HM inference with levels,
//! let-polymorphism with the relaxed value restriction, type-directed disambiguation of
//! constructors and record fields, labelled and optional arguments.

use super::ctype::{self, UnifyError};
use super::env::{Env, Kind};
use super::errors::{ErrorKind, TypeError, Warning};
use super::ident::{Ident, IdentKind};
use super::path::Path;
use super::predef;
use super::principal;
use super::typedtree as T;
use super::types::*;
use super::typetexp::{self, TypeVars, VarPolicy};
use crate::parsing::asttypes::{ArgLabel as PLabel, ClosedFlag, Constant as PConst, RecFlag};
use crate::parsing::location::{Located, Location};
use crate::parsing::longident::Longident;
use crate::parsing::parsetree as P;
use rustc_hash::{FxHashMap, FxHashSet};
use std::rc::Rc;

type R<T> = Result<T, TypeError>;

/// The name `let open struct .. end in e` binds its structure to (not a valid module name;
/// types print without it, as they do after the open).
pub const OPENED_STRUCT: &str = "open*";

#[path = "typeobj.rs"]
mod typeobj;
#[path = "typeclass.rs"]
pub mod typeclass;

/// A variable bound by a pattern.
#[derive(Clone, Debug)]
pub struct BoundVar {
    pub id: Ident,
    pub name: Located<String>,
    pub ty: TypeExpr,
    /// A module bound by a `(module M)` pattern, with its module type.
    pub module: Option<ModuleType>,
}

/// Which warning an unused variable of a binding site gets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum UnusedKind {
    /// `let x = .. in`: warning 26.
    Let,
    /// function parameters and match cases: warning 27.
    Strict,
}

pub struct Typer {
    pub warnings: Vec<Warning>,
    /// Unused-variable warnings: OCaml reports them after all others, at the end of the unit.
    pub deferred: Vec<Warning>,
    /// Named type variables of annotations in the current toplevel definition.
    pub type_vars: TypeVars,
    /// The level at which annotation variables live (the toplevel definition's).
    pub global_level: i32,
    used: FxHashSet<u32>,
    /// Labels of the inline record of the constructor whose argument is being typed.
    inline_labels: Option<Rc<[Rc<LabelDescription>]>>,
    /// Type equations found so far in the pattern being typed (GADT constructors refining
    /// locally abstract types); they hold in that pattern's branch only.
    gadt_eqs: Vec<ctype::Equation>,
    /// Existential types introduced by the GADT constructors of the pattern being typed.
    existentials: Vec<Path>,
    /// Statements (`e;`) whose type was still unknown: checked again once the structure is
    /// typed (`let rec y = (y; 2)` warns, as in OCaml).
    pending_statements: Vec<(Env, T::Expression)>,
    /// The objects whose methods are being typed, innermost last.
    objects: Vec<typeobj::ObjectScope>,
    /// `inherit .. as alias` in scope in the method being typed (innermost last).
    supers: Vec<typeclass::SuperAlias>,
    /// The last immediate object typed (a class reads its fields from it).
    last_object: Option<typeobj::ObjectSig>,
}

impl Default for Typer {
    fn default() -> Self {
        Typer::new()
    }
}

fn err<T>(loc: &Location, k: ErrorKind) -> R<T> {
    Err(TypeError::new(loc, k))
}

fn mk(desc: T::ExpressionDesc, loc: &Location, ty: TypeExpr) -> T::Expression {
    T::Expression { desc, loc: loc.clone(), ty }
}

impl Typer {
    pub fn new() -> Typer {
        Typer { warnings: Vec::new(), deferred: Vec::new(), type_vars: TypeVars::default(), global_level: 1, used: FxHashSet::default(), inline_labels: None, gadt_eqs: Vec::new(), existentials: Vec::new(), pending_statements: Vec::new(), objects: Vec::new(), supers: Vec::new(), last_object: None }
    }

    /// All warnings in OCaml's order of report.
    pub fn take_warnings(&mut self) -> Vec<Warning> {
        let mut w = std::mem::take(&mut self.warnings);
        self.deferred.sort_by_key(|w| w.loc.start.cnum);
        w.append(&mut self.deferred);
        w
    }

    pub fn warn(&mut self, loc: &Location, number: u32, message: impl Into<String>) {
        self.warnings.push(Warning { loc: loc.clone(), number, message: message.into() });
    }

    /// Starts a new toplevel definition: annotation variables are forgotten.
    pub fn reset_type_vars(&mut self) {
        self.type_vars = TypeVars::default();
    }

    fn unify_exp(&self, env: &Env, loc: &Location, ty: TypeExpr, expected: TypeExpr) -> R<()> {
        let expected = principal::instance(expected);
        ctype::unify(env, ty, expected).map_err(|e| TypeError::new(loc, ErrorKind::ExprTypeClash(e, None)).with_env(env))
    }

    fn unify_pat(&self, env: &Env, loc: &Location, ty: TypeExpr, expected: TypeExpr) -> R<()> {
        let expected = principal::instance(expected);
        ctype::unify(env, ty, expected).map_err(|e| TypeError::new(loc, ErrorKind::PatternTypeClash(e)).with_env(env))
    }

    /// Translates an annotation; its named variables live at the definition's level.
    pub fn transl_annot(&mut self, env: &Env, sty: &P::CoreType) -> R<TypeExpr> {
        let before: FxHashSet<String> = self.type_vars.vars.keys().cloned().collect();
        let t = typetexp::transl_type(env, &mut self.type_vars, VarPolicy::Extensible, sty).map_err(|e| e.with_env(env))?;
        let gl = self.global_level;
        for (n, v) in self.type_vars.vars.iter() {
            if !before.contains(n) {
                ctype::update_level_to(*v, gl);
            }
        }
        Ok(t)
    }

    // =========================================================================================
    // Constants

    pub fn constant(&self, c: &PConst, loc: &Location) -> R<(T::Constant, TypeExpr)> {
        match c {
            PConst::Integer(s, suffix) => match suffix {
                None => {
                    let v = parse_int(s, 63).ok_or_else(|| TypeError::new(loc, ErrorKind::IntegerOverflow("int")))?;
                    Ok((T::Constant::Int(v), predef::type_int()))
                }
                Some('l') => {
                    let v = parse_int(s, 32).ok_or_else(|| TypeError::new(loc, ErrorKind::IntegerOverflow("int32")))?;
                    Ok((T::Constant::Int32(v as i32), predef::type_int32()))
                }
                Some('L') => {
                    let v = parse_int(s, 64).ok_or_else(|| TypeError::new(loc, ErrorKind::IntegerOverflow("int64")))?;
                    Ok((T::Constant::Int64(v), predef::type_int64()))
                }
                Some('n') => {
                    let v = parse_int(s, 64).ok_or_else(|| TypeError::new(loc, ErrorKind::IntegerOverflow("nativeint")))?;
                    Ok((T::Constant::Nativeint(v), predef::type_nativeint()))
                }
                Some(c) => err(loc, ErrorKind::Message(format!("Unknown modifier '{}' for literal {}{}", c, s, c))),
            },
            PConst::Char(c) => Ok((T::Constant::Char(*c), predef::type_char())),
            PConst::String(s, _, _) => Ok((T::Constant::String(s.clone()), predef::type_string())),
            PConst::Float(s, suffix) => match suffix {
                None => Ok((T::Constant::Float(s.replace('_', "")), predef::type_float())),
                Some(c) => err(loc, ErrorKind::Message(format!("Unknown modifier '{}' for literal {}{}", c, s, c))),
            },
        }
    }

    // =========================================================================================
    // Patterns

    /// Types a pattern against `expected`, collecting the variables it binds.
    pub fn pattern(&mut self, env: &Env, sp: &P::Pattern, expected: TypeExpr, vars: &mut Vec<BoundVar>) -> R<T::Pattern> {
        let refined;
        let env = if self.gadt_eqs.is_empty() {
            env
        } else {
            refined = self.with_equations(env, &self.gadt_eqs);
            &refined
        };
        let loc = &sp.loc;
        let pk = |desc, ty| T::Pattern { desc, loc: loc.clone(), ty };
        match &sp.desc {
            P::PatternDesc::Any => Ok(pk(T::PatternDesc::Any, expected)),
            P::PatternDesc::Var(name) => {
                let id = self.bind_var(name, expected, vars)?;
                Ok(pk(T::PatternDesc::Var(id, name.clone()), expected))
            }
            P::PatternDesc::Alias(p, name) => {
                let tp = self.pattern(env, p, expected, vars)?;
                // `C _ as x`: x's type only keeps what the pattern constrains.
                let as_ty = build_as_type(env, &tp);
                let id = self.bind_var(name, as_ty, vars)?;
                let ty = tp.ty;
                Ok(pk(T::PatternDesc::Alias(Box::new(tp), id, name.clone()), ty))
            }
            P::PatternDesc::Constant(c) => {
                let (c, ty) = self.constant(c, loc)?;
                self.unify_pat(env, loc, ty, expected)?;
                Ok(pk(T::PatternDesc::Constant(c), expected))
            }
            P::PatternDesc::Interval(c1, c2) => {
                // Only character intervals: expand to an or-pattern of characters.
                match (c1, c2) {
                    (PConst::Char(a), PConst::Char(b)) => {
                        self.unify_pat(env, loc, predef::type_char(), expected)?;
                        let (lo, hi) = if a <= b { (*a, *b) } else { (*b, *a) };
                        let mut p = pk(T::PatternDesc::Constant(T::Constant::Char(hi)), expected);
                        for c in (lo..hi).rev() {
                            let left = pk(T::PatternDesc::Constant(T::Constant::Char(c)), expected);
                            p = pk(T::PatternDesc::Or(Box::new(left), Box::new(p)), expected);
                        }
                        Ok(p)
                    }
                    _ => err(loc, ErrorKind::Message("Only character intervals are supported in patterns.".into())),
                }
            }
            P::PatternDesc::Tuple(ps) => {
                let start = principal::on().then(principal::start);
                let tys: Vec<TypeExpr> = ps.iter().map(|_| ctype::newvar()).collect();
                let tt = ctype::newty(TypeDesc::Tuple(tys.clone().into()));
                self.unify_pat(env, loc, tt, expected)?;
                if let Some(s) = start {
                    tys.iter().for_each(|t| principal::mark_new(*t, s));
                }
                let mut out = Vec::new();
                for (p, t) in ps.iter().zip(tys) {
                    out.push(self.pattern(env, p, t, vars)?);
                }
                Ok(pk(T::PatternDesc::Tuple(out), expected))
            }
            P::PatternDesc::Construct(lid, arg) => {
                let cd = self.disambiguate_constructor(env, lid, expected, "pattern")?;
                let sargs: Vec<&P::Pattern> = match arg {
                    None => vec![],
                    Some((_, p)) => match &p.desc {
                        P::PatternDesc::Tuple(ps) if cd.arity > 1 => ps.iter().collect(),
                        _ => vec![&**p],
                    },
                };
                // `C _` matches all arguments of a constructor of any arity.
                let wildcard_all = cd.arity != 1 && sargs.len() == 1 && matches!(sargs[0].desc, P::PatternDesc::Any);
                if !wildcard_all && sargs.len() != cd.arity {
                    return err(loc, ErrorKind::ConstructorArity(lid.txt.clone(), cd.arity, sargs.len()));
                }
                let start = principal::on().then(principal::start);
                let (ty_args, ty_res) = ctype::instance_constructor(&cd);
                if cd.generalized {
                    self.make_existentials_abstract(&cd.name, &ty_args, ty_res);
                    // A GADT constructor may refine the locally abstract types of `expected`.
                    let eqs = ctype::unify_gadt(env, ty_res, expected).map_err(|e| TypeError::new(loc, ErrorKind::PatternTypeClash(e)).with_env(env))?;
                    self.gadt_eqs.extend(eqs);
                } else {
                    self.unify_pat(env, loc, ty_res, expected)?;
                }
                if let Some(s) = start {
                    ty_args.iter().for_each(|t| principal::mark_new(*t, s));
                }
                let mut args = Vec::new();
                if wildcard_all {
                    for t in ty_args {
                        args.push(T::Pattern { desc: T::PatternDesc::Any, loc: sargs[0].loc.clone(), ty: t });
                    }
                } else {
                    for (p, t) in sargs.into_iter().zip(ty_args) {
                        let saved = std::mem::replace(&mut self.inline_labels, cd.inline_record.clone());
                        let r = self.pattern(env, p, t, vars);
                        self.inline_labels = saved;
                        args.push(r?);
                    }
                }
                Ok(pk(T::PatternDesc::Construct(lid.clone(), cd, args), expected))
            }
            P::PatternDesc::Record(fields, closed) => {
                let labels = self.disambiguate_labels(env, loc, fields.iter().map(|(l, _)| l), expected, *closed == ClosedFlag::Closed)?;
                let mut out = Vec::new();
                let mut ty_record = None;
                let start = principal::on().then(principal::start);
                for ((lid, p), ld) in fields.iter().zip(labels) {
                    let (ty_res, ty_arg) = ctype::instance_label(&ld);
                    match ty_record {
                        None => {
                            self.unify_pat(env, loc, ty_res, expected)?;
                            ty_record = Some(ty_res);
                        }
                        Some(r) => self.unify_pat(env, loc, ty_res, r)?,
                    }
                    if let Some(s) = start {
                        principal::mark_new(ty_arg, s);
                    }
                    // A variable bound to a polymorphic field keeps its polymorphic type.
                    let ty_arg = match &p.desc {
                        P::PatternDesc::Var(_) | P::PatternDesc::Any => ty_arg,
                        _ => ctype::instance_if_poly(ty_arg),
                    };
                    let tp = self.pattern(env, p, ty_arg, vars)?;
                    out.push((lid.clone(), ld, tp));
                }
                Ok(pk(T::PatternDesc::Record(out, *closed), expected))
            }
            P::PatternDesc::Array(ps) => {
                let start = principal::on().then(principal::start);
                let elt = ctype::newvar();
                self.unify_pat(env, loc, ctype::newty(TypeDesc::Constr(predef::path_array(), vec![elt].into())), expected)?;
                if let Some(s) = start {
                    principal::mark_new(elt, s);
                }
                let mut out = Vec::new();
                for p in ps {
                    out.push(self.pattern(env, p, elt, vars)?);
                }
                Ok(pk(T::PatternDesc::Array(out), expected))
            }
            P::PatternDesc::Or(p1, p2) => {
                let mut v1 = Vec::new();
                let mut v2 = Vec::new();
                // Equations found by GADT constructors inside an or-pattern do not hold for
                // the whole case (each side may refine differently): both sides see only
                // the equations found before, and theirs are dropped.
                let eqs_before = self.gadt_eqs.clone();
                let t1 = self.pattern(env, p1, expected, &mut v1);
                self.gadt_eqs = eqs_before.clone();
                let t1 = t1?;
                let t2 = self.pattern(env, p2, expected, &mut v2);
                self.gadt_eqs = eqs_before;
                let t2 = t2?;
                // Both sides bind the same variables, with the same types; the right side's
                // identifiers are renamed to the left side's.
                for b in &v1 {
                    if !v2.iter().any(|x| x.name.txt == b.name.txt) {
                        return err(loc, ErrorKind::OrPatternVars(b.name.txt.clone()));
                    }
                }
                for b in &v2 {
                    match v1.iter().find(|x| x.name.txt == b.name.txt) {
                        None => return err(loc, ErrorKind::OrPatternVars(b.name.txt.clone())),
                        Some(a) => {
                            ctype::unify(env, a.ty, b.ty)
                                .map_err(|e| TypeError::new(loc, ErrorKind::OrPatternTypeClash(a.name.txt.clone(), e)).with_env(env))?;
                        }
                    }
                }
                let renames: FxHashMap<u32, Ident> = v2
                    .iter()
                    .filter_map(|b| v1.iter().find(|a| a.name.txt == b.name.txt).map(|a| (b.id.stamp, a.id.clone())))
                    .collect();
                let t2 = rename_pattern(t2, &renames);
                for b in v1 {
                    if vars.iter().any(|x| x.name.txt == b.name.txt) {
                        return err(&b.name.loc, ErrorKind::MultiplyBoundVariable(b.name.txt.clone()));
                    }
                    vars.push(b);
                }
                Ok(pk(T::PatternDesc::Or(Box::new(t1), Box::new(t2)), expected))
            }
            P::PatternDesc::Constraint(p, sty) => {
                let start = principal::on().then(principal::start);
                let ty = self.transl_annot(env, sty)?;
                if let Some(s) = start {
                    principal::mark_new(ty, s);
                }
                let ty = match desc(ty) {
                    TypeDesc::Poly(b, vs) if vs.is_empty() => b,
                    TypeDesc::Poly(..) => ctype::instance_poly(ty),
                    _ => ty,
                };
                // Principal mode: the annotation stays known for the inner pattern; the
                // pattern's own type, which the rest of the program sees, is a copy.
                let outer = principal::instance(ty);
                self.unify_pat(env, loc, outer, expected)?;
                let tp = self.pattern(env, p, ty, vars)?;
                Ok(T::Pattern { loc: loc.clone(), ty: if start.is_some() { outer } else { tp.ty }, ..tp })
            }
            P::PatternDesc::Lazy(p) => {
                let start = principal::on().then(principal::start);
                let a = ctype::newvar();
                self.unify_pat(env, loc, ctype::newty(TypeDesc::Constr(predef::path_lazy_t(), vec![a].into())), expected)?;
                if let Some(s) = start {
                    principal::mark_new(a, s);
                }
                let tp = self.pattern(env, p, a, vars)?;
                Ok(pk(T::PatternDesc::Lazy(Box::new(tp)), expected))
            }
            P::PatternDesc::Open(lid, p) => {
                let m = env.lookup_module_as_written(&lid.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &lid.loc))?;
                let mut env2 = env.clone();
                env2.open_module(&m.path);
                self.pattern(&env2, p, expected, vars)
            }
            P::PatternDesc::Exception(_) => {
                err(loc, ErrorKind::Message("Exception patterns are not allowed in this position.".into()))
            }
            P::PatternDesc::Variant(tag, arg) => {
                let tag: Rc<str> = Rc::from(tag.as_str());
                let arg_ty = arg.as_ref().map(|_| ctype::newvar());
                let field = RowField::Either(arg.is_none(), arg_ty.into_iter().collect(), true);
                let row = Row { fields: vec![(tag.clone(), field)], closed: false, name: None };
                self.unify_pat(env, loc, ctype::newty(TypeDesc::Variant(Rc::new(row))), expected)?;
                let targ = match (arg, arg_ty) {
                    (Some(p), Some(t)) => Some(Box::new(self.pattern(env, p, t, vars)?)),
                    _ => None,
                };
                Ok(pk(T::PatternDesc::Variant(tag, targ), expected))
            }
            P::PatternDesc::Type(lid) => self.type_hash_pattern(env, loc, lid, expected),
            P::PatternDesc::Unpack(name) => {
                let mty = package_module_type(env, expected, loc)?;
                match &name.txt {
                    None => Ok(pk(T::PatternDesc::Any, expected)),
                    Some(n) => {
                        let lname = Located::new(n.clone(), name.loc.clone());
                        let id = self.bind_var(&lname, expected, vars)?;
                        if let Some(v) = vars.last_mut() {
                            v.module = Some(mty);
                        }
                        Ok(pk(T::PatternDesc::Var(id, lname), expected))
                    }
                }
            }
            P::PatternDesc::Extension((name, _)) => err(&name.loc, ErrorKind::Message(format!("Uninterpreted extension '{}'.", name.txt))),
        }
    }

    /// The variables of a GADT constructor's arguments that its result does not mention
    /// become fresh abstract types (`$C_'a`), which must not escape the case.
    fn make_existentials_abstract(&mut self, cname: &str, args: &[TypeExpr], res: TypeExpr) {
        let in_res = ctype::free_variables(res);
        let mut seen = Vec::new();
        for a in args {
            for v in ctype::free_variables(*a) {
                if in_res.contains(&v) || seen.contains(&v) {
                    continue;
                }
                seen.push(v);
                let name = match desc(v) {
                    TypeDesc::Var(Some(n)) => format!("${}_'{}", cname, n),
                    _ => format!("${}", cname),
                };
                let path = Path::Pident(Ident::create(&name));
                link(v, ctype::newty(TypeDesc::Constr(path.clone(), Rc::from(vec![]))));
                self.existentials.push(path);
            }
        }
    }

    /// `env` with the GADT equations `eqs` added.
    fn with_equations(&self, env: &Env, eqs: &[ctype::Equation]) -> Env {
        let mut env = env.clone();
        for (id, decl) in eqs {
            env.add_type(id, decl.clone());
        }
        env
    }

    /// Types a pattern whose GADT equations must not outlive it (let-bound patterns): they
    /// are dropped after it.
    fn pattern_no_eqs(&mut self, env: &Env, sp: &P::Pattern, expected: TypeExpr, vars: &mut Vec<BoundVar>) -> R<T::Pattern> {
        let saved = std::mem::take(&mut self.gadt_eqs);
        let r = self.pattern(env, sp, expected, vars);
        self.gadt_eqs = saved;
        r
    }

    fn bind_var(&mut self, name: &Located<String>, ty: TypeExpr, vars: &mut Vec<BoundVar>) -> R<Ident> {
        if vars.iter().any(|v| v.name.txt == name.txt) {
            return err(&name.loc, ErrorKind::MultiplyBoundVariable(name.txt.clone()));
        }
        let id = Ident::create(&name.txt);
        vars.push(BoundVar { id: id.clone(), name: name.clone(), ty, module: None });
        Ok(id)
    }

    pub fn add_vars(env: &Env, vars: &[BoundVar]) -> Env {
        let mut env = env.clone();
        for v in vars {
            match &v.module {
                Some(mty) => env.add_module(&v.id, Rc::new(ModuleDeclaration { mty: mty.clone(), loc: v.name.loc.clone() })),
                None => env.add_local_value(&v.id, Rc::new(ValueDescription { ty: v.ty, kind: ValueKind::Regular, loc: v.name.loc.clone(), deprecated: None })),
            }
        }
        env
    }

    fn check_unused(&mut self, vars: &[BoundVar], kind: UnusedKind) {
        for v in vars {
            if v.name.txt.starts_with('_') || self.used.contains(&v.id.stamp) || v.module.is_some() {
                continue;
            }
            let (n, strict) = match kind {
                UnusedKind::Let => (26, false),
                UnusedKind::Strict => (27, true),
            };
            let _ = strict;
            self.deferred.push(Warning { loc: v.name.loc.clone(), number: n, message: format!("unused variable {}.", v.name.txt) });
        }
    }

    // =========================================================================================
    // Disambiguation

    /// The constructor named by `lid`, chosen using the expected type when it is known.
    fn disambiguate_constructor(&mut self, env: &Env, lid: &Located<Longident>, expected: TypeExpr, what: &'static str) -> R<Rc<ConstructorDescription>> {
        let name = lid.txt.last();
        let expected_path = match desc(ctype::expand_head(env, expected)) {
            TypeDesc::Constr(p, _) => Some(p),
            _ => None,
        };
        let candidates = env.lookup_all_constructors(&lid.txt);
        if let Some(p) = &expected_path {
            if p == &predef::path_exn() {
                // Extensible: the candidates in scope are the ones to use.
            } else if let Some(td) = env.find_type_data(p) {
                if !td.constrs.is_empty() || matches!(td.decl.kind, TypeKind::Variant(_)) {
                    if let Longident::Lident(_) = &lid.txt {
                        if let Some(cd) = td.constrs.iter().find(|c| &*c.name == name) {
                            self.check_principal_constructor(lid, expected, &candidates, p);
                            return Ok(cd.clone());
                        }
                        if candidates.is_err() || !matches!(td.decl.kind, TypeKind::Open) {
                            return err(&lid.loc, ErrorKind::NoConstructorInType(expected, super::printtyp::path_name(p), name.to_string(), what));
                        }
                    } else if let Ok(cs) = &candidates {
                        if let Some(cd) = cs.iter().find(|c| &c.type_path == p) {
                            self.check_principal_constructor(lid, expected, &candidates, p);
                            return Ok(cd.clone());
                        }
                    }
                }
            }
        }
        match candidates {
            Ok(cs) => Ok(cs[0].clone()),
            Err(e) => Err(typetexp::unbound(env, e.kind, &e.lid, &lid.loc)),
        }
    }

    /// Principal mode: a constructor chosen from an expected type that is not known, where its
    /// name alone would have chosen another type's, gets warning 18.
    fn check_principal_constructor<E>(&mut self, lid: &Located<Longident>, expected: TypeExpr, candidates: &Result<Vec<Rc<ConstructorDescription>>, E>, p: &Path) {
        if principal::known(expected) {
            return;
        }
        let by_name = matches!(candidates, Ok(cs) if cs.first().map(|c| &c.type_path == p).unwrap_or(false));
        if !by_name {
            self.warn(&lid.loc, 18, "this type-based constructor disambiguation is not principal.");
        }
    }

    /// The labels of a record expression or pattern, all of one record type.
    fn disambiguate_labels<'a>(
        &mut self,
        env: &Env,
        loc: &Location,
        lids: impl Iterator<Item = &'a Located<Longident>>,
        expected: TypeExpr,
        closed: bool,
    ) -> R<Vec<Rc<LabelDescription>>> {
        let lids: Vec<&Located<Longident>> = lids.collect();
        let written: Vec<&str> = lids.iter().map(|l| l.txt.last()).collect();
        let expected_labels = match desc(ctype::expand_head(env, expected)) {
            TypeDesc::Constr(p, _) => {
                let inline = self.inline_labels.as_ref().filter(|ls| ls.first().map(|l| l.type_path == p).unwrap_or(false)).map(|ls| ls.to_vec());
                match inline {
                    Some(ls) => Some((p, ls)),
                    None => env.find_type_data(&p).filter(|d| !d.labels.is_empty()).map(|d| (p, d.labels.clone())),
                }
            }
            _ => None,
        };
        let mut out: Vec<Rc<LabelDescription>> = Vec::new();
        // Principal mode: labels taken from an expected type that is not known, where their
        // names alone would have chosen another type, make one warning for the record.
        let check_principal = expected_labels.is_some() && !principal::known(expected);
        let mut not_principal = false;
        // The type chosen: from the expectation, else from the first label.
        let mut chosen: Option<(Path, Vec<Rc<LabelDescription>>)> = expected_labels;
        for lid in &lids {
            let name = lid.txt.last();
            if let Some(prev) = out.iter().find(|l| &*l.name == name) {
                let _ = prev;
                return err(loc, ErrorKind::LabelMultiplyDefined(name.to_string()));
            }
            let ld = match &chosen {
                Some((p, labels)) => match labels.iter().find(|l| &*l.name == name) {
                    Some(l) => {
                        if check_principal && !record_label_by_name_is(env, lid, p, &written, closed) {
                            not_principal = true;
                        }
                        l.clone()
                    }
                    None => {
                        // A label of another type: report the mix, or unboundness.
                        match env.lookup_all_labels(&lid.txt) {
                            Ok(ls) => {
                                let other = ls[0].clone();
                                let (t_other, _) = ctype::instance_label(&other);
                                let first_ty = ctype::newty(TypeDesc::Constr(p.clone(), Rc::from(vec![])));
                                let first_ty = labels.first().map(|l| ctype::instance_label(l).0).unwrap_or(first_ty);
                                if out.is_empty() && lids.len() == 1 && expected_labels_known(env, expected) {
                                    return err(&lid.loc, ErrorKind::NoLabelInType(expected, name.to_string()));
                                }
                                return err(&lid.loc, ErrorKind::LabelMixed(name.to_string(), t_other, first_ty));
                            }
                            Err(e) => {
                                if expected_labels_known(env, expected) {
                                    return err(&lid.loc, ErrorKind::NoLabelInType(expected, name.to_string()));
                                }
                                return Err(typetexp::unbound(env, e.kind, &e.lid, &lid.loc));
                            }
                        }
                    }
                },
                None => {
                    let ls = env.lookup_all_labels(&lid.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &lid.loc))?;
                    // Prefer a type that has all the labels written.
                    let all_names: Vec<&str> = lids.iter().map(|l| l.txt.last()).collect();
                    let pick = ls
                        .iter()
                        .find(|l| all_names.iter().all(|n| l.all.iter().any(|a| &**a == *n)))
                        .unwrap_or(&ls[0])
                        .clone();
                    let labels = env.find_type_data(&pick.type_path).map(|d| d.labels.clone()).unwrap_or_else(|| vec![pick.clone()]);
                    chosen = Some((pick.type_path.clone(), labels));
                    pick
                }
            };
            out.push(ld);
        }
        if not_principal {
            self.warn(loc, 18, "this type-based record disambiguation is not principal.");
        }
        Ok(out)
    }

    // =========================================================================================
    // Expressions

    pub fn expr(&mut self, env: &Env, se: &P::Expression, expected: TypeExpr) -> R<T::Expression> {
        let loc = &se.loc;
        match &se.desc {
            P::ExpressionDesc::Ident(lid) => {
                let v = env.lookup_value(&lid.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &lid.loc))?;
                if let Path::Pident(id) = &v.path {
                    if id.kind == IdentKind::Local {
                        self.used.insert(id.stamp);
                    }
                    if let Some(te) = self.instance_variable(id, loc) {
                        self.unify_exp(env, loc, te.ty, expected)?;
                        return Ok(te);
                    }
                }
                if let Some(msg) = &v.desc.deprecated {
                    let name = v.path.name();
                    let text = if msg.is_empty() { name } else { format!("{}\n{}", name, msg) };
                    self.warn(loc, crate::typing::errors::ALERT_DEPRECATED, text);
                }
                // A variable bound to a polymorphic record field is polymorphic.
                let ty = principal::instance(ctype::instance_if_poly(ctype::instance(v.desc.ty)));
                self.unify_exp(env, loc, ty, expected)?;
                Ok(mk(T::ExpressionDesc::Ident(v.path, lid.clone(), v.desc), loc, ty))
            }
            P::ExpressionDesc::Constant(c) => {
                if let PConst::String(s, _, _) = c {
                    if let Some(e) = self.try_format_string(env, loc, s, expected)? {
                        return Ok(e);
                    }
                }
                let (c, ty) = self.constant(c, loc)?;
                self.unify_exp(env, loc, ty, expected)?;
                Ok(mk(T::ExpressionDesc::Constant(c), loc, ty))
            }
            P::ExpressionDesc::Let(rf, vbs, body) => {
                let (tvbs, env2, vars) = self.type_let(env, *rf, vbs, Some(loc))?;
                let tbody = self.expr(&env2, body, expected)?;
                // 26 for `let x = ..`, 27 for variables inside bigger patterns.
                let simple: Vec<BoundVar> = vars.iter().filter(|v| tvbs.iter().any(|vb| is_simple_var_of(&vb.pat, &v.id))).cloned().collect();
                let others: Vec<BoundVar> = vars.iter().filter(|v| !simple.iter().any(|s| s.id == v.id)).cloned().collect();
                self.check_unused(&simple, UnusedKind::Let);
                self.check_unused(&others, UnusedKind::Strict);
                let ty = tbody.ty;
                Ok(mk(T::ExpressionDesc::Let(*rf, tvbs, Box::new(tbody)), loc, ty))
            }
            P::ExpressionDesc::Function(cases) => self.type_function(env, loc, ArgLabel::Nolabel, cases, expected, None),
            P::ExpressionDesc::Fun(l, default, pat, body) => {
                let l = typetexp::label(l);
                match default {
                    Some(d) => self.type_fun_default(env, loc, l, d, pat, body, expected),
                    None => {
                        let case = P::Case { lhs: (**pat).clone(), guard: None, rhs: (**body).clone() };
                        self.type_function(env, loc, l, std::slice::from_ref(&case), expected, Some(()))
                    }
                }
            }
            P::ExpressionDesc::Apply(f, args) => {
                let start = principal::on().then(principal::start);
                let tf = self.expr_no_expect(env, f)?;
                if let Some(s) = start {
                    principal::mark_new(tf.ty, s);
                }
                let (targs, ty_res) = self.type_application(env, loc, &tf, args)?;
                if is_primitive(&tf, "%ignore") {
                    if let ([(_, Some(arg))], [(_, P::Expression { desc: P::ExpressionDesc::Apply(..), .. })]) = (targs.as_slice(), args.as_slice()) {
                        self.check_partial_application(env, arg);
                    }
                }
                let ty_res = principal::instance(ty_res);
                self.unify_exp(env, loc, ty_res, expected)?;
                Ok(mk(T::ExpressionDesc::Apply(Box::new(tf), targs), loc, ty_res))
            }
            P::ExpressionDesc::Match(scrut, cases) => {
                ctype::begin_def();
                let start = principal::on().then(principal::start);
                let ts = self.expr_no_expect(env, scrut);
                ctype::end_def();
                let ts = ts?;
                if let Some(s) = start {
                    principal::mark_new(ts.ty, s);
                }
                // A case's or-pattern may mix values and `exception p`: each part goes to its
                // side (the right-hand side is then typed on both).
                let mut vcases_owned: Vec<P::Case> = Vec::new();
                let mut ecases_stripped: Vec<P::Case> = Vec::new();
                for c in cases {
                    let (v, e) = split_exception_pattern(&c.lhs);
                    if let Some(v) = v {
                        vcases_owned.push(P::Case { lhs: v, guard: c.guard.clone(), rhs: c.rhs.clone() });
                    }
                    if let Some(e) = e {
                        ecases_stripped.push(P::Case { lhs: e, guard: c.guard.clone(), rhs: c.rhs.clone() });
                    }
                }
                let vcases: Vec<&P::Case> = vcases_owned.iter().collect();
                let tcases = self.type_cases(env, ts.ty, expected, &vcases, UnusedKind::Strict)?;
                let erefs: Vec<&P::Case> = ecases_stripped.iter().collect();
                let tecases = self.type_cases(env, predef::type_exn(), expected, &erefs, UnusedKind::Strict)?;
                let partial = self.check_match(env, loc, &tcases, ts.ty, true);
                if !tecases.is_empty() {
                    self.check_match(env, loc, &tecases, predef::type_exn(), false);
                }
                Ok(mk(T::ExpressionDesc::Match { scrutinee: Box::new(ts), cases: tcases, exn_cases: tecases, partial }, loc, expected))
            }
            P::ExpressionDesc::Try(body, cases) => {
                let tb = self.expr(env, body, expected)?;
                let refs: Vec<&P::Case> = cases.iter().collect();
                let tcases = self.type_cases(env, predef::type_exn(), expected, &refs, UnusedKind::Strict)?;
                self.check_match(env, loc, &tcases, predef::type_exn(), false);
                Ok(mk(T::ExpressionDesc::Try(Box::new(tb), tcases), loc, expected))
            }
            P::ExpressionDesc::Tuple(es) => {
                let tys: Vec<TypeExpr> = match desc(ctype::expand_head(env, expected)) {
                    TypeDesc::Tuple(ts) if ts.len() == es.len() => ts.to_vec(),
                    _ => es.iter().map(|_| ctype::newvar()).collect(),
                };
                let tt = ctype::newty(TypeDesc::Tuple(tys.clone().into()));
                self.unify_exp(env, loc, tt, expected)?;
                let mut out = Vec::new();
                for (e, t) in es.iter().zip(tys) {
                    out.push(self.expr(env, e, t)?);
                }
                let ty = ctype::newty(TypeDesc::Tuple(out.iter().map(|e| e.ty).collect()));
                Ok(mk(T::ExpressionDesc::Tuple(out), loc, ty))
            }
            P::ExpressionDesc::Construct(lid, arg) => {
                let cd = self.disambiguate_constructor(env, lid, expected, "expression")?;
                let sargs: Vec<&P::Expression> = match arg {
                    None => vec![],
                    Some(e) => match &e.desc {
                        P::ExpressionDesc::Tuple(es) if cd.arity > 1 => es.iter().collect(),
                        _ => vec![&**e],
                    },
                };
                if sargs.len() != cd.arity {
                    return err(loc, ErrorKind::ConstructorArity(lid.txt.clone(), cd.arity, sargs.len()));
                }
                let start = principal::on().then(principal::start);
                let (ty_args, ty_res) = ctype::instance_constructor(&cd);
                self.unify_exp(env, loc, ty_res, expected)?;
                if let Some(s) = start {
                    ty_args.iter().for_each(|t| principal::mark_new(*t, s));
                }
                let mut args = Vec::new();
                for (e, t) in sargs.into_iter().zip(ty_args) {
                    if cd.inline_record.is_some() && !matches!(e.desc, P::ExpressionDesc::Record(..)) {
                        return err(&e.loc, ErrorKind::Message(format!("This constructor expects an inlined record argument.")));
                    }
                    let saved = std::mem::replace(&mut self.inline_labels, cd.inline_record.clone());
                    let r = self.expr(env, e, t);
                    self.inline_labels = saved;
                    args.push(r?);
                }
                if cd.private {
                    return err(loc, private_type_error(ty_res));
                }
                Ok(mk(T::ExpressionDesc::Construct(lid.clone(), cd, args), loc, ty_res))
            }
            P::ExpressionDesc::Record(fields, base) => self.type_record(env, loc, fields, base.as_deref(), expected),
            P::ExpressionDesc::Field(e, lid) => {
                let te = self.record_operand(env, e)?;
                let ld = self.label_of_field(env, lid, te.ty)?;
                let (ty_res, ty_arg) = ctype::instance_label(&ld);
                self.unify_exp(env, &e.loc, te.ty, ty_res)?;
                let ty_arg = ctype::instance_if_poly(ty_arg);
                self.unify_exp(env, loc, ty_arg, expected)?;
                Ok(mk(T::ExpressionDesc::Field(Box::new(te), lid.clone(), ld), loc, ty_arg))
            }
            P::ExpressionDesc::Setfield(e, lid, v) => {
                let te = self.record_operand(env, e)?;
                let ld = self.label_of_field(env, lid, te.ty)?;
                if !ld.mutable {
                    return err(loc, ErrorKind::LabelNotMutable(lid.txt.clone()));
                }
                let (ty_res, ty_arg) = ctype::instance_label(&ld);
                self.unify_exp(env, &e.loc, te.ty, ty_res)?;
                if ld.private {
                    let msg = format!("Cannot assign field {} of the private type {}", ld.name, super::printtyp::type_to_string(ty_res));
                    return err(&lid.loc, ErrorKind::Message(msg));
                }
                let tv = self.field_value(env, v, ty_arg)?;
                let unit = predef::type_unit();
                self.unify_exp(env, loc, unit, expected)?;
                Ok(mk(T::ExpressionDesc::Setfield(Box::new(te), lid.clone(), ld, Box::new(tv)), loc, unit))
            }
            P::ExpressionDesc::Array(es) => {
                let elt = ctype::newvar();
                let ty = ctype::newty(TypeDesc::Constr(predef::path_array(), vec![elt].into()));
                self.unify_exp(env, loc, ty, expected)?;
                let mut out = Vec::new();
                for e in es {
                    out.push(self.expr(env, e, elt)?);
                }
                Ok(mk(T::ExpressionDesc::Array(out), loc, ty))
            }
            P::ExpressionDesc::IfThenElse(c, t, e) => {
                let tc = self.expr_explained(env, c, predef::type_bool(), "because it is in the condition of an if-statement")?;
                match e {
                    None => {
                        let tt = self.expr_explained(env, t, predef::type_unit(), "because it is in the result of a conditional with no else branch")?;
                        let unit = predef::type_unit();
                        self.unify_exp(env, loc, unit, expected)?;
                        Ok(mk(T::ExpressionDesc::IfThenElse(Box::new(tc), Box::new(tt), None), loc, unit))
                    }
                    Some(e) => {
                        let tt = self.expr(env, t, expected)?;
                        let te = self.expr(env, e, expected)?;
                        Ok(mk(T::ExpressionDesc::IfThenElse(Box::new(tc), Box::new(tt), Some(Box::new(te))), loc, expected))
                    }
                }
            }
            P::ExpressionDesc::Sequence(a, b) => {
                let ta = self.statement(env, a)?;
                let tb = self.expr(env, b, expected)?;
                let ty = tb.ty;
                Ok(mk(T::ExpressionDesc::Sequence(Box::new(ta), Box::new(tb)), loc, ty))
            }
            P::ExpressionDesc::While(c, body) => {
                let tc = self.expr_explained(env, c, predef::type_bool(), "because it is in the condition of a while-loop")?;
                let tb = self.statement(env, body)?;
                let unit = predef::type_unit();
                self.unify_exp(env, loc, unit, expected)?;
                Ok(mk(T::ExpressionDesc::While(Box::new(tc), Box::new(tb)), loc, unit))
            }
            P::ExpressionDesc::For(pat, lo, hi, dir, body) => {
                let tlo = self.expr_explained(env, lo, predef::type_int(), "because it is in a for-loop start index")?;
                let thi = self.expr_explained(env, hi, predef::type_int(), "because it is in a for-loop stop index")?;
                let (id, env2) = match &pat.desc {
                    P::PatternDesc::Any => (Ident::create("_for"), env.clone()),
                    P::PatternDesc::Var(name) => {
                        let id = Ident::create(&name.txt);
                        let mut env2 = env.clone();
                        env2.add_local_value(&id, Rc::new(ValueDescription { ty: predef::type_int(), kind: ValueKind::Regular, loc: name.loc.clone(), deprecated: None }));
                        (id, env2)
                    }
                    _ => return err(&pat.loc, ErrorKind::Message("This pattern is not allowed as a for-loop index".into())),
                };
                let tb = self.statement(&env2, body)?;
                let unit = predef::type_unit();
                self.unify_exp(env, loc, unit, expected)?;
                Ok(mk(T::ExpressionDesc::For(id, Box::new(tlo), Box::new(thi), *dir, Box::new(tb)), loc, unit))
            }
            P::ExpressionDesc::Constraint(e, sty) => {
                let start = principal::on().then(principal::start);
                let ty = self.transl_annot(env, sty)?;
                if let Some(s) = start {
                    principal::mark_new(ty, s);
                }
                let te = self.expr(env, e, ty)?;
                // Principal mode: the annotation stays known, the expression gets a copy.
                let ty = principal::instance(ty);
                self.unify_exp(env, loc, ty, expected)?;
                Ok(T::Expression { loc: loc.clone(), ty, ..te })
            }
            P::ExpressionDesc::Coerce(e, from, to) => {
                let ty_to = self.transl_annot(env, to)?;
                let te = match from {
                    Some(f) => {
                        let ty_from = self.transl_annot(env, f)?;
                        self.expr(env, e, ty_from)?
                    }
                    None => {
                        let start = principal::on().then(principal::start);
                        let te = self.expr_no_expect(env, e)?;
                        if let Some(s) = start {
                            principal::mark_new(te.ty, s);
                        }
                        te
                    }
                };
                // Subtyping covers polymorphic variants (a closed row into a larger one),
                // object types (fewer methods) and private types.
                if (from.is_some() || !self.open_coercion_source(env, te.ty, ty_to)) && ctype::unify(env, te.ty, ty_to).is_err() {
                    let not_principal = from.is_none() && principal::on() && principal::ground_coercion_not_principal(env, te.ty, ty_to);
                    ctype::subtype(env, te.ty, ty_to).map_err(|e| TypeError::new(loc, ErrorKind::NotSubtype(e)).with_env(env))?;
                    if not_principal {
                        self.warn(loc, 18, "this ground coercion is not principal.");
                    }
                }
                self.unify_exp(env, loc, ty_to, expected)?;
                Ok(T::Expression { loc: loc.clone(), ty: ty_to, ..te })
            }
            P::ExpressionDesc::Assert(e) => {
                if let P::ExpressionDesc::Construct(lid, None) = &e.desc {
                    if lid.txt == Longident::Lident("false".into()) {
                        let tf = mk(T::ExpressionDesc::Constant(T::Constant::Int(0)), &e.loc, predef::type_bool());
                        let cd = env.lookup_all_constructors(&lid.txt).ok().and_then(|v| v.into_iter().next());
                        let tf = match cd {
                            Some(cd) => mk(T::ExpressionDesc::Construct(lid.clone(), cd, vec![]), &e.loc, predef::type_bool()),
                            None => tf,
                        };
                        return Ok(mk(T::ExpressionDesc::Assert(Box::new(tf)), loc, expected));
                    }
                }
                let te = self.expr_explained(env, e, predef::type_bool(), "because it is in the condition of an assertion")?;
                let unit = predef::type_unit();
                self.unify_exp(env, loc, unit, expected)?;
                Ok(mk(T::ExpressionDesc::Assert(Box::new(te)), loc, unit))
            }
            P::ExpressionDesc::Lazy(e) => {
                let a = ctype::newvar();
                let ty = ctype::newty(TypeDesc::Constr(predef::path_lazy_t(), vec![a].into()));
                self.unify_exp(env, loc, ty, expected)?;
                let te = self.expr(env, e, a)?;
                Ok(mk(T::ExpressionDesc::Lazy(Box::new(te)), loc, ty))
            }
            P::ExpressionDesc::LetException(ext, body) => {
                let (id, text) = super::typedecl::transl_exception(self, env, ext)?;
                let mut env2 = env.clone();
                env2.add_extension(&id, text.clone());
                let tb = self.expr(&env2, body, expected)?;
                let ty = tb.ty;
                Ok(mk(T::ExpressionDesc::LetException(id, text, Box::new(tb)), loc, ty))
            }
            P::ExpressionDesc::Open(od, body) => {
                let P::ModuleExprDesc::Ident(lid) = &od.expr.desc else {
                    // `let open struct .. end in e` is `let module M = struct .. end in
                    // let open M in e` with a name no program can write.
                    let hidden = Located { txt: Longident::Lident(OPENED_STRUCT.into()), loc: od.expr.loc.clone() };
                    let opened = P::OpenDeclaration {
                        expr: P::ModuleExpr { desc: P::ModuleExprDesc::Ident(hidden), loc: od.expr.loc.clone(), attributes: vec![] },
                        override_: od.override_,
                        loc: od.loc.clone(),
                        attributes: vec![],
                    };
                    let inner = P::Expression { desc: P::ExpressionDesc::Open(Box::new(opened), body.clone()), loc: body.loc.clone(), attributes: vec![] };
                    let name = Located { txt: Some(OPENED_STRUCT.to_string()), loc: od.expr.loc.clone() };
                    // A type escaping the structure is reported at the body, as OCaml does.
                    let e = P::Expression { desc: P::ExpressionDesc::LetModule(name, Box::new(od.expr.clone()), Box::new(inner)), loc: body.loc.clone(), attributes: vec![] };
                    return self.expr(env, &e, expected);
                };
                let m = env.lookup_module_as_written(&lid.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &lid.loc))?;
                let mut env2 = env.clone();
                if !env2.open_module(&m.path) {
                    return err(&lid.loc, ErrorKind::Message(format!("This module is not a structure; it has type")));
                }
                let tb = self.expr(&env2, body, expected)?;
                let ty = tb.ty;
                Ok(mk(T::ExpressionDesc::Open(m.path, Box::new(tb)), loc, ty))
            }
            P::ExpressionDesc::LetModule(name, me, body) => {
                let tme = super::typemod::type_module(self, env, me)?;
                let mut env2 = env.clone();
                let id = name.txt.as_ref().map(|n| Ident::create(n));
                if let Some(id) = &id {
                    env2.add_module(id, Rc::new(ModuleDeclaration { mty: tme.mty.clone(), loc: name.loc.clone() }));
                }
                let tb = self.expr(&env2, body, ctype::newvar())?;
                // The module's types are expanded out of the body's type; one without a
                // definition would escape the module's scope.
                let ty = match &id {
                    Some(id) => {
                        let s = super::typemod::argument_type_subst(&env2, id, &tme.mty);
                        let ty = super::subst::TypeCopier::new(&s).ty(tb.ty);
                        if let Some(p) = ctype::find_constr(ty, |p| p.head() == id) {
                            return err(
                                &tb.loc,
                                ErrorKind::Message(format!(
                                    "This expression has type {} but an expression was expected of type 'a\n       The type constructor {} would escape its scope",
                                    super::printtyp::type_to_string(ty),
                                    super::printtyp::type_path_name(&p)
                                )),
                            );
                        }
                        ty
                    }
                    None => tb.ty,
                };
                self.unify_exp(env, loc, ty, expected)?;
                Ok(mk(T::ExpressionDesc::LetModule(id, Box::new(tme), Box::new(tb)), loc, ty))
            }
            P::ExpressionDesc::Newtype(name, body) => self.type_newtype(env, loc, name, body, expected),
            P::ExpressionDesc::LetOp(op) => self.type_letop(env, loc, op, expected),
            P::ExpressionDesc::Unreachable => {
                Ok(mk(T::ExpressionDesc::Unreachable, loc, expected))
            }
            P::ExpressionDesc::Poly(e, _) => self.expr(env, e, expected),
            P::ExpressionDesc::Variant(tag, arg) => {
                let tag: Rc<str> = Rc::from(tag.as_str());
                // Like OCaml, the argument is typed against the expected one when the
                // expected row already has the tag with an argument.
                let known_arg = match desc(ctype::expand_head(env, expected)) {
                    TypeDesc::Variant(r) => match r.field(&tag) {
                        Some(RowField::Present(Some(t))) => Some(*t),
                        _ => None,
                    },
                    _ => None,
                };
                let targ = match (arg, known_arg) {
                    (None, _) => None,
                    (Some(e), Some(t)) => Some(self.expr(env, e, t)?),
                    (Some(e), None) => Some(self.expr_no_expect(env, e)?),
                };
                let field = RowField::Present(targ.as_ref().map(|e| e.ty));
                let row = Row { fields: vec![(tag.clone(), field)], closed: false, name: None };
                let ty = ctype::newty(TypeDesc::Variant(Rc::new(row)));
                self.unify_exp(env, loc, ty, expected)?;
                Ok(mk(T::ExpressionDesc::Variant(tag, targ.map(Box::new)), loc, ty))
            }
            P::ExpressionDesc::Object(cs) => self.type_object(env, loc, cs, expected),
            P::ExpressionDesc::Send(e, m) => self.type_send(env, loc, e, m, expected),
            P::ExpressionDesc::Setinstvar(name, e) => self.type_setinstvar(env, loc, name, e, expected),
            P::ExpressionDesc::Override(fields) => self.type_override(env, loc, fields, expected),
            P::ExpressionDesc::New(lid) => self.type_new(env, loc, lid, expected),
            P::ExpressionDesc::Pack(me) => {
                if !principal::known_head(env, expected) && matches!(desc(ctype::expand_head(env, expected)), TypeDesc::Package(..)) {
                    self.warn(loc, 18, "this module packing is not principal.");
                }
                let target = package_module_type(env, expected, loc)?;
                let tme = super::typemod::type_module(self, env, me)?;
                super::typemod::check_inclusion(env, &me.loc, &tme.mty, &target)?;
                Ok(mk(T::ExpressionDesc::Pack(Box::new(tme), target), loc, expected))
            }
            P::ExpressionDesc::Extension((name, payload)) => match self.type_super_scope(env, &name.txt, payload, expected) {
                Some(r) => r,
                None => err(&name.loc, ErrorKind::Message(format!("Uninterpreted extension '{}'.", name.txt))),
            },
        }
    }

    /// Types `se` against `expected`; a clash with that expected type gets OCaml's explanation.
    fn expr_explained(&mut self, env: &Env, se: &P::Expression, expected: TypeExpr, why: &'static str) -> R<T::Expression> {
        self.expr(env, se, expected).map_err(|mut er| {
            if let ErrorKind::ExprTypeClash(u, expl) = &mut er.kind {
                if expl.is_none() && u.trace.first().map(|(_, e)| repr(*e) == repr(expected)).unwrap_or(false) {
                    *expl = Some(why);
                }
            }
            er
        })
    }

    pub fn expr_no_expect(&mut self, env: &Env, se: &P::Expression) -> R<T::Expression> {
        let v = ctype::newvar();
        self.expr(env, se, v)
    }

    /// `e1;` : warns if the value is not unit (10) or is a partial application (5).
    fn statement(&mut self, env: &Env, se: &P::Expression) -> R<T::Expression> {
        let te = self.expr_no_expect(env, se)?;
        if matches!(desc(ctype::expand_head(env, te.ty)), TypeDesc::Var(_)) {
            self.pending_statements.push((env.clone(), te.clone()));
        } else {
            self.check_statement(env, &te);
        }
        Ok(te)
    }

    /// The statements whose type was unknown when typed, now that it may be known.
    pub fn check_pending_statements(&mut self) {
        for (env, te) in std::mem::take(&mut self.pending_statements) {
            self.check_statement(&env, &te);
        }
    }

    /// Warning 5 for a function application whose result, a function, is dropped.
    fn check_partial_application(&mut self, env: &Env, te: &T::Expression) {
        if let Some(w) = partial_application_warning(env, te) {
            self.warn(&w.loc, w.number, w.message);
        }
    }

    fn check_statement(&mut self, env: &Env, te: &T::Expression) {
        let ty = ctype::expand_head(env, te.ty);
        match desc(ty) {
            TypeDesc::Arrow(..) => {
                if matches!(te.desc, T::ExpressionDesc::Apply(..)) {
                    self.warn(&te.loc, 5, "this function application is partial,\nmaybe some arguments are missing.");
                } else {
                    let l = final_subexpression(te).loc.clone();
                    self.warn(&l, 10, "this expression should have type unit.");
                }
            }
            TypeDesc::Var(_) => {}
            TypeDesc::Constr(p, _) if p == predef::path_unit() => {}
            _ => {
                let l = final_subexpression(te).loc.clone();
                self.warn(&l, 10, "this expression should have type unit.");
            }
        }
    }

    fn label_of_field(&mut self, env: &Env, lid: &Located<Longident>, ty: TypeExpr) -> R<Rc<LabelDescription>> {
        let name = lid.txt.last();
        if let TypeDesc::Constr(p, _) = desc(ctype::expand_head(env, ty)) {
            if let Some(td) = env.find_type_data(&p) {
                if let Some(l) = td.labels.iter().find(|l| &*l.name == name) {
                    if !principal::known(ty) && !label_by_name_is(env, lid, &p) {
                        self.warn(&lid.loc, 18, "this type-based field disambiguation is not principal.");
                    }
                    return Ok(l.clone());
                }
                if !td.labels.is_empty() || matches!(td.decl.kind, TypeKind::Record(..)) {
                    return err(&lid.loc, ErrorKind::NoLabelInType(ty, name.to_string()));
                }
            }
        }
        let ls = env.lookup_all_labels(&lid.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &lid.loc))?;
        Ok(ls[0].clone())
    }

    /// The record of `e.l`, `e.l <- v` or `{e with ..}`; principal mode records the structure
    /// its typing made as known.
    fn record_operand(&mut self, env: &Env, e: &P::Expression) -> R<T::Expression> {
        let start = principal::on().then(principal::start);
        let te = self.expr_no_expect(env, e)?;
        if let Some(s) = start {
            principal::mark_new(te.ty, s);
        }
        Ok(te)
    }

    /// The value of a record field: a polymorphic field (`m : 'a. 'a -> 'a`) needs a value
    /// as general as its type.
    fn field_value(&mut self, env: &Env, e: &P::Expression, ty_field: TypeExpr) -> R<T::Expression> {
        if !matches!(desc(repr(ty_field)), TypeDesc::Poly(_, vs) if !vs.is_empty()) {
            return self.expr(env, e, ctype::instance_if_poly(ty_field));
        }
        ctype::begin_def();
        let (inst, fresh) = ctype::instance_poly_vars(ty_field);
        let r = self.expr(env, e, inst);
        ctype::end_def();
        let te = r?;
        let mut seen = Vec::new();
        let general = fresh.iter().all(|v| {
            let v = repr(*v);
            let ok = matches!(desc(v), TypeDesc::Var(_)) && level(v) > ctype::current_level() && !seen.contains(&v);
            seen.push(v);
            ok
        });
        if !general {
            // The value's type shows with its own generalizable variables bound (`'c. ...`).
            let vars: Vec<TypeExpr> = ctype::free_variables(inst).into_iter().filter(|v| level(*v) > ctype::current_level()).collect();
            let got = ctype::newty(TypeDesc::Poly(inst, vars.into()));
            return err(&constraint_inner(e).loc, ErrorKind::LessGeneral("field value", got, ty_field));
        }
        Ok(te)
    }

    fn type_record(&mut self, env: &Env, loc: &Location, fields: &[(Located<Longident>, P::Expression)], base: Option<&P::Expression>, expected: TypeExpr) -> R<T::Expression> {
        let tbase = match base {
            Some(b) => Some(self.record_operand(env, b)?),
            None => None,
        };
        let is_constr = |t: TypeExpr| matches!(desc(ctype::expand_head(env, t)), TypeDesc::Constr(..));
        // The expected type guides the labels, unless it is unknown (or, in principal mode, not
        // known) and the original record's type says more.
        let hint = match &tbase {
            Some(b) if !is_constr(expected) || (!principal::known(expected) && is_constr(b.ty)) => b.ty,
            _ => expected,
        };
        let labels = self.disambiguate_labels(env, loc, fields.iter().map(|(l, _)| l), hint, base.is_none())?;
        let Some(first) = labels.first().cloned() else {
            return err(loc, ErrorKind::Message("Empty record".into()));
        };
        // All labels of the type, in position order.
        let inline = self.inline_labels.as_ref().filter(|ls| ls.first().map(|l| l.type_path == first.type_path).unwrap_or(false)).map(|ls| ls.to_vec());
        let all_labels: Vec<Rc<LabelDescription>> = inline.unwrap_or_else(|| {
            env.find_type_data(&first.type_path).map(|d| d.labels.clone()).filter(|l| !l.is_empty()).unwrap_or_else(|| labels.clone())
        });
        let all_labels = if all_labels.len() != first.all.len() { labels.clone() } else { all_labels };
        // One instance of the record type shared by all fields.
        let start = principal::on().then(principal::start);
        let (ty_record, _) = ctype::instance_label(&first);
        self.unify_exp(env, loc, ty_record, expected)?;
        if let Some(b) = &tbase {
            self.unify_exp(env, &b.loc, b.ty, ty_record)?;
        }
        let mut given: FxHashMap<usize, (Located<Longident>, T::Expression)> = FxHashMap::default();
        for ((lid, e), ld) in fields.iter().zip(labels.iter()) {
            let mut c = ctype::Copier::new();
            let r = c.copy(ld.res);
            let a = c.copy(ld.arg);
            self.unify_exp(env, loc, r, ty_record)?;
            if let Some(s) = start {
                principal::mark_new(a, s);
            }
            let te = self.field_value(env, e, a)?;
            given.insert(ld.pos, (lid.clone(), te));
        }
        let mut out = Vec::new();
        let mut missing = Vec::new();
        for ld in &all_labels {
            match given.remove(&ld.pos) {
                Some((lid, te)) => out.push((ld.clone(), T::RecordField::Overridden(lid, te))),
                None => {
                    if tbase.is_none() {
                        missing.push(ld.name.to_string());
                    } else {
                        let mut c = ctype::Copier::new();
                        let r = c.copy(ld.res);
                        let a = c.copy(ld.arg);
                        self.unify_exp(env, loc, r, ty_record)?;
                        out.push((ld.clone(), T::RecordField::Kept(a)));
                    }
                }
            }
        }
        if !missing.is_empty() {
            return err(loc, ErrorKind::LabelsMissing(missing));
        }
        if first.private {
            return err(loc, private_type_error(ty_record));
        }
        if let Some(b) = &tbase {
            if out.iter().all(|(_, f)| matches!(f, T::RecordField::Overridden(..))) {
                let _ = b;
                self.warn(loc, 23, "all the fields are explicitly listed in this record:\nthe 'with' clause is useless.");
            }
        }
        let repr = first.repr;
        Ok(mk(T::ExpressionDesc::Record { fields: out, repr, extended: tbase.map(Box::new) }, loc, ty_record))
    }

    // -- functions ---------------------------------------------------------------------------

    fn type_function(&mut self, env: &Env, loc: &Location, l: ArgLabel, cases: &[P::Case], expected: TypeExpr, is_fun: Option<()>) -> R<T::Expression> {
        let (ty_arg, ty_res) = self.split_arrow(env, loc, &l, expected, is_fun.is_some())?;
        let ty_pat = if l.is_optional() {
            // `fun ?x -> e`: x is an option.
            let a = ctype::newvar();
            self.unify_exp(env, loc, predef::type_option(a), ty_arg)?;
            ty_arg
        } else {
            ty_arg
        };
        let refs: Vec<&P::Case> = cases.iter().collect();
        let tcases = self.type_cases(env, ty_pat, ty_res, &refs, UnusedKind::Strict)?;
        let partial = self.check_match(env, loc, &tcases, ty_pat, true);
        let ty = ctype::newty(TypeDesc::Arrow(l.clone(), ty_arg, ty_res));
        Ok(mk(T::ExpressionDesc::Function { arg_label: l, param: Ident::create("param"), cases: tcases, partial }, loc, ty))
    }

    /// The (argument, result) types of a function expected to have type `expected`.
    fn split_arrow(&mut self, env: &Env, loc: &Location, l: &ArgLabel, expected: TypeExpr, _is_fun: bool) -> R<(TypeExpr, TypeExpr)> {
        match desc(ctype::expand_head(env, expected)) {
            TypeDesc::Arrow(l2, a, r) if &l2 == l => Ok((a, r)),
            TypeDesc::Var(_) => {
                let a = ctype::newvar();
                let r = ctype::newvar();
                let arr = ctype::newty(TypeDesc::Arrow(l.clone(), a, r));
                self.unify_exp(env, loc, arr, expected)?;
                Ok((a, r))
            }
            TypeDesc::Arrow(..) | TypeDesc::Constr(..) | TypeDesc::Tuple(..) | _ => {
                let a = ctype::newvar();
                let r = ctype::newvar();
                let arr = ctype::newty(TypeDesc::Arrow(l.clone(), a, r));
                match ctype::unify(env, arr, expected) {
                    Ok(()) => Ok((a, r)),
                    Err(e) => {
                        let too_many = !matches!(desc(ctype::expand_head(env, expected)), TypeDesc::Arrow(..));
                        let msg = if too_many {
                            ErrorKind::ExprTypeClash(e, None)
                        } else {
                            ErrorKind::ExprTypeClash(e, None)
                        };
                        Err(TypeError::new(loc, msg).with_env(env))
                    }
                }
            }
        }
    }

    /// `fun ?(x = d) -> body`, desugared to `fun ?x:param -> let x = match param with
    /// Some x -> x | None -> d in body`.
    #[allow(clippy::too_many_arguments)]
    fn type_fun_default(&mut self, env: &Env, loc: &Location, l: ArgLabel, default: &P::Expression, pat: &P::Pattern, body: &P::Expression, expected: TypeExpr) -> R<T::Expression> {
        let (ty_arg, ty_res) = self.split_arrow(env, loc, &l, expected, true)?;
        let inner = ctype::newvar();
        self.unify_exp(env, loc, predef::type_option(inner), ty_arg)?;
        let tdefault = self.expr(env, default, inner)?;
        let mut vars = Vec::new();
        let tpat = self.pattern_no_eqs(env, pat, inner, &mut vars)?;
        let env2 = Self::add_vars(env, &vars);
        let tbody = self.expr(&env2, body, ty_res)?;
        self.check_unused(&vars, UnusedKind::Strict);
        let partial = self.check_match(env, loc, &[T::Case { lhs: tpat.clone(), guard: None, rhs: tbody.clone() }], inner, true);
        let _ = partial;
        let gloc = loc.to_ghost();
        let param = Ident::create("*opt*");
        let param_desc = Rc::new(ValueDescription { ty: ty_arg, kind: ValueKind::Regular, loc: gloc.clone(), deprecated: None });
        let lid = Located::new(Longident::Lident("*opt*".into()), gloc.clone());
        let scrut = mk(T::ExpressionDesc::Ident(Path::Pident(param.clone()), lid, param_desc), &gloc, ty_arg);
        let (some_cd, none_cd) = option_constructors(env);
        let x = Ident::create("*sth*");
        let xname = Located::new("*sth*".to_string(), gloc.clone());
        let x_desc = Rc::new(ValueDescription { ty: inner, kind: ValueKind::Regular, loc: gloc.clone(), deprecated: None });
        let some_pat = T::Pattern {
            desc: T::PatternDesc::Construct(
                Located::new(Longident::Lident("Some".into()), gloc.clone()),
                some_cd,
                vec![T::Pattern { desc: T::PatternDesc::Var(x.clone(), xname.clone()), loc: gloc.clone(), ty: inner }],
            ),
            loc: gloc.clone(),
            ty: ty_arg,
        };
        let none_pat = T::Pattern {
            desc: T::PatternDesc::Construct(Located::new(Longident::Lident("None".into()), gloc.clone()), none_cd, vec![]),
            loc: gloc.clone(),
            ty: ty_arg,
        };
        let x_expr = mk(T::ExpressionDesc::Ident(Path::Pident(x), Located::new(Longident::Lident("*sth*".into()), gloc.clone()), x_desc), &gloc, inner);
        let m = mk(
            T::ExpressionDesc::Match {
                scrutinee: Box::new(scrut),
                cases: vec![T::Case { lhs: some_pat, guard: None, rhs: x_expr }, T::Case { lhs: none_pat, guard: None, rhs: tdefault }],
                exn_cases: vec![],
                partial: T::Partial::Total,
            },
            &gloc,
            inner,
        );
        let let_body = mk(
            T::ExpressionDesc::Let(RecFlag::Nonrecursive, vec![T::ValueBinding { pat: tpat, expr: m, loc: gloc.clone() }], Box::new(tbody)),
            &gloc,
            ty_res,
        );
        let ppat = T::Pattern { desc: T::PatternDesc::Var(param.clone(), Located::new("*opt*".into(), gloc.clone())), loc: gloc.clone(), ty: ty_arg };
        let ty = ctype::newty(TypeDesc::Arrow(l.clone(), ty_arg, ty_res));
        Ok(mk(
            T::ExpressionDesc::Function { arg_label: l, param, cases: vec![T::Case { lhs: ppat, guard: None, rhs: let_body }], partial: T::Partial::Total },
            loc,
            ty,
        ))
    }

    fn type_cases(&mut self, env: &Env, ty_arg: TypeExpr, ty_res: TypeExpr, cases: &[&P::Case], unused: UnusedKind) -> R<Vec<T::Case>> {
        // All patterns first, as OCaml does: the polymorphic variant rows they build are
        // closed (or not) by looking at every case before any body is typed.
        let mut typed = Vec::new();
        for c in cases {
            let mut vars = Vec::new();
            // The equations of this case's pattern hold in its guard and body only.
            let saved = std::mem::take(&mut self.gadt_eqs);
            let saved_ex = std::mem::take(&mut self.existentials);
            let start = principal::on().then(principal::start);
            let lhs = self.pattern(env, &c.lhs, ty_arg, &mut vars);
            if let Some(s) = start {
                // The structure each variable got from its pattern is known in the body.
                vars.iter().for_each(|v| principal::mark_new(v.ty, s));
            }
            let eqs = std::mem::replace(&mut self.gadt_eqs, saved);
            let existentials = std::mem::replace(&mut self.existentials, saved_ex);
            typed.push((lhs?, vars, eqs, existentials));
        }
        if typed.iter().any(|(p, ..)| has_variants(p)) {
            let pats: Vec<&T::Pattern> = typed.iter().map(|(p, ..)| p).collect();
            super::parmatch::pressure_variants(env, &pats);
            for p in pats {
                finalize_variants(env, p);
            }
        }
        let mut out = Vec::new();
        for ((lhs, vars, eqs, existentials), c) in typed.into_iter().zip(cases) {
            let env2 = if eqs.is_empty() { Self::add_vars(env, &vars) } else { Self::add_vars(&self.with_equations(env, &eqs), &vars) };
            let guard = match &c.guard {
                Some(g) => Some(self.expr(&env2, g, predef::type_bool())?),
                None => None,
            };
            let rhs = if principal::on() {
                // Each case on its own: what another case made the result type is no
                // guide here (so a constructor it would need to disambiguate is an error).
                let rhs = self.expr(&env2, &c.rhs, principal::case_result(ty_res))?;
                self.unify_exp(&env2, &c.rhs.loc, rhs.ty, ty_res)?;
                rhs
            } else {
                self.expr(&env2, &c.rhs, ty_res)?
            };
            if let Some(p) = existentials.iter().find(|p| ctype::mentions_path(ty_res, p)) {
                let got = super::printtyp::type_to_string(rhs.ty);
                let name = super::printtyp::type_path_name(p);
                return err(
                    &c.rhs.loc,
                    ErrorKind::Message(format!(
                        "This expression has type {} but an expression was expected of type\n         'a\n       The type constructor {} would escape its scope",
                        got, name
                    )),
                );
            }
            self.check_unused(&vars, unused);
            out.push(T::Case { lhs, guard, rhs });
        }
        Ok(out)
    }

    /// `#t`: an or-pattern of the tags of the polymorphic variant type `t`.
    fn type_hash_pattern(&mut self, env: &Env, loc: &Location, lid: &Located<Longident>, expected: TypeExpr) -> R<T::Pattern> {
        let entry = env.lookup_type(&lid.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &lid.loc))?;
        let decl = entry.data.decl.clone();
        let args: Vec<TypeExpr> = decl.params.iter().map(|_| ctype::newvar()).collect();
        let named = ctype::newty(TypeDesc::Constr(entry.path.clone(), args.clone().into()));
        let row = match desc(ctype::expand_head(env, named)) {
            TypeDesc::Variant(r) if r.closed => r,
            _ => {
                let name = super::printtyp::path_name(&entry.path);
                return err(&lid.loc, ErrorKind::Message(format!("The type {}\nis not a variant type", name)));
            }
        };
        let fields: Vec<(Rc<str>, RowField)> = row
            .fields
            .iter()
            .map(|(l, f)| {
                let f = match f {
                    RowField::Present(None) => RowField::Either(true, Rc::from(vec![]), true),
                    RowField::Present(Some(t)) => RowField::Either(false, Rc::from(vec![*t]), true),
                    RowField::Either(c, ts, _) => RowField::Either(*c, ts.clone(), true),
                };
                (l.clone(), f)
            })
            .collect();
        let pat_row = Row { fields: fields.clone(), closed: false, name: Some((entry.path.clone(), args.into())) };
        self.unify_pat(env, loc, ctype::newty(TypeDesc::Variant(Rc::new(pat_row))), expected)?;
        let pk = |desc| T::Pattern { desc, loc: loc.clone(), ty: expected };
        let mut alts = fields.iter().map(|(l, f)| {
            let arg = match f {
                RowField::Either(false, ts, _) => ts.first().map(|t| Box::new(T::Pattern { desc: T::PatternDesc::Any, loc: loc.clone(), ty: *t })),
                _ => None,
            };
            pk(T::PatternDesc::Variant(l.clone(), arg))
        });
        let Some(first) = alts.next() else { return Ok(pk(T::PatternDesc::Any)) };
        Ok(alts.fold(first, |acc, p| pk(T::PatternDesc::Or(Box::new(acc), Box::new(p)))))
    }

    /// Exhaustiveness (warning 8) and unused cases (warning 11).
    fn check_match(&mut self, env: &Env, loc: &Location, cases: &[T::Case], ty: TypeExpr, check_total: bool) -> T::Partial {
        let (partial, warns) = super::parmatch::check(env, loc, cases, ty, check_total);
        self.warnings.extend(warns);
        partial
    }

    // -- application -------------------------------------------------------------------------

    fn type_application(&mut self, env: &Env, loc: &Location, funct: &T::Expression, sargs: &[(PLabel, P::Expression)]) -> R<(Vec<(ArgLabel, Option<T::Expression>)>, TypeExpr)> {
        let _ = loc;
        let mut ty_fun = funct.ty;
        let mut out: Vec<(ArgLabel, Option<T::Expression>)> = Vec::new();
        let mut omitted: Vec<(ArgLabel, TypeExpr)> = Vec::new();
        let mut remaining: Vec<(ArgLabel, &P::Expression)> = sargs.iter().map(|(l, e)| (typetexp::label(l), e)).collect();
        let ignore_labels = {
            let (labels, ends_in_var) = list_labels(env, ty_fun);
            let non_opt: Vec<&ArgLabel> = labels.iter().filter(|l| !l.is_optional()).collect();
            !ends_in_var
                && non_opt.len() == remaining.len()
                && remaining.iter().all(|(l, _)| *l == ArgLabel::Nolabel)
                && non_opt.iter().any(|l| **l != ArgLabel::Nolabel)
        };
        // Principal mode: one warning per application where labels are matched against a
        // function type that is not known.
        let mut warned = false;
        // Labels matched by unlabelled arguments of a total application (warning 6).
        let mut labels_omitted: Vec<String> = Vec::new();
        while !remaining.is_empty() {
            let expanded = ctype::expand_head(env, ty_fun);
            match desc(expanded) {
                TypeDesc::Arrow(l, ty_arg, ty_ret) => {
                    let mut may_warn = |me: &mut Self, loc: &Location, number: u32, what: &str| {
                        if !warned && !principal::known_head(env, ty_fun) {
                            warned = true;
                            me.warn(loc, number, what);
                        }
                    };
                    let pos = if ignore_labels {
                        if l.is_optional() {
                            None
                        } else {
                            Some(0)
                        }
                    } else {
                        match &l {
                            ArgLabel::Nolabel => remaining.iter().position(|(al, _)| *al == ArgLabel::Nolabel),
                            ArgLabel::Labelled(s) => {
                                if let Some(i) = remaining.iter().position(|(al, _)| matches!(al, ArgLabel::Optional(x) if x == s)) {
                                    return err(&remaining[i].1.loc, ErrorKind::WrongLabel(funct.ty, remaining[i].0.clone()));
                                }
                                remaining.iter().position(|(al, _)| matches!(al, ArgLabel::Labelled(x) if x == s))
                            }
                            ArgLabel::Optional(s) => remaining.iter().position(|(al, _)| al.name() == &**s && *al != ArgLabel::Nolabel),
                        }
                    };
                    match pos {
                        Some(i) => {
                            if i > 0 && !ignore_labels {
                                may_warn(self, &remaining[i].1.loc, 18, "commuting this argument is not principal.");
                            }
                            let (al, sarg) = remaining.remove(i);
                            if ignore_labels && l != ArgLabel::Nolabel {
                                labels_omitted.push(l.name().to_string());
                            }
                            let targ = if l.is_optional() && !al.is_optional() {
                                // `~x:e` (or a positional arg when ignoring labels) for `?x`: wrap in Some.
                                let inner = ctype::newvar();
                                self.unify_exp(env, &sarg.loc, predef::type_option(inner), ty_arg)?;
                                let te = self.expr(env, sarg, inner)?;
                                let (some_cd, _) = option_constructors(env);
                                let gl = sarg.loc.to_ghost();
                                mk(T::ExpressionDesc::Construct(Located::new(Longident::Lident("Some".into()), gl.clone()), some_cd, vec![te]), &gl, ty_arg)
                            } else {
                                self.expr(env, sarg, ty_arg)?
                            };
                            out.push((l, Some(targ)));
                        }
                        None => {
                            if l.is_optional() && (ignore_labels || remaining.iter().any(|(al, _)| *al == ArgLabel::Nolabel)) {
                                may_warn(self, &funct.loc, 19, "eliminated optional argument without principality.");
                                // Erased: the application passes `None` (OCaml's typed tree has
                                // the constructor there too); `None` in `out` means left open.
                                let (_, none_cd) = option_constructors(env);
                                let gl = funct.loc.to_ghost();
                                let none = mk(T::ExpressionDesc::Construct(Located::new(Longident::Lident("None".into()), gl.clone()), none_cd, vec![]), &gl, ty_arg);
                                out.push((l, Some(none)));
                            } else {
                                may_warn(self, &funct.loc, 19, "commuted an argument without principality.");
                                out.push((l.clone(), None));
                                omitted.push((l, ty_arg));
                            }
                        }
                    }
                    ty_fun = ty_ret;
                }
                TypeDesc::Var(_) => {
                    for (al, sarg) in std::mem::take(&mut remaining) {
                        let ty_arg = ctype::newvar();
                        let ty_res = ctype::newvar();
                        let arr = ctype::newty(TypeDesc::Arrow(al.clone(), ty_arg, ty_res));
                        self.unify_exp(env, &funct.loc, ty_fun, arr)?;
                        let expected_arg = if al.is_optional() {
                            let inner = ctype::newvar();
                            self.unify_exp(env, &sarg.loc, predef::type_option(inner), ty_arg)?;
                            ty_arg
                        } else {
                            ty_arg
                        };
                        let te = self.expr(env, sarg, expected_arg)?;
                        out.push((al, Some(te)));
                        ty_fun = ty_res;
                    }
                }
                _ => {
                    let (al, sarg) = &remaining[0];
                    if !omitted.is_empty() {
                        // The type left after the arguments given: the omitted ones, then the result.
                        let ty_left = omitted.iter().rev().fold(ty_fun, |ty, (l, t)| ctype::newty(TypeDesc::Arrow(l.clone(), *t, ty)));
                        return err(&sarg.loc, ErrorKind::WrongLabel(ty_left, al.clone()));
                    }
                    if out.is_empty() {
                        return err(&funct.loc, ErrorKind::NotAFunction(funct.ty, false));
                    }
                    return err(&funct.loc, ErrorKind::TooManyArguments(funct.ty));
                }
            }
        }
        if !labels_omitted.is_empty() {
            let text = match labels_omitted.as_slice() {
                [one] => format!("label {} was omitted in the application of this function.", one),
                many => format!("labels {} were omitted in the application of this function.", many.join(", ")),
            };
            self.warn(&funct.loc, 6, &text);
        }
        let mut ty = ty_fun;
        for (l, t) in omitted.into_iter().rev() {
            ty = ctype::newty(TypeDesc::Arrow(l, t, ty));
        }
        Ok((out, ty))
    }

    // -- let ----------------------------------------------------------------------------------

    /// Types `let [rec] p1 = e1 and ...`; returns the bindings, the environment after them and
    /// the variables bound (for unused-variable warnings).
    pub fn type_let(&mut self, env: &Env, rf: RecFlag, vbs: &[P::ValueBinding], whole: Option<&Location>) -> R<(Vec<T::ValueBinding>, Env, Vec<BoundVar>)> {
        ctype::begin_def();
        let result = self.type_let_inner(env, rf, vbs);
        ctype::end_def();
        let (tvbs, vars, polys) = result?;
        for (vb, poly) in tvbs.iter().zip(polys.iter()) {
            if let Some(scheme) = poly {
                let _ = scheme;
            }
            if is_nonexpansive(&vb.expr) {
                ctype::generalize(vb.pat.ty);
            } else {
                ctype::generalize_expansive(env, vb.pat.ty);
            }
        }
        // Explicitly polymorphic bindings get their declared scheme.
        let mut vars = vars;
        for (vb_vars, poly) in vars.iter_mut().zip(polys.iter()) {
            let _ = (vb_vars, poly);
        }
        let mut env2 = env.clone();
        for v in &vars {
            let ty = self.poly_scheme_of(v).unwrap_or(v.ty);
            let desc = Rc::new(ValueDescription { ty, kind: ValueKind::Regular, loc: v.name.loc.clone(), deprecated: None });
            if whole.is_some() {
                env2.add_local_value(&v.id, desc);
                continue;
            }
            env2.add_value(&v.id, Rc::new(ValueDescription { ty, kind: ValueKind::Regular, loc: v.name.loc.clone(), deprecated: None }));
        }
        if rf == RecFlag::Recursive {
            check_let_rec(&tvbs, &vars)?;
        }
        for vb in &tvbs {
            if !matches!(vb.pat.desc, T::PatternDesc::Var(..)) {
                let case = T::Case { lhs: vb.pat.clone(), guard: None, rhs: vb.expr.clone() };
                // In an expression the whole `let` is reported; at toplevel, the pattern.
                let l = whole.unwrap_or(&vb.pat.loc).clone();
                self.check_match(env, &l, std::slice::from_ref(&case), vb.pat.ty, true);
            }
        }
        Ok((tvbs, env2, vars))
    }

    fn poly_scheme_of(&self, _v: &BoundVar) -> Option<TypeExpr> {
        None
    }

    #[allow(clippy::type_complexity)]
    fn type_let_inner(&mut self, env: &Env, rf: RecFlag, vbs: &[P::ValueBinding]) -> R<(Vec<T::ValueBinding>, Vec<BoundVar>, Vec<Option<TypeExpr>>)> {
        let mut pats = Vec::new();
        let mut all_vars: Vec<BoundVar> = Vec::new();
        let mut polys = Vec::new();
        let mut poly_types: Vec<Option<TypeExpr>> = Vec::new();
        for vb in vbs {
            let mut vars = Vec::new();
            // `let f : 'a. t = e`: an explicitly polymorphic binding.
            let (p, poly) = match &vb.pat.desc {
                P::PatternDesc::Constraint(inner, sty) if matches!(&sty.desc, P::CoreTypeDesc::Poly(vs, _) if !vs.is_empty()) => {
                    let ty = self.transl_annot(env, sty)?;
                    let scheme = poly_to_scheme(ty);
                    let inst = ctype::instance(scheme);
                    let p = self.pattern_no_eqs(env, inner, inst, &mut vars)?;
                    poly_types.push(Some(ty));
                    (p, Some(scheme))
                }
                _ => {
                    if rf == RecFlag::Recursive && !is_var_pattern(&vb.pat) {
                        return err(&vb.pat.loc, ErrorKind::LetRecPattern);
                    }
                    let v = ctype::newvar();
                    poly_types.push(None);
                    (self.pattern_no_eqs(env, &vb.pat, v, &mut vars)?, None)
                }
            };
            for v in vars {
                if all_vars.iter().any(|x| x.name.txt == v.name.txt) {
                    return err(&v.name.loc, ErrorKind::Message(format!("Variable {} is bound several times in this matching", v.name.txt)));
                }
                all_vars.push(v);
            }
            if has_variants(&p) {
                super::parmatch::pressure_variants(env, &[&p]);
                finalize_variants(env, &p);
            }
            pats.push(p);
            polys.push(poly);
        }
        let env_rhs = if rf == RecFlag::Recursive {
            let mut e = env.clone();
            for (v, p) in all_vars.iter().zip(polys.iter().chain(std::iter::repeat(&None))) {
                let ty = p.unwrap_or(v.ty);
                e.add_local_value(&v.id, Rc::new(ValueDescription { ty, kind: ValueKind::Regular, loc: v.name.loc.clone(), deprecated: None }));
            }
            e
        } else {
            env.clone()
        };
        let mut out = Vec::new();
        for (((vb, p), poly), poly_ty) in vbs.iter().zip(pats).zip(polys.iter()).zip(poly_types.iter()) {
            let expected = match poly {
                Some(scheme) => {
                    // Type against a fresh instance whose variables must stay polymorphic.
                    ctype::begin_def();
                    let inst = ctype::instance(*scheme);
                    let r = self.expr(&env_rhs, &vb.expr, inst);
                    ctype::end_def();
                    let te = r?;
                    check_poly_instance(env, &vb.expr.loc, inst, *scheme, poly_ty.unwrap_or(*scheme))?;
                    ctype::unify(env, p.ty, te.ty).map_err(|e| TypeError::new(&vb.expr.loc, ErrorKind::ExprTypeClash(e, None)).with_env(env))?;
                    out.push(T::ValueBinding { pat: p, expr: te, loc: vb.loc.clone() });
                    continue;
                }
                None => p.ty,
            };
            let te = self.expr(&env_rhs, &vb.expr, expected)?;
            // `let _ = f x` drops a result: a partial application is probably a mistake.
            if matches!(vb.pat.desc, P::PatternDesc::Any) && matches!(vb.expr.desc, P::ExpressionDesc::Apply(..)) {
                self.check_partial_application(env, &te);
            }
            out.push(T::ValueBinding { pat: p, expr: te, loc: vb.loc.clone() });
        }
        // Usage inside the definitions of a `let rec` does not count as a use.
        Ok((out, all_vars, polys))
    }

    fn type_newtype(&mut self, env: &Env, loc: &Location, name: &Located<String>, body: &P::Expression, expected: TypeExpr) -> R<T::Expression> {
        let id = Ident::create(&name.txt);
        let decl = TypeDeclaration {
            params: vec![],
            arity: 0,
            kind: TypeKind::Abstract,
            private: false,
            manifest: None,
            variance: vec![],
            injective: vec![],
            is_newtype: true,
            unboxed: false,
            immediate: false,
            loc: name.loc.clone(),
        };
        let mut env2 = env.clone();
        env2.add_type(&id, Rc::new(decl));
        ctype::begin_def();
        let te = self.expr_no_expect(&env2, body);
        ctype::end_def();
        let te = te?;
        // The abstract type becomes a type variable in the result.
        replace_type_constr(te.ty, &Path::Pident(id.clone()), id.name.clone());
        self.unify_exp(env, loc, te.ty, expected)?;
        Ok(T::Expression { loc: loc.clone(), ..te })
    }

    fn type_letop(&mut self, env: &Env, loc: &Location, op: &P::LetOp, expected: TypeExpr) -> R<T::Expression> {
        // `let* p1 = e1 and* p2 = e2 in body` is `( let* ) (( and* ) e1 e2) (fun (p1, p2) ->
        // body)`, the pairs nesting to the left; the operands are evaluated in order.
        let b = &op.let_;
        let var = |name: &Located<String>| P::Expression {
            desc: P::ExpressionDesc::Ident(name.clone().map(Longident::Lident)),
            loc: name.loc.clone(),
            attributes: vec![],
        };
        // The operators must be functions of the right shape, whatever their operands.
        let pat_ty = op.ands.iter().fold(ctype::newvar(), |acc, _| ctype::newty(TypeDesc::Tuple(Rc::from(vec![acc, ctype::newvar()]))));
        let let_shape = ctype::arrow(ArgLabel::Nolabel, ctype::newvar(), ctype::arrow(ArgLabel::Nolabel, ctype::arrow(ArgLabel::Nolabel, pat_ty, ctype::newvar()), ctype::newvar()));
        let let_op = self.expr_no_expect(env, &var(&b.op))?;
        ctype::unify(env, let_op.ty, let_shape).map_err(|e| TypeError::new(&b.op.loc, ErrorKind::LetopTypeClash(b.op.txt.clone(), e)).with_env(env))?;
        for a in &op.ands {
            let and_shape = ctype::arrow(ArgLabel::Nolabel, ctype::newvar(), ctype::arrow(ArgLabel::Nolabel, ctype::newvar(), ctype::newvar()));
            self.check_letop_operator(env, &a.op, and_shape)?;
        }
        let mut exp = b.exp.clone();
        let mut pat = b.pat.clone();
        for a in &op.ands {
            exp = P::Expression {
                desc: P::ExpressionDesc::Apply(Box::new(var(&a.op)), vec![(PLabel::Nolabel, exp), (PLabel::Nolabel, a.exp.clone())]),
                loc: a.loc.to_ghost(),
                attributes: vec![],
            };
            let ploc = pat.loc.to_ghost();
            pat = P::Pattern { desc: P::PatternDesc::Tuple(vec![pat, a.pat.clone()]), loc: ploc, attributes: vec![] };
        }
        let fun_e = P::Expression {
            desc: P::ExpressionDesc::Fun(PLabel::Nolabel, None, Box::new(pat), Box::new(op.body.clone())),
            loc: loc.to_ghost(),
            attributes: vec![],
        };
        let (mut targs, ty_res) = self.type_application(env, loc, &let_op, &[(PLabel::Nolabel, exp), (PLabel::Nolabel, fun_e)])?;
        self.unify_exp(env, loc, ty_res, expected)?;
        if let Some((_, Some(chain))) = targs.first_mut() {
            operands_in_order(chain, op.ands.len());
        }
        Ok(mk(T::ExpressionDesc::Apply(Box::new(let_op), targs), loc, ty_res))
    }

    /// OCaml's "The operator let* has type .. but it was expected to have type ..".
    fn check_letop_operator(&mut self, env: &Env, name: &Located<String>, shape: TypeExpr) -> R<()> {
        let lid = Longident::Lident(name.txt.clone());
        let Ok(v) = env.lookup_value(&lid) else {
            return Ok(()); // reported as unbound when the desugared expression is typed
        };
        let ty = ctype::instance(v.desc.ty);
        ctype::unify(env, ty, shape).map_err(|e| TypeError::new(&name.loc, ErrorKind::LetopTypeClash(name.txt.clone(), e)).with_env(env))
    }

    /// Format strings: a string literal expected to be a `format6` is typed by its conversions.
    fn try_format_string(&mut self, env: &Env, loc: &Location, s: &[u8], expected: TypeExpr) -> R<Option<T::Expression>> {
        // Find `format6` through the abbreviations (`format`, `format4`) of the expected type.
        // The sub-formats of `%{ %}` / `%( %)` get the innermost `format6`
        // (CamlinternalFormatBasics'), as OCaml writes them.
        let mut t = expected;
        let mut found = None;
        let mut innermost = None;
        for _ in 0..10 {
            if let TypeDesc::Constr(p, _) = desc(t) {
                if p.last() == "format6" {
                    found.get_or_insert_with(|| p.clone());
                    innermost = Some(p);
                }
            }
            match ctype::try_expand_once(env, t) {
                Some(t2) => t = t2,
                None => break,
            }
        }
        let (Some(format6), Some(inner6)) = (found, innermost) else { return Ok(None) };
        let fmt_ty = super::formats::type_format(loc, s, &format6, &inner6)?;
        self.unify_exp(env, loc, fmt_ty, expected)?;
        Ok(Some(mk(T::ExpressionDesc::Constant(T::Constant::String(s.to_vec())), loc, expected)))
    }
}

// =============================================================================================
// Helpers

/// The `n` nested applications `( and* ) left right` of a binding operator evaluate `left`
/// then `right` (an application evaluates its arguments right to left).
fn operands_in_order(chain: &mut T::Expression, n: usize) {
    if n == 0 {
        return;
    }
    let T::ExpressionDesc::Apply(_, args) = &mut chain.desc else { return };
    let [(ArgLabel::Nolabel, Some(left)), (ArgLabel::Nolabel, Some(right))] = args.as_mut_slice() else { return };
    operands_in_order(left, n - 1);
    let mut lets = Vec::new();
    for (name, operand) in [("left", left), ("right", right)] {
        let id = Ident::create(name);
        let loc = operand.loc.to_ghost();
        let vd = Rc::new(ValueDescription { ty: operand.ty, kind: ValueKind::Regular, loc: loc.clone(), deprecated: None });
        let use_ = T::Expression {
            desc: T::ExpressionDesc::Ident(Path::Pident(id.clone()), Located { txt: Longident::Lident(name.into()), loc: loc.clone() }, vd),
            loc: loc.clone(),
            ty: operand.ty,
        };
        let value = std::mem::replace(operand, use_);
        let pat = T::Pattern { desc: T::PatternDesc::Var(id, Located { txt: name.into(), loc: loc.clone() }), loc: loc.clone(), ty: value.ty };
        lets.push(T::ValueBinding { pat, expr: value, loc });
    }
    let (loc, ty) = (chain.loc.clone(), chain.ty);
    let apply = std::mem::replace(&mut chain.desc, T::ExpressionDesc::Unreachable);
    let mut body = T::Expression { desc: apply, loc: loc.clone(), ty };
    for vb in lets.into_iter().rev() {
        body = T::Expression { desc: T::ExpressionDesc::Let(RecFlag::Nonrecursive, vec![vb], Box::new(body)), loc: loc.clone(), ty };
    }
    *chain = body;
}

/// The type a pattern's alias gets (OCaml's `build_as_type`): for a constructor pattern, a
/// fresh instance of its result type constrained only by its arguments, so that
/// `Error _ as e` can be used at another `Ok` type.
fn build_as_type(env: &Env, p: &T::Pattern) -> TypeExpr {
    use T::PatternDesc as D;
    match &p.desc {
        D::Alias(q, _, _) => build_as_type(env, q),
        D::Tuple(ps) => ctype::newty(TypeDesc::Tuple(ps.iter().map(|q| build_as_type(env, q)).collect())),
        D::Construct(_, cd, args) if !cd.generalized && !matches!(cd.tag, ConstructorTag::Extension(_)) && cd.inline_record.is_none() => {
            let (ty_args, ty_res) = ctype::instance_constructor(cd);
            for (a, t) in args.iter().zip(ty_args) {
                let at = build_as_type(env, a);
                if ctype::unify(env, t, at).is_err() {
                    return p.ty;
                }
            }
            ty_res
        }
        // `` `A p as x ``: x may be any row with the tag `A (OCaml widens it this way).
        D::Variant(tag, arg) => {
            let field = RowField::Present(arg.as_ref().map(|a| build_as_type(env, a)));
            ctype::newty(TypeDesc::Variant(Rc::new(Row { fields: vec![(tag.clone(), field)], closed: false, name: None })))
        }
        D::Or(a, b) => {
            let (ta, tb) = (build_as_type(env, a), build_as_type(env, b));
            if ctype::unify(env, ta, tb).is_err() {
                return p.ty;
            }
            ta
        }
        _ => p.ty,
    }
}

/// Does the pattern mention a polymorphic variant tag?
fn has_variants(p: &T::Pattern) -> bool {
    use T::PatternDesc as D;
    match &p.desc {
        D::Any | D::Var(..) | D::Constant(_) => false,
        D::Variant(..) => true,
        D::Alias(q, _, _) | D::Lazy(q) => has_variants(q),
        D::Tuple(ps) | D::Array(ps) | D::Construct(_, _, ps) => ps.iter().any(has_variants),
        D::Record(fs, _) => fs.iter().any(|(_, _, q)| has_variants(q)),
        D::Or(a, b) => has_variants(a) || has_variants(b),
    }
}

/// After closing: the tags a pattern matched in a row that stayed open are certainly
/// present (`function `A -> 1 | _ -> 2` takes `[> `A ]`); in a closed row they become
/// ordinary upper-bound tags.
fn finalize_variants(env: &Env, p: &T::Pattern) {
    use T::PatternDesc as D;
    match &p.desc {
        D::Variant(tag, arg) => {
            let t = repr(ctype::expand_head(env, p.ty));
            if let TypeDesc::Variant(row) = desc(t) {
                let mut r = (*row).clone();
                let mut extra = Vec::new();
                if let Some((_, f)) = r.fields.iter_mut().find(|(l, _)| l == tag) {
                    match f.clone() {
                        RowField::Either(true, ts, true) if !r.closed && ts.is_empty() => *f = RowField::Present(None),
                        RowField::Either(false, ts, true) if !r.closed && !ts.is_empty() => {
                            extra = ts[1..].to_vec();
                            *f = RowField::Present(Some(ts[0]));
                        }
                        RowField::Either(c, ts, true) => *f = RowField::Either(c, ts, false),
                        _ => {}
                    }
                    set_desc(t, TypeDesc::Variant(Rc::new(r.clone())));
                    if let RowField::Present(Some(a)) = r.field(tag).cloned().unwrap_or(RowField::Present(None)) {
                        for x in extra {
                            let _ = ctype::unify(env, x, a);
                        }
                    }
                }
            }
            if let Some(a) = arg {
                finalize_variants(env, a);
            }
        }
        D::Any | D::Var(..) | D::Constant(_) => {}
        D::Alias(q, _, _) | D::Lazy(q) => finalize_variants(env, q),
        D::Tuple(ps) | D::Array(ps) | D::Construct(_, _, ps) => ps.iter().for_each(|q| finalize_variants(env, q)),
        D::Record(fs, _) => fs.iter().for_each(|(_, _, q)| finalize_variants(env, q)),
        D::Or(a, b) => {
            finalize_variants(env, a);
            finalize_variants(env, b);
        }
    }
}

/// Would the name of `lid` alone (the latest label of that name) choose a label of type `p`?
fn label_by_name_is(env: &Env, lid: &Located<Longident>, p: &Path) -> bool {
    env.lookup_all_labels(&lid.txt).map(|ls| ls.first().map(|l| &l.type_path == p).unwrap_or(false)).unwrap_or(false)
}

/// `label_by_name_is` for a label of a record expression or pattern: the names alone choose
/// among the types having all the labels written (exactly those when the record is closed).
fn record_label_by_name_is(env: &Env, lid: &Located<Longident>, p: &Path, written: &[&str], closed: bool) -> bool {
    let Ok(ls) = env.lookup_all_labels(&lid.txt) else { return false };
    let fits = |l: &&Rc<LabelDescription>| written.iter().all(|n| l.all.iter().any(|a| &**a == *n)) && (!closed || l.all.len() == written.len());
    ls.iter().find(fits).map(|l| &l.type_path == p).unwrap_or(false)
}

fn is_simple_var_of(p: &T::Pattern, id: &Ident) -> bool {
    matches!(&p.desc, T::PatternDesc::Var(x, _) if x == id)
}

fn expected_labels_known(env: &Env, t: TypeExpr) -> bool {
    matches!(desc(ctype::expand_head(env, t)), TypeDesc::Constr(..))
}

/// Splits a case's pattern into the part matching values and the part matching exceptions
/// (`exception p`, possibly inside or-patterns).
fn split_exception_pattern(p: &P::Pattern) -> (Option<P::Pattern>, Option<P::Pattern>) {
    match &p.desc {
        P::PatternDesc::Exception(e) => (None, Some((**e).clone())),
        P::PatternDesc::Or(a, b) => {
            let (va, ea) = split_exception_pattern(a);
            let (vb, eb) = split_exception_pattern(b);
            let join = |x: Option<P::Pattern>, y: Option<P::Pattern>| match (x, y) {
                (Some(x), Some(y)) => Some(P::Pattern { desc: P::PatternDesc::Or(Box::new(x), Box::new(y)), ..p.clone() }),
                (x, None) => x,
                (None, y) => y,
            };
            (join(va, vb), join(ea, eb))
        }
        _ => (Some(p.clone()), None),
    }
}

fn is_var_pattern(p: &P::Pattern) -> bool {
    match &p.desc {
        P::PatternDesc::Var(_) | P::PatternDesc::Any => true,
        P::PatternDesc::Constraint(p, _) => is_var_pattern(p),
        _ => false,
    }
}

fn option_constructors(env: &Env) -> (Rc<ConstructorDescription>, Rc<ConstructorDescription>) {
    let td = env.find_type_data(&predef::path_option());
    let cs = td.map(|d| d.constrs.clone()).unwrap_or_default();
    let none = cs.iter().find(|c| &*c.name == "None").cloned();
    let some = cs.iter().find(|c| &*c.name == "Some").cloned();
    match (some, none) {
        (Some(s), Some(n)) => (s, n),
        _ => {
            let decl = predef::items()
                .into_iter()
                .find_map(|it| match it {
                    SignatureItem::Type(id, d, _) if id.name() == "option" => Some(d),
                    _ => None,
                })
                .unwrap_or_else(|| Rc::new(TypeDeclaration {
                    params: vec![],
                    arity: 0,
                    kind: TypeKind::Abstract,
                    private: false,
                    manifest: None,
                    variance: vec![],
                    injective: vec![],
                    is_newtype: false,
                    unboxed: false,
                    immediate: false,
                    loc: Location::none(),
                }));
            let cs = super::datarepr::constructors(&predef::path_option(), &decl);
            (cs[1].clone(), cs[0].clone())
        }
    }
}

/// Labels of the arrows of a function type, and whether it ends in a type variable.
fn list_labels(env: &Env, t: TypeExpr) -> (Vec<ArgLabel>, bool) {
    let mut out = Vec::new();
    let mut t = t;
    for _ in 0..1000 {
        match desc(ctype::expand_head(env, t)) {
            TypeDesc::Arrow(l, _, r) => {
                out.push(l);
                t = r;
            }
            TypeDesc::Var(_) => return (out, true),
            _ => return (out, false),
        }
    }
    (out, false)
}

fn final_subexpression(e: &T::Expression) -> &T::Expression {
    match &e.desc {
        T::ExpressionDesc::Let(_, _, b) | T::ExpressionDesc::Sequence(_, b) | T::ExpressionDesc::LetException(_, _, b) | T::ExpressionDesc::Open(_, b) => {
            final_subexpression(b)
        }
        T::ExpressionDesc::LetModule(_, _, b) => final_subexpression(b),
        T::ExpressionDesc::Match { cases, .. } if !cases.is_empty() => final_subexpression(&cases[0].rhs),
        T::ExpressionDesc::Try(b, _) => final_subexpression(b),
        T::ExpressionDesc::IfThenElse(_, t, _) => final_subexpression(t),
        _ => e,
    }
}

/// OCaml's syntactic criterion for generalizing a let-bound expression.
pub fn is_nonexpansive(e: &T::Expression) -> bool {
    use T::ExpressionDesc as D;
    match &e.desc {
        D::Ident(..) | D::Constant(_) | D::Function { .. } | D::Unreachable => true,
        D::Let(_, vbs, body) => vbs.iter().all(|vb| is_nonexpansive(&vb.expr)) && is_nonexpansive(body),
        D::Match { scrutinee, cases, exn_cases, .. } => {
            is_nonexpansive(scrutinee)
                && cases.iter().chain(exn_cases.iter()).all(|c| c.guard.is_none() && is_nonexpansive(&c.rhs))
        }
        D::Tuple(es) => es.iter().all(is_nonexpansive),
        D::Construct(_, _, es) => es.iter().all(is_nonexpansive),
        D::Variant(_, arg) => arg.as_deref().map(is_nonexpansive).unwrap_or(true),
        D::Record { fields, extended, .. } => {
            fields.iter().all(|(ld, f)| match f {
                T::RecordField::Overridden(_, e) => !ld.mutable && is_nonexpansive(e),
                T::RecordField::Kept(_) => !ld.mutable,
            }) && extended.as_ref().map(|e| is_nonexpansive(e)).unwrap_or(true)
        }
        D::Field(e, _, _) => is_nonexpansive(e),
        D::Array(es) => es.is_empty(),
        D::IfThenElse(c, t, e) => is_nonexpansive(c) && is_nonexpansive(t) && e.as_ref().map(|e| is_nonexpansive(e)).unwrap_or(true),
        D::Sequence(_, b) => is_nonexpansive(b) && false,
        D::Lazy(_) => true,
        D::Assert(e) => matches!(&e.desc, D::Construct(lid, _, args) if args.is_empty() && lid.txt.last() == "false"),
        D::Open(_, b) => is_nonexpansive(b),
        D::LetException(_, _, b) => is_nonexpansive(b),
        D::LetModule(_, _, b) => is_nonexpansive(b),
        // An application whose first argument is left open is eta-expanded: a function.
        D::Apply(f, args) if matches!(args.first(), Some((_, None))) => {
            is_nonexpansive(f) && args.iter().all(|(_, a)| a.as_ref().map(is_nonexpansive).unwrap_or(true))
        }
        D::Pack(me, _) => matches!(me.desc, T::ModuleExprDesc::Ident(_)),
        // As OCaml: an object with immutable instance variables of non-expansive values.
        D::Object(o) => o.initializers.is_empty() && o.vals.iter().all(|(_, m, e)| !m && is_nonexpansive(e)),
        D::InstVar(..) => true,
        D::Apply(..) | D::Try(..) | D::Setfield(..) | D::While(..) | D::For(..) => false,
        D::Send(..) | D::SetInstVar(..) | D::Override(..) => false,
    }
}

/// The expression a type constraint (`(e : t)`, `(e :> t)`) is about: OCaml reports errors
/// about a constrained expression at the expression itself.
fn constraint_inner(e: &P::Expression) -> &P::Expression {
    match &e.desc {
        P::ExpressionDesc::Constraint(inner, _) | P::ExpressionDesc::Coerce(inner, _, _) => constraint_inner(inner),
        _ => e,
    }
}

/// A `Poly` type made into a type scheme: every node generic, univars become variables.
pub fn poly_to_scheme(t: TypeExpr) -> TypeExpr {
    fn go(t: TypeExpr, memo: &mut FxHashMap<TypeExpr, TypeExpr>) -> TypeExpr {
        let t = repr(t);
        if let Some(x) = memo.get(&t) {
            return *x;
        }
        let node = new_generic(TypeDesc::Var(None));
        memo.insert(t, node);
        let d = match desc(t) {
            TypeDesc::Var(n) | TypeDesc::Univar(n) => TypeDesc::Var(n),
            TypeDesc::Arrow(l, a, b) => TypeDesc::Arrow(l, go(a, memo), go(b, memo)),
            TypeDesc::Tuple(ts) => TypeDesc::Tuple(ts.iter().map(|t| go(*t, memo)).collect()),
            TypeDesc::Constr(p, ts) => TypeDesc::Constr(p, ts.iter().map(|t| go(*t, memo)).collect()),
            TypeDesc::Package(p, ns, ts) => TypeDesc::Package(p, ns, ts.iter().map(|t| go(*t, memo)).collect()),
            TypeDesc::Poly(b, vs) => {
                for v in vs.iter() {
                    go(*v, memo);
                }
                return {
                    let r = go(b, memo);
                    memo.insert(t, r);
                    r
                };
            }
            TypeDesc::Variant(row) => TypeDesc::Variant(Rc::new(row.map_types(|t| go(t, memo)))),
            TypeDesc::Object(m) => TypeDesc::Object(Rc::new(m.map_types(|t| go(t, memo)))),
            TypeDesc::Link(x) | TypeDesc::Subst(x) => return go(x, memo),
        };
        set_desc(node, d);
        node
    }
    go(t, &mut FxHashMap::default())
}

/// After typing an explicitly polymorphic definition: its variables must still be distinct
/// generalizable variables.
fn check_poly_instance(env: &Env, loc: &Location, inst: TypeExpr, scheme: TypeExpr, poly_ty: TypeExpr) -> R<()> {
    let vars = ctype::free_variables(inst);
    let mut scheme_vars = 0;
    walk_nodes(scheme, |_, d| {
        if matches!(d, TypeDesc::Var(_)) {
            scheme_vars += 1;
        }
        Walk::Descend
    });
    let generalizable = vars.iter().filter(|v| level(**v) > ctype::current_level()).count();
    if generalizable < scheme_vars {
        let _ = env;
        let mut names = super::printtyp::Names::new();
        let got = super::printtyp::type_expr_to_string(&mut names, inst);
        let want = super::printtyp::type_to_string(poly_ty);
        return err(loc, ErrorKind::Message(format!("This definition has type {} which is less general than\n         {}", got, want)));
    }
    Ok(())
}

/// Replaces the (nullary) type constructor `p` by one fresh variable everywhere in `t`.
fn replace_type_constr(t: TypeExpr, p: &Path, name: Rc<str>) {
    let var = ctype::newvar_named(Some(name));
    walk_nodes(t, |t, d| match d {
        TypeDesc::Constr(q, args) if q == p && args.is_empty() => {
            link(t, var);
            Walk::Skip
        }
        _ => Walk::Descend,
    });
}

fn rename_pattern(p: T::Pattern, map: &FxHashMap<u32, Ident>) -> T::Pattern {
    use T::PatternDesc as D;
    let desc = match p.desc {
        D::Var(id, n) => D::Var(map.get(&id.stamp).cloned().unwrap_or(id), n),
        D::Alias(q, id, n) => D::Alias(Box::new(rename_pattern(*q, map)), map.get(&id.stamp).cloned().unwrap_or(id), n),
        D::Tuple(ps) => D::Tuple(ps.into_iter().map(|p| rename_pattern(p, map)).collect()),
        D::Construct(l, c, ps) => D::Construct(l, c, ps.into_iter().map(|p| rename_pattern(p, map)).collect()),
        D::Record(fs, cl) => D::Record(fs.into_iter().map(|(l, d, p)| (l, d, rename_pattern(p, map))).collect(), cl),
        D::Array(ps) => D::Array(ps.into_iter().map(|p| rename_pattern(p, map)).collect()),
        D::Or(a, b) => D::Or(Box::new(rename_pattern(*a, map)), Box::new(rename_pattern(*b, map))),
        D::Lazy(q) => D::Lazy(Box::new(rename_pattern(*q, map))),
        D::Variant(t, q) => D::Variant(t, q.map(|q| Box::new(rename_pattern(*q, map)))),
        d => d,
    };
    T::Pattern { desc, ..p }
}

/// OCaml's check of `let rec` right-hand sides (`rec_check.rs`).
fn check_let_rec(vbs: &[T::ValueBinding], vars: &[BoundVar]) -> R<()> {
    let group: Vec<u32> = vars.iter().map(|v| v.id.stamp).collect();
    for vb in vbs {
        if !super::rec_check::is_valid_rhs(&vb.expr, &group) {
            return err(&vb.expr.loc, ErrorKind::IllegalLetRec);
        }
    }
    Ok(())
}

/// Parses an integer literal as OCaml does: decimal literals must fit the signed range of
/// `bits`; hexadecimal, octal and binary ones the unsigned range (then wrap).
pub fn parse_int(s: &str, bits: u32) -> Option<i64> {
    let s = s.replace('_', "");
    let (neg, body) = match s.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, s.strip_prefix('+').unwrap_or(&s).to_string()),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(r) = lower.strip_prefix("0x") {
        (16, r.to_string())
    } else if let Some(r) = lower.strip_prefix("0o") {
        (8, r.to_string())
    } else if let Some(r) = lower.strip_prefix("0b") {
        (2, r.to_string())
    } else {
        (10, lower.clone())
    };
    let v = u128::from_str_radix(&digits, radix).ok()?;
    let max_signed: u128 = (1u128 << (bits - 1)) - 1;
    let max_unsigned: u128 = (1u128 << bits) - 1;
    let value: i128 = if radix == 10 {
        if neg {
            if v > max_signed + 1 {
                return None;
            }
            -(v as i128)
        } else {
            if v > max_signed {
                return None;
            }
            v as i128
        }
    } else {
        if v > max_unsigned {
            return None;
        }
        // reinterpret as signed `bits`-wide
        let signed = if v > max_signed { v as i128 - (1i128 << bits) } else { v as i128 };
        if neg {
            -signed
        } else {
            signed
        }
    };
    Some(value as i64)
}

#[allow(dead_code)]
fn unify_error_to_type_error(loc: &Location, e: UnifyError) -> TypeError {
    TypeError::new(loc, ErrorKind::ExprTypeClash(e, None))
}

#[allow(dead_code)]
fn unbound_kind_value() -> Kind {
    Kind::Value
}

#[allow(dead_code)]
fn closed(c: ClosedFlag) -> bool {
    c == ClosedFlag::Closed
}

/// The module type of a first-class module of type `ty` (which must be known to be a package).
pub fn package_module_type(env: &Env, ty: TypeExpr, loc: &Location) -> R<ModuleType> {
    match desc(ctype::expand_head(env, ty)) {
        TypeDesc::Package(p, names, tys) => Ok(super::typemod::package_modtype(env, &p, &names, &tys)),
        _ => err(loc, ErrorKind::Message("The signature for this packaged module couldn't be inferred.".into())),
    }
}

/// Building a value of a private variant or record type outside its definition.
fn private_type_error(ty: TypeExpr) -> ErrorKind {
    ErrorKind::Message(format!("Cannot create values of the private type {}", super::printtyp::type_to_string(ty)))
}

/// Whether `e` names the primitive `name` (`ignore` is `%ignore`).
fn is_primitive(e: &T::Expression, name: &str) -> bool {
    matches!(&e.desc, T::ExpressionDesc::Ident(_, _, vd) if matches!(&vd.kind, ValueKind::Primitive(p) if &*p.name == name))
}

/// Warning 5 when `te`, whose result is dropped, is a partial application.
pub fn partial_application_warning(env: &Env, te: &T::Expression) -> Option<crate::typing::Warning> {
    let partial = matches!(te.desc, T::ExpressionDesc::Apply(..)) && matches!(desc(ctype::expand_head(env, te.ty)), TypeDesc::Arrow(..));
    partial.then(|| crate::typing::Warning {
        loc: te.loc.clone(),
        number: 5,
        message: "this function application is partial,\nmaybe some arguments are missing.".to_string(),
    })
}
