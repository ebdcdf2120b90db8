//! Type expressions written in the source (`int list`, `'a -> 'b`) to `TypeExpr`s.

use super::ctype;
use super::env::{Env, Kind};
use super::errors::{ErrorKind, TypeError};
use super::predef;
use super::types::*;
use crate::parsing::asttypes::ArgLabel as PLabel;
use crate::parsing::asttypes::ClosedFlag;
use crate::parsing::parsetree::{CoreType, CoreTypeDesc, RowField as PRowField, RowFieldDesc};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// What to do with a type variable not yet seen.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum VarPolicy {
    /// Create it (annotations in expressions and patterns).
    Extensible,
    /// Reject it (type declarations: the parameters must be listed).
    Fixed,
}

/// The named type variables in scope (`'a` in annotations of one toplevel definition, or the
/// parameters of a type declaration).
#[derive(Default, Clone)]
pub struct TypeVars {
    pub vars: FxHashMap<String, TypeExpr>,
}

pub fn label(l: &PLabel) -> ArgLabel {
    match l {
        PLabel::Nolabel => ArgLabel::Nolabel,
        PLabel::Labelled(s) => ArgLabel::Labelled(Rc::from(s.as_str())),
        PLabel::Optional(s) => ArgLabel::Optional(Rc::from(s.as_str())),
    }
}

pub fn unbound(env: &Env, kind: Kind, lid: &crate::parsing::longident::Longident, loc: &crate::parsing::location::Location) -> TypeError {
    let cands = env.names_like(kind, lid);
    TypeError::new(loc, ErrorKind::Unbound(kind, lid.clone(), cands))
}

pub fn transl_type(env: &Env, vars: &mut TypeVars, policy: VarPolicy, sty: &CoreType) -> Result<TypeExpr, TypeError> {
    match &sty.desc {
        CoreTypeDesc::Any => Ok(ctype::newvar()),
        CoreTypeDesc::Var(name) => {
            if let Some(t) = vars.vars.get(name) {
                return Ok(*t);
            }
            match policy {
                VarPolicy::Extensible => {
                    let t = ctype::newvar_named(Some(Rc::from(name.as_str())));
                    vars.vars.insert(name.clone(), t);
                    Ok(t)
                }
                VarPolicy::Fixed => Err(TypeError::new(&sty.loc, ErrorKind::UnboundTypeVariable(name.clone()))),
            }
        }
        CoreTypeDesc::Arrow(l, a, b) => {
            let l = label(l);
            let ta = transl_type(env, vars, policy, a)?;
            let ta = if l.is_optional() { ctype::newty(TypeDesc::Constr(predef::path_option(), vec![ta].into())) } else { ta };
            let tb = transl_type(env, vars, policy, b)?;
            Ok(ctype::newty(TypeDesc::Arrow(l, ta, tb)))
        }
        CoreTypeDesc::Tuple(ts) => {
            let mut out = Vec::with_capacity(ts.len());
            for t in ts {
                out.push(transl_type(env, vars, policy, t)?);
            }
            Ok(ctype::newty(TypeDesc::Tuple(out.into())))
        }
        CoreTypeDesc::Constr(lid, args) => {
            let entry = env.lookup_type(&lid.txt).map_err(|e| unbound(env, e.kind, &e.lid, &lid.loc))?;
            let decl = &entry.data.decl;
            if decl.arity != args.len() {
                return Err(TypeError::new(&sty.loc, ErrorKind::TypeArity(lid.txt.clone(), decl.arity, args.len())));
            }
            let mut out = Vec::with_capacity(args.len());
            for t in args {
                out.push(transl_type(env, vars, policy, t)?);
            }
            // Check the constraints of the declaration's parameters (`constraint 'a = int`).
            let result = ctype::newty(TypeDesc::Constr(entry.path.clone(), out.clone().into()));
            let params_inst = ctype::instance_list(&decl.params);
            for (p, a) in params_inst.iter().zip(out.iter()) {
                if !matches!(desc(*p), TypeDesc::Var(_)) {
                    ctype::unify(env, *a, *p).map_err(|e| TypeError::new(&sty.loc, ErrorKind::ExprTypeClash(e, None)))?;
                }
            }
            Ok(result)
        }
        CoreTypeDesc::Alias(t, name) => {
            let ty = transl_type(env, vars, policy, t)?;
            if matches!(desc(ty), TypeDesc::Variant(_)) {
                set_row_var_name(ty, Rc::from(name.as_str()));
            }
            if let Some(v) = vars.vars.get(name) {
                ctype::unify(env, ty, *v).map_err(|e| TypeError::new(&sty.loc, ErrorKind::AliasTypeClash(e)))?;
            } else {
                vars.vars.insert(name.clone(), ty);
            }
            Ok(ty)
        }
        CoreTypeDesc::Poly(names, t) => {
            if names.is_empty() {
                return transl_type(env, vars, policy, t);
            }
            let saved = vars.clone();
            let mut univars = Vec::new();
            for n in names {
                let u = ctype::newty(TypeDesc::Univar(Some(Rc::from(n.txt.as_str()))));
                vars.vars.insert(n.txt.clone(), u);
                univars.push(u);
            }
            let body = transl_type(env, vars, policy, t);
            // Restore the outer scope, keeping variables created inside.
            for n in names {
                match saved.vars.get(&n.txt) {
                    Some(t) => {
                        vars.vars.insert(n.txt.clone(), *t);
                    }
                    None => {
                        vars.vars.remove(&n.txt);
                    }
                }
            }
            Ok(ctype::newty(TypeDesc::Poly(body?, univars.into())))
        }
        CoreTypeDesc::Object(fields, closed) => transl_object(env, vars, policy, sty, fields, *closed),
        CoreTypeDesc::Class(lid, args) => transl_class_row(env, vars, policy, lid, args),
        CoreTypeDesc::Variant(fields, closed, present) => transl_variant(env, vars, policy, sty, fields, *closed, present.as_deref()),
        CoreTypeDesc::Package((lid, cstrs)) => {
            let m = env.lookup_modtype(&lid.txt).map_err(|e| unbound(env, e.kind, &e.lid, &lid.loc))?;
            let mut named = Vec::with_capacity(cstrs.len());
            for (name, t) in cstrs {
                named.push((Rc::<str>::from(name.txt.to_string().as_str()), transl_type(env, vars, policy, t)?));
            }
            named.sort_by(|a, b| a.0.cmp(&b.0));
            let (names, tys): (Vec<_>, Vec<_>) = named.into_iter().unzip();
            Ok(ctype::newty(TypeDesc::Package(m.path, names.into(), tys.into())))
        }
        CoreTypeDesc::Extension((name, _)) => Err(TypeError::new(&name.loc, ErrorKind::Message(format!("Uninterpreted extension '{}'.", name.txt)))),
    }
}

