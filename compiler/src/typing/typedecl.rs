//! Typing of type declarations (variants, records, abbreviations, mutually recursive groups),
//! exceptions, type extensions and value descriptions (`val`, `external`).

use super::ctype;
use super::env::{Env, Kind};
use super::errors::{ErrorKind, TypeError};
use super::ident::Ident;
use super::path::Path;
use super::predef;
use super::typecore::Typer;
use super::types::*;
use super::typetexp::{self, TypeVars, VarPolicy};
use crate::parsing::asttypes::{Injectivity, MutableFlag, PrivateFlag, RecFlag, Variance as PVariance};
use crate::parsing::location::Location;
use crate::parsing::parsetree as P;
use rustc_hash::FxHashMap;
use std::rc::Rc;

type R<T> = Result<T, TypeError>;

fn err<T>(loc: &Location, k: ErrorKind) -> R<T> {
    Err(TypeError::new(loc, k))
}

fn has_attr(attrs: &P::Attributes, name: &str) -> bool {
    attrs.iter().any(|a| a.name.txt == name || a.name.txt == format!("ocaml.{}", name))
}

/// The message of a `[@@deprecated "..."]` (or `[@@ocaml.deprecated]`) attribute: empty
/// when it has none.
pub fn deprecation(attrs: &P::Attributes) -> Option<Rc<str>> {
    let a = attrs.iter().find(|a| a.name.txt == "deprecated" || a.name.txt == "ocaml.deprecated")?;
    let msg = match &a.payload {
        P::Payload::Str(items) => match items.as_slice() {
            [P::StructureItem { desc: P::StructureItemDesc::Eval(e, _), .. }] => match &e.desc {
                P::ExpressionDesc::Constant(crate::parsing::asttypes::Constant::String(s, _, _)) => String::from_utf8_lossy(s).to_string(),
                _ => String::new(),
            },
            _ => String::new(),
        },
        _ => String::new(),
    };
    Some(msg.into())
}

/// Makes every node reachable from `t` generic.
fn generalize_all(t: TypeExpr) {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        let t = repr(t);
        if level(t) != GENERIC_LEVEL {
            set_level(t, GENERIC_LEVEL);
            stack.extend(children(&desc(t)));
        }
    }
}

fn generalize_decl(d: &TypeDeclaration) {
    for p in &d.params {
        generalize_all(*p);
    }
    if let Some(m) = d.manifest {
        generalize_all(m);
    }
    match &d.kind {
        TypeKind::Variant(cs) => {
            for c in cs {
                generalize_args(&c.args);
                if let Some(r) = c.res {
                    generalize_all(r);
                }
            }
        }
        TypeKind::Record(ls, _) => ls.iter().for_each(|l| generalize_all(l.ty)),
        _ => {}
    }
}

fn generalize_args(a: &ConstructorArgs) {
    match a {
        ConstructorArgs::Tuple(ts) => ts.iter().for_each(|t| generalize_all(*t)),
        ConstructorArgs::Record(ls) => ls.iter().for_each(|l| generalize_all(l.ty)),
    }
}

fn transl_labels(env: &Env, vars: &mut TypeVars, policy: VarPolicy, ls: &[P::LabelDeclaration]) -> R<Vec<LabelDeclaration>> {
    let mut out: Vec<LabelDeclaration> = Vec::new();
    for l in ls {
        if out.iter().any(|x| x.id.name() == l.name.txt) {
            return err(&ls.last().map(|x| x.loc.clone()).unwrap_or_else(|| l.loc.clone()), ErrorKind::DuplicateLabel(l.name.txt.clone()));
        }
        let ty = typetexp::transl_type(env, vars, policy, &l.type_)?;
        let ty = match desc(ty) {
            TypeDesc::Poly(b, vs) if vs.is_empty() => b,
            _ => ty,
        };
        out.push(LabelDeclaration { id: Ident::create(&l.name.txt), mutable: l.mutable == MutableFlag::Mutable, ty, loc: l.loc.clone() });
    }
    Ok(out)
}