/// A method's type as an object type holds it: always a `Poly` (with no variables when the
/// method is monomorphic).
pub fn method_type(t: TypeExpr) -> TypeExpr {
    match desc(t) {
        TypeDesc::Poly(..) => t,
        _ => ctype::newty(TypeDesc::Poly(t, Rc::from(vec![]))),
    }
}

/// `< m : t; n : 'a. 'a -> 'a; .. >`, with inherited object types `< t; m : int >`.
fn transl_object(
    env: &Env,
    vars: &mut TypeVars,
    policy: VarPolicy,
    sty: &CoreType,
    sfields: &[crate::parsing::parsetree::ObjectField],
    closed: ClosedFlag,
) -> Result<TypeExpr, TypeError> {
    use crate::parsing::parsetree::ObjectFieldDesc;
    let closed = matches!(closed, ClosedFlag::Closed);
    let mut fields: Vec<(Rc<str>, TypeExpr)> = Vec::new();
    for sf in sfields {
        match &sf.desc {
            ObjectFieldDesc::Otag(name, t) => {
                let ty = method_type(transl_type(env, vars, policy, t)?);
                if !fields.iter().any(|(l, _)| **l == *name.txt) {
                    fields.push((Rc::from(name.txt.as_str()), ty));
                }
            }
            ObjectFieldDesc::Oinherit(t) => {
                let ty = transl_type(env, vars, policy, t)?;
                match desc(ctype::expand_head(env, ty)) {
                    TypeDesc::Object(m) if m.closed => {
                        for (l, ft) in &m.fields {
                            if !fields.iter().any(|(x, _)| x == l) {
                                fields.push((l.clone(), *ft));
                            }
                        }
                    }
                    _ => {
                        let s = super::printtyp::type_to_string(ty);
                        return Err(TypeError::new(&t.loc, ErrorKind::Message(format!("The type {}\nis not an object type", s))));
                    }
                }
            }
        }
    }
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    let ty = ctype::newty(TypeDesc::Object(Rc::new(Methods { fields, closed })));
    if !closed && policy == VarPolicy::Fixed {
        // The row variable of an open object type would be unbound in a declaration.
        // (OCaml reports it at the whole declaration; here at the type.)
        let printed = super::printtyp::type_to_string(ty);
        return Err(TypeError::new(
            &sty.loc,
            ErrorKind::Message(format!("A type variable is unbound in this type declaration.\nIn type {} as 'a the variable 'a is unbound", printed)),
        ));
    }
    Ok(ty)
}