fn transl_args(env: &Env, vars: &mut TypeVars, policy: VarPolicy, a: &P::ConstructorArguments) -> R<ConstructorArgs> {
    match a {
        P::ConstructorArguments::Tuple(ts) => {
            let mut out = Vec::new();
            for t in ts {
                out.push(typetexp::transl_type(env, vars, policy, t)?);
            }
            Ok(ConstructorArgs::Tuple(out))
        }
        P::ConstructorArguments::Record(ls) => Ok(ConstructorArgs::Record(transl_labels(env, vars, policy, ls)?)),
    }
}

fn record_repr(env: &Env, ls: &[LabelDeclaration], unboxed: bool) -> RecordRepr {
    if unboxed && ls.len() == 1 {
        return RecordRepr::Unboxed;
    }
    let all_float = !ls.is_empty() && ls.iter().all(|l| ctype::is_type_path(env, l.ty, &predef::path_float()));
    if all_float {
        RecordRepr::Float
    } else {
        RecordRepr::Regular
    }
}

/// Types a group of type declarations; returns them and the environment with them added.
pub fn transl_type_decls(env: &Env, rf: RecFlag, sdecls: &[P::TypeDeclaration]) -> R<(Vec<(Ident, Rc<TypeDeclaration>)>, Env)> {
    // Unique names in the group.
    for (i, d) in sdecls.iter().enumerate() {
        if sdecls[..i].iter().any(|x| x.name.txt == d.name.txt) {
            return err(&d.loc, ErrorKind::DuplicateName("type", d.name.txt.clone()));
        }
    }
    let ids: Vec<Ident> = sdecls.iter().map(|d| Ident::create(&d.name.txt)).collect();
    ctype::begin_def();
    let result = transl_group(env, rf, sdecls, &ids);
    ctype::end_def();
    let decls = result?;
    for d in &decls {
        generalize_decl(d);
    }
    let mut final_env = env.clone();
    for (id, d) in ids.iter().zip(decls.iter()) {
        final_env.add_type(id, Rc::new(d.clone()));
    }
    // Cyclic abbreviations.
    for (i, (id, d)) in ids.iter().zip(decls.iter()).enumerate() {
        if let Some(m) = d.manifest {
            if abbrev_cycle(&final_env, &Path::Pident(id.clone()), m, &ids, 0) {
                return err(&sdecls[i].loc, ErrorKind::CyclicAbbrev(id.name().to_string()));
            }
        }
    }
    // Variances (fixpoint over the group), then the records' representations.
    let decls = compute_variances(&final_env, &ids, decls, sdecls);
    let mut final_env = env.clone();
    let mut out = Vec::new();
    for (id, d) in ids.iter().zip(decls) {
        let d = Rc::new(d);
        final_env.add_type(id, d.clone());
        out.push((id.clone(), d));
    }
    Ok((out, final_env))
}

fn transl_group(env: &Env, rf: RecFlag, sdecls: &[P::TypeDeclaration], ids: &[Ident]) -> R<Vec<TypeDeclaration>> {
    // Environment in which the definitions are typed: with the group as abstract types
    // (with their manifests when simple, for recursive uses) if recursive.
    let mut tenv = env.clone();
    if rf == RecFlag::Recursive {
        for (sd, id) in sdecls.iter().zip(ids) {
            let params: Vec<TypeExpr> = sd.params.iter().map(|_| ctype::newvar()).collect();
            let abs = TypeDeclaration {
                arity: params.len(),
                params,
                kind: TypeKind::Abstract,
                private: false,
                manifest: None,
                variance: vec![(true, true); sd.params.len()],
                injective: vec![],
                is_newtype: false,
                unboxed: false,
                immediate: false,
                loc: sd.loc.clone(),
            };
            generalize_decl(&abs);
            tenv.add_type(id, Rc::new(abs));
        }
    }
    let mut out = Vec::new();
    for sd in sdecls {
        let mut vars = TypeVars::default();
        let mut params = Vec::new();
        for (p, _) in &sd.params {
            let t = match &p.desc {
                P::CoreTypeDesc::Var(name) => {
                    if vars.vars.contains_key(name) {
                        return err(&p.loc, ErrorKind::Message(format!("A type parameter occurs several times")));
                    }
                    let t = ctype::newvar_named(Some(Rc::from(name.as_str())));
                    vars.vars.insert(name.clone(), t);
                    t
                }
                _ => ctype::newvar(),
            };
            params.push(t);
        }
        let unboxed = has_attr(&sd.attributes, "unboxed");
        let kind = match &sd.kind {
            P::TypeKind::Abstract => TypeKind::Abstract,
            P::TypeKind::Open => TypeKind::Open,
            P::TypeKind::Record(ls) => {
                let ls = transl_labels(&tenv, &mut vars, VarPolicy::Fixed, ls)?;
                let repr = record_repr(&tenv, &ls, unboxed);
                TypeKind::Record(ls, repr)
            }
            P::TypeKind::Variant(cs) => {
                let mut out_cs: Vec<ConstructorDeclaration> = Vec::new();
                for c in cs {
                    if out_cs.iter().any(|x| x.id.name() == c.name.txt) {
                        return err(&sd.loc, ErrorKind::DuplicateConstructor(c.name.txt.clone()));
                    }
                    let (args, res) = if let Some(r) = &c.res {
                        // GADT constructor: its variables are its own.
                        let mut cvars = TypeVars::default();
                        let args = transl_args(&tenv, &mut cvars, VarPolicy::Extensible, &c.args)?;
                        let res = typetexp::transl_type(&tenv, &mut cvars, VarPolicy::Extensible, r)?;
                        (args, Some(res))
                    } else {
                        (transl_args(&tenv, &mut vars, VarPolicy::Fixed, &c.args)?, None)
                    };
                    out_cs.push(ConstructorDeclaration { id: Ident::create(&c.name.txt), args, res, loc: c.loc.clone() });
                }
                TypeKind::Variant(out_cs)
            }
        };
        let manifest = match &sd.manifest {
            Some(t) => Some(typetexp::transl_type(&tenv, &mut vars, VarPolicy::Fixed, t)?),
            None => None,
        };
        for (a, b, loc) in &sd.cstrs {
            let ta = typetexp::transl_type(&tenv, &mut vars, VarPolicy::Extensible, a)?;
            let tb = typetexp::transl_type(&tenv, &mut vars, VarPolicy::Extensible, b)?;
            ctype::unify(&tenv, ta, tb).map_err(|e| TypeError::new(loc, ErrorKind::ExprTypeClash(e, None)))?;
        }
        let variance = sd
            .params
            .iter()
            .map(|(_, (v, _))| match v {
                PVariance::Covariant => (true, false),
                PVariance::Contravariant => (false, true),
                PVariance::NoVariance => (true, true),
            })
            .collect();
        let injective = sd.params.iter().map(|(_, (_, inj))| *inj == Injectivity::Injective).collect();
        out.push(TypeDeclaration {
            arity: params.len(),
            params,
            kind,
            private: sd.private == PrivateFlag::Private,
            manifest,
            variance,
            injective,
            is_newtype: false,
            unboxed,
            immediate: false,
            loc: sd.loc.clone(),
        });
    }
    Ok(out)
}

/// Does expanding the abbreviation `body` of `start` lead back to `start`?
fn abbrev_cycle(env: &Env, start: &Path, body: TypeExpr, group: &[Ident], depth: usize) -> bool {
    if depth > 50 {
        return true;
    }
    let mut stack = vec![body];
    let m = new_mark();
    while let Some(t) = stack.pop() {
        let t = repr(t);
        if !try_mark(t, m) {
            continue;
        }
        let d = desc(t);
        // Recursion through a polymorphic variant is not a cycle of abbreviations.
        if matches!(d, TypeDesc::Variant(_) | TypeDesc::Object(_)) {
            continue;
        }
        if let TypeDesc::Constr(p, args) = &d {
            if p == start {
                return true;
            }
            if let Path::Pident(id) = p {
                if group.contains(id) {
                    if let Some(decl) = env.find_type(p) {
                        if let (TypeKind::Abstract, Some(m2)) = (&decl.kind, decl.manifest) {
                            let e = ctype::apply(&decl.params, m2, args);
                            if abbrev_cycle(env, start, e, group, depth + 1) {
                                return true;
                            }
                        }
                    }
                    continue;
                }
            }
        }
        // `-rectypes`: a recursive use under an arrow, a tuple or a datatype is well founded.
        if super::clflags::rectypes() {
            match &d {
                TypeDesc::Arrow(..) | TypeDesc::Tuple(_) => continue,
                TypeDesc::Constr(p, _) if ctype::is_contractive(env, p) => continue,
                _ => {}
            }
        }
        stack.extend(children(&d));
    }
    false
}