/// `[ `A | `B of t ]`, `[> ..]`, `[< .. > `A ]`, with inherited rows `[ t | `C ]`.
fn transl_variant(
    env: &Env,
    vars: &mut TypeVars,
    policy: VarPolicy,
    sty: &CoreType,
    sfields: &[PRowField],
    closed: ClosedFlag,
    present: Option<&[String]>,
) -> Result<TypeExpr, TypeError> {
    let closed = matches!(closed, ClosedFlag::Closed);
    // In `[< ..]` the tags are upper bounds, unless listed after `>`.
    let upper = |tag: &str| closed && present.map(|p| !p.iter().any(|x| x == tag)).unwrap_or(false);
    let mut fields: Vec<(Rc<str>, RowField)> = Vec::new();
    let mut name = None;
    let add = |fields: &mut Vec<(Rc<str>, RowField)>, tag: Rc<str>, f: RowField, loc: &crate::parsing::location::Location| {
        if let Some((_, old)) = fields.iter().find(|(l, _)| *l == tag) {
            if *old != f {
                return Err(TypeError::new(loc, ErrorKind::Message(format!("The constructor {} has multiple definitions.", tag))));
            }
            return Ok(());
        }
        fields.push((tag, f));
        Ok(())
    };
    for sf in sfields {
        match &sf.desc {
            RowFieldDesc::Rtag(tag, constant, args) => {
                let mut tys = Vec::with_capacity(args.len());
                for a in args {
                    tys.push(transl_type(env, vars, policy, a)?);
                }
                let tag: Rc<str> = Rc::from(tag.txt.as_str());
                let f = if upper(&tag) {
                    RowField::Either(*constant, tys.into(), false)
                } else {
                    match (constant, tys.as_slice()) {
                        (true, []) => RowField::Present(None),
                        (false, [t]) => RowField::Present(Some(*t)),
                        _ => {
                            return Err(TypeError::new(
                                &sf.loc,
                                ErrorKind::Message(format!("The tag `{} has conjunctive types but is declared present.", tag)),
                            ))
                        }
                    }
                };
                add(&mut fields, tag, f, &sf.loc)?;
            }
            RowFieldDesc::Rinherit(t) => {
                let ty = transl_type(env, vars, policy, t)?;
                let row = match desc(ctype::expand_head(env, ty)) {
                    TypeDesc::Variant(r) if r.closed => r,
                    _ => {
                        let s = super::printtyp::type_to_string(ty);
                        return Err(TypeError::new(&t.loc, ErrorKind::Message(format!("The type {}\nis not a polymorphic variant type", s))));
                    }
                };
                if sfields.len() == 1 {
                    if let TypeDesc::Constr(p, args) = desc(ty) {
                        name = Some((p, args));
                    }
                }
                for (tag, f) in &row.fields {
                    let f = match f {
                        RowField::Present(a) if upper(tag) => RowField::Either(a.is_none(), a.iter().copied().collect(), false),
                        f => f.clone(),
                    };
                    add(&mut fields, tag.clone(), f, &t.loc)?;
                }
            }
        }
    }
    if let Some(p) = present {
        for tag in p {
            if !fields.iter().any(|(l, _)| **l == **tag) {
                return Err(TypeError::new(&sty.loc, ErrorKind::Message(format!("The present constructor {} has no type", tag))));
            }
        }
    }
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(ctype::newty(TypeDesc::Variant(Rc::new(Row { fields, closed, name }))))
}

/// `#c`: the open object type of the class (or class type) `c`.
fn transl_class_row(env: &Env, vars: &mut TypeVars, policy: VarPolicy, lid: &crate::parsing::location::Loc<crate::parsing::longident::Longident>, args: &[CoreType]) -> Result<TypeExpr, TypeError> {
    use crate::parsing::longident::Longident;
    let hidden = |f: fn(&str) -> String| match &lid.txt {
        Longident::Ldot(m, n) => Longident::Ldot(m.clone(), f(n)),
        l => Longident::Lident(f(l.last())),
    };
    let is_class = [super::typecore::typeclass::class_value_name as fn(&str) -> String, super::typecore::typeclass::class_type_value_name]
        .iter()
        .any(|f| env.lookup_value(&hidden(*f)).map(|e| matches!(e.desc.kind, ValueKind::Class(_))).unwrap_or(false));
    let entry = match env.lookup_type(&lid.txt) {
        Ok(e) if is_class => e,
        _ => return Err(TypeError::new(&lid.loc, ErrorKind::Message(format!("Unbound class type {}", lid.txt)))),
    };
    let arity = entry.data.decl.params.len();
    let mut targs = Vec::with_capacity(arity);
    for a in args {
        targs.push(transl_type(env, vars, policy, a)?);
    }
    if targs.len() != arity {
        if !targs.is_empty() {
            return Err(TypeError::new(
                &lid.loc,
                ErrorKind::Message(format!("The type constructor {}@ expects {} argument(s),@ but is here applied to {} argument(s)", lid.txt, arity, targs.len())),
            ));
        }
        targs = (0..arity).map(|_| ctype::newvar()).collect();
    }
    let abbrev = ctype::newty(TypeDesc::Constr(entry.path, targs.clone().into()));
    match desc(ctype::expand_head(env, abbrev)) {
        TypeDesc::Object(m) => {
            let t = ctype::newty(TypeDesc::Object(Rc::new(Methods { fields: m.fields.clone(), closed: false })));
            set_class_row(t, format!("#{}", lid.txt), targs);
            Ok(t)
        }
        _ => Err(TypeError::new(&lid.loc, ErrorKind::Message(format!("Unbound class type {}", lid.txt)))),
    }
}