/// Variance of each parameter, as (may appear covariantly, may appear contravariantly).
fn compute_variances(env: &Env, ids: &[Ident], mut decls: Vec<TypeDeclaration>, sdecls: &[P::TypeDeclaration]) -> Vec<TypeDeclaration> {
    // Start from "unused" for defined types, iterate to a fixpoint.
    let mut cur: FxHashMap<Ident, Vec<(bool, bool)>> = FxHashMap::default();
    for (id, d) in ids.iter().zip(decls.iter()) {
        let abstract_ = matches!(d.kind, TypeKind::Abstract) && d.manifest.is_none();
        let v = if abstract_ { d.variance.clone() } else { vec![(false, false); d.arity] };
        cur.insert(id.clone(), v);
    }
    for _ in 0..20 {
        let mut changed = false;
        for (id, d) in ids.iter().zip(decls.iter()) {
            if matches!(d.kind, TypeKind::Abstract) && d.manifest.is_none() {
                continue;
            }
            let mut acc = vec![(false, false); d.arity];
            let mut visit = |t: TypeExpr, pol: (bool, bool)| occurrences(env, &cur, &d.params, t, pol, &mut acc);
            if let Some(m) = d.manifest {
                visit(m, (true, false));
            }
            match &d.kind {
                TypeKind::Variant(cs) => {
                    for c in cs {
                        match &c.args {
                            ConstructorArgs::Tuple(ts) => ts.iter().for_each(|t| visit(*t, (true, false))),
                            ConstructorArgs::Record(ls) => {
                                ls.iter().for_each(|l| visit(l.ty, if l.mutable { (true, true) } else { (true, false) }))
                            }
                        }
                    }
                }
                TypeKind::Record(ls, _) => ls.iter().for_each(|l| visit(l.ty, if l.mutable { (true, true) } else { (true, false) })),
                _ => {}
            }
            // Constrained (non-variable) parameters are invariant.
            for (i, p) in d.params.iter().enumerate() {
                if !matches!(desc(*p), TypeDesc::Var(_)) {
                    acc[i] = (true, true);
                }
            }
            if cur.get(id) != Some(&acc) {
                cur.insert(id.clone(), acc);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for ((id, d), sd) in ids.iter().zip(decls.iter_mut()).zip(sdecls) {
        if let Some(v) = cur.get(id) {
            if !(matches!(d.kind, TypeKind::Abstract) && d.manifest.is_none()) {
                // Declared variances are kept if given; else inferred.
                d.variance = v
                    .iter()
                    .zip(sd.params.iter())
                    .map(|(inferred, (_, (decl, _)))| match decl {
                        PVariance::Covariant => (true, false),
                        PVariance::Contravariant => (false, true),
                        PVariance::NoVariance => *inferred,
                    })
                    .collect();
            }
        }
    }
    decls
}

fn occurrences(env: &Env, cur: &FxHashMap<Ident, Vec<(bool, bool)>>, params: &[TypeExpr], t: TypeExpr, pol: (bool, bool), acc: &mut Vec<(bool, bool)>) {
    let t = repr(t);
    if let Some(i) = params.iter().position(|p| repr(*p) == t) {
        acc[i].0 |= pol.0;
        acc[i].1 |= pol.1;
        return;
    }
    let flip = |p: (bool, bool)| (p.1, p.0);
    match desc(t) {
        TypeDesc::Arrow(_, a, b) => {
            occurrences(env, cur, params, a, flip(pol), acc);
            occurrences(env, cur, params, b, pol, acc);
        }
        TypeDesc::Tuple(ts) => ts.iter().for_each(|x| occurrences(env, cur, params, *x, pol, acc)),
        TypeDesc::Constr(p, args) => {
            let vs: Vec<(bool, bool)> = match &p {
                Path::Pident(id) if cur.contains_key(id) => cur[id].clone(),
                _ => env.find_type(&p).map(|d| d.variance.clone()).unwrap_or_else(|| vec![(true, true); args.len()]),
            };
            for (i, a) in args.iter().enumerate() {
                let (co, contra) = vs.get(i).copied().unwrap_or((true, true));
                if co {
                    occurrences(env, cur, params, *a, pol, acc);
                }
                if contra {
                    occurrences(env, cur, params, *a, flip(pol), acc);
                }
            }
        }
        TypeDesc::Poly(b, _) => occurrences(env, cur, params, b, pol, acc),
        // Types in a package are invariant.
        TypeDesc::Package(_, _, ts) => ts.iter().for_each(|x| occurrences(env, cur, params, *x, (true, true), acc)),
        TypeDesc::Variant(row) => row.types().iter().for_each(|x| occurrences(env, cur, params, *x, pol, acc)),
        TypeDesc::Object(m) => m.fields.iter().for_each(|(_, x)| occurrences(env, cur, params, *x, pol, acc)),
        _ => {}
    }
}

/// `exception E of t` / `exception E = M.F`. Returns the identifier and the constructor.
pub fn transl_exception(_typer: &mut Typer, env: &Env, ext: &P::ExtensionConstructor) -> R<(Ident, Rc<ExtensionConstructor>)> {
    let id = Ident::create(&ext.name.txt);
    match &ext.kind {
        P::ExtensionConstructorKind::Decl(_, args, res) => {
            ctype::begin_def();
            let mut vars = TypeVars::default();
            let r = (|| -> R<(ConstructorArgs, Option<TypeExpr>)> {
                let policy = if res.is_some() { VarPolicy::Extensible } else { VarPolicy::Fixed };
                let a = transl_args(env, &mut vars, policy, args)?;
                let r = match res {
                    Some(r) => Some(typetexp::transl_type(env, &mut vars, policy, r)?),
                    None => None,
                };
                Ok((a, r))
            })();
            ctype::end_def();
            let (args, ret_type) = r?;
            generalize_args(&args);
            if let Some(r) = ret_type {
                generalize_all(r);
            }
            Ok((
                id,
                Rc::new(ExtensionConstructor { type_path: predef::path_exn(), type_params: vec![], args, ret_type, private: false, loc: ext.loc.clone() }),
            ))
        }
        P::ExtensionConstructorKind::Rebind(lid) => {
            let cds = env.lookup_all_constructors(&lid.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &lid.loc))?;
            let cd = &cds[0];
            let args = ConstructorArgs::Tuple(cd.args.clone());
            Ok((
                id,
                Rc::new(ExtensionConstructor {
                    type_path: cd.type_path.clone(),
                    type_params: vec![],
                    args,
                    ret_type: if cd.generalized { Some(cd.res) } else { None },
                    private: cd.private,
                    loc: ext.loc.clone(),
                }),
            ))
        }
    }
}

/// The path of the constructor a rebinding `exception E = M.F` refers to.
pub fn rebind_path(env: &Env, lid: &crate::parsing::location::Located<crate::parsing::longident::Longident>) -> R<Path> {
    let cds = env.lookup_all_constructors(&lid.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &lid.loc))?;
    match &cds[0].tag {
        ConstructorTag::Extension(p) => Ok(p.clone()),
        _ => err(&lid.loc, ErrorKind::Message(format!("The constructor {} is not an extension constructor.", lid.txt))),
    }
}

/// `type t += A | B`.
pub fn transl_type_extension(env: &Env, te: &P::TypeExtension) -> R<Vec<(Ident, Rc<ExtensionConstructor>)>> {
    let entry = env.lookup_type(&te.path.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &te.path.loc))?;
    if !matches!(entry.data.decl.kind, TypeKind::Open) {
        return err(&te.loc, ErrorKind::Message(format!("Type definition {} is not extensible", te.path.txt)));
    }
    let mut out = Vec::new();
    for c in &te.constructors {
        ctype::begin_def();
        let mut vars = TypeVars::default();
        let params: Vec<TypeExpr> = te
            .params
            .iter()
            .map(|(p, _)| match &p.desc {
                P::CoreTypeDesc::Var(n) => {
                    let t = ctype::newvar_named(Some(Rc::from(n.as_str())));
                    vars.vars.insert(n.clone(), t);
                    t
                }
                _ => ctype::newvar(),
            })
            .collect();
        let r = match &c.kind {
            P::ExtensionConstructorKind::Decl(_, args, res) => (|| -> R<(ConstructorArgs, Option<TypeExpr>)> {
                let a = transl_args(env, &mut vars, VarPolicy::Fixed, args)?;
                let r = match res {
                    Some(r) => Some(typetexp::transl_type(env, &mut vars, VarPolicy::Extensible, r)?),
                    None => None,
                };
                Ok((a, r))
            })(),
            P::ExtensionConstructorKind::Rebind(lid) => env
                .lookup_all_constructors(&lid.txt)
                .map(|cds| (ConstructorArgs::Tuple(cds[0].args.clone()), None))
                .map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &lid.loc)),
        };
        ctype::end_def();
        let (args, ret_type) = r?;
        params.iter().for_each(|p| generalize_all(*p));
        generalize_args(&args);
        if let Some(r) = ret_type {
            generalize_all(r);
        }
        out.push((
            Ident::create(&c.name.txt),
            Rc::new(ExtensionConstructor {
                type_path: entry.path.clone(),
                type_params: params,
                args,
                ret_type,
                private: te.private == PrivateFlag::Private,
                loc: c.loc.clone(),
            }),
        ));
    }
    Ok(out)
}

/// `val x : t` or `external x : t = "prim" ...`.
pub fn transl_value_decl(env: &Env, vd: &P::ValueDescription) -> R<(Ident, Rc<ValueDescription>)> {
    ctype::begin_def();
    let mut vars = TypeVars::default();
    let r = typetexp::transl_type(env, &mut vars, VarPolicy::Extensible, &vd.type_);
    ctype::end_def();
    let ty = r?;
    let ty = match desc(ty) {
        TypeDesc::Poly(b, vs) if vs.is_empty() => b,
        _ => ty,
    };
    generalize_all(ty);
    let kind = if vd.prim.is_empty() {
        ValueKind::Regular
    } else {
        let arity = arrow_arity(ty);
        if arity == 0 && !vd.prim[0].starts_with('%') {
            return err(&vd.type_.loc, ErrorKind::Message("External identifiers must be functions".into()));
        }
        let noalloc = has_attr(&vd.attributes, "noalloc");
        let native = vd.prim.get(1).cloned().unwrap_or_else(|| vd.prim[0].clone());
        ValueKind::Primitive(Rc::new(Primitive {
            name: Rc::from(vd.prim[0].as_str()),
            arity,
            alloc: !noalloc,
            native_name: Rc::from(native.as_str()),
            written: vd.prim.iter().map(|s| Rc::from(s.as_str())).collect(),
        }))
    };
    let deprecated = deprecation(&vd.attributes);
    Ok((Ident::create(&vd.name.txt), Rc::new(ValueDescription { ty, kind, loc: vd.loc.clone(), deprecated })))
}

fn arrow_arity(t: TypeExpr) -> usize {
    match desc(t) {
        TypeDesc::Arrow(_, _, r) => 1 + arrow_arity(r),
        _ => 0,
    }
}

#[allow(dead_code)]
fn kind_type() -> Kind {
    Kind::Type
}
