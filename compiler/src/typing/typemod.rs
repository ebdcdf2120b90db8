//! Typing of structures, signatures and module expressions (enough for compilation units,
//! the toplevel and nested `module M = struct ... end`; functors are a later step).

use super::ctype;
use super::env::Env;
use super::errors::{ErrorKind, TypeError};
use super::ident::Ident;
use super::path::Path;
use super::signature_names::{self, SignatureNames};
use super::subst::Subst;
use super::typecore::Typer;
use super::typedecl;
use super::typedtree as T;
use super::types::*;
use super::typetexp;
use crate::parsing::asttypes::RecFlag;
use crate::parsing::location::Location;
use crate::parsing::parsetree as P;
use std::rc::Rc;

type R<T> = Result<T, TypeError>;

fn err<T>(loc: &Location, k: ErrorKind) -> R<T> {
    Err(TypeError::new(loc, k))
}

fn rec_status(i: usize) -> RecStatus {
    if i == 0 {
        RecStatus::First
    } else {
        RecStatus::Next
    }
}

/// Types a structure; returns the typed structure, its signature and the environment after it.
/// The items an `open struct .. end` binds are in the environment but not in the signature,
/// except in a toplevel phrase (`toplevel`), where OCaml prints them as definitions.
pub fn type_structure(typer: &mut Typer, env: &Env, items: &[P::StructureItem], toplevel: bool) -> R<(T::Structure, Env)> {
    let mut env = env.clone();
    let mut titems = Vec::new();
    let mut sig: Signature = Vec::new();
    let mut names = SignatureNames::default();
    // The types each hidden `open struct .. end` bound, with the open's location.
    let mut opened_types: Vec<(Location, Vec<Ident>)> = Vec::new();
    for item in items {
        let (ti, isig, env2) = type_structure_item(typer, &env, item)?;
        env = env2;
        let hidden = !toplevel && matches!(&ti, Some(T::StructureItem { desc: T::StructureItemDesc::OpenStruct(..), .. }));
        if let Some(ti) = ti {
            titems.push(ti);
        }
        if hidden {
            let types = isig.iter().filter(|it| matches!(it, SignatureItem::Type(..))).map(|it| it.ident().clone()).collect();
            opened_types.push((item.loc.clone(), types));
        } else {
            names.check(&isig, &item.loc)?;
            sig.extend(isig);
        }
    }
    let sig = signature_names::drop_shadowed_values(sig);
    for (loc, types) in &opened_types {
        if let Some((it, ty)) = signature_names::escaping_open_type(&sig, types) {
            let ty = format!("{}/{}", ty.name(), ty.stamp);
            return err(loc, ErrorKind::OpenEscape(ty, it.ident().name().to_string(), it.loc().clone()));
        }
    }
    typer.check_pending_statements();
    Ok((T::Structure { items: titems, signature: sig }, env))
}

/// Types one structure item (also the toplevel's unit of work).
pub fn type_structure_item(typer: &mut Typer, env: &Env, item: &P::StructureItem) -> R<(Option<T::StructureItem>, Signature, Env)> {
    let loc = &item.loc;
    let mk = |desc| Some(T::StructureItem { desc, loc: loc.clone() });
    typer.reset_type_vars();
    typer.global_level = ctype::current_level() + 1;
    match &item.desc {
        P::StructureItemDesc::Eval(e, _) => {
            ctype::begin_def();
            let te = typer.expr_no_expect(env, e);
            ctype::end_def();
            let te = te?;
            if super::typecore::is_nonexpansive(&te) {
                ctype::generalize(te.ty);
            } else {
                ctype::generalize_expansive(env, te.ty);
            }
            Ok((mk(T::StructureItemDesc::Eval(te)), vec![], env.clone()))
        }
        P::StructureItemDesc::Value(rf, vbs) => {
            let (tvbs, env2, vars) = typer.type_let(env, *rf, vbs, None)?;
            let sig = vars
                .iter()
                .filter_map(|v| match env2.lookup_value(&crate::parsing::longident::Longident::Lident(v.name.txt.clone())) {
                    Ok(e) => Some(SignatureItem::Value(v.id.clone(), e.desc)),
                    Err(_) => None,
                })
                .collect();
            Ok((mk(T::StructureItemDesc::Value(*rf, tvbs)), sig, env2))
        }
        P::StructureItemDesc::Primitive(vd) => {
            let (id, desc) = typedecl::transl_value_decl(env, vd)?;
            let mut env2 = env.clone();
            env2.add_value(&id, desc.clone());
            Ok((mk(T::StructureItemDesc::Primitive(id.clone(), desc.clone())), vec![SignatureItem::Value(id, desc)], env2))
        }
        P::StructureItemDesc::Type(rf, decls) => {
            let (tdecls, env2) = typedecl::transl_type_decls(env, *rf, decls)?;
            let sig = tdecls
                .iter()
                .enumerate()
                .map(|(i, (id, d))| SignatureItem::Type(id.clone(), d.clone(), if *rf == RecFlag::Nonrecursive && i == 0 { RecStatus::NotRec } else { rec_status(i) }))
                .collect();
            Ok((mk(T::StructureItemDesc::Type(*rf, tdecls)), sig, env2))
        }
        P::StructureItemDesc::TypExt(te) => {
            let exts = typedecl::transl_type_extension(env, te)?;
            let mut env2 = env.clone();
            let mut sig = Vec::new();
            for (i, (id, e)) in exts.iter().enumerate() {
                env2.add_extension(id, e.clone());
                sig.push(SignatureItem::TypeExt(id.clone(), e.clone(), if i == 0 { ExtStatus::First } else { ExtStatus::Next }));
            }
            Ok((mk(T::StructureItemDesc::TypExt(exts)), sig, env2))
        }
        P::StructureItemDesc::Exception(te) => {
            let (id, ext) = typedecl::transl_exception(typer, env, &te.constructor)?;
            let mut env2 = env.clone();
            env2.add_extension(&id, ext.clone());
            let desc = match &te.constructor.kind {
                P::ExtensionConstructorKind::Rebind(lid) => {
                    let p = typedecl::rebind_path(env, lid)?;
                    T::StructureItemDesc::ExceptionRebind(id.clone(), p, ext.clone())
                }
                _ => T::StructureItemDesc::Exception(id.clone(), ext.clone()),
            };
            Ok((mk(desc), vec![SignatureItem::TypeExt(id, ext, ExtStatus::Exception)], env2))
        }
        P::StructureItemDesc::Module(mb) => {
            let tme = type_module(typer, env, &mb.expr)?;
            let mut env2 = env.clone();
            let id = mb.name.txt.as_ref().map(|n| Ident::create(n));
            let mut sig = vec![];
            if let Some(id) = &id {
                let decl = Rc::new(ModuleDeclaration { mty: tme.mty.clone(), loc: mb.loc.clone() });
                env2.add_module(id, decl.clone());
                sig.push(SignatureItem::Module(id.clone(), decl, RecStatus::NotRec));
            }
            Ok((mk(T::StructureItemDesc::Module(id, tme)), sig, env2))
        }
        P::StructureItemDesc::ModType(mtd) => {
            let mty = match &mtd.type_ {
                Some(m) => Some(transl_modtype(typer, env, m)?),
                None => None,
            };
            let id = Ident::create(&mtd.name.txt);
            let decl = Rc::new(ModtypeDeclaration { mty, loc: mtd.loc.clone() });
            let mut env2 = env.clone();
            env2.add_modtype(&id, decl.clone());
            Ok((mk(T::StructureItemDesc::ModType(id.clone(), decl.clone())), vec![SignatureItem::ModType(id, decl)], env2))
        }
        P::StructureItemDesc::Open(od) => {
            let P::ModuleExprDesc::Ident(lid) = &od.expr.desc else {
                // `open struct .. end` (or any module expression that is not a path): its
                // items are bound here as by `include`, without being exported.
                let (tme, sg) = included_signature(typer, env, &od.expr, &od.loc)?;
                let mut env2 = env.clone();
                env2.add_signature(&sg);
                return Ok((mk(T::StructureItemDesc::OpenStruct(tme, sg.clone())), sg, env2));
            };
            let m = env.lookup_module_as_written(&lid.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &lid.loc))?;
            let mut env2 = env.clone();
            if !env2.open_module(&m.path) {
                return err(&lid.loc, ErrorKind::Message("This module is not a structure".into()));
            }
            Ok((mk(T::StructureItemDesc::Open(m.path)), vec![], env2))
        }
        P::StructureItemDesc::Include(incl) => {
            let (tme, sg) = included_signature(typer, env, &incl.mod_, &incl.loc)?;
            let mut env2 = env.clone();
            env2.add_signature(&sg);
            Ok((mk(T::StructureItemDesc::Include(tme, sg.clone())), sg, env2))
        }
        P::StructureItemDesc::Attribute(_) => Ok((None, vec![], env.clone())),
        P::StructureItemDesc::RecModule(mbs) => {
            let mut decls = Vec::new();
            for mb in mbs {
                let P::ModuleExprDesc::Constraint(body, smty) = &mb.expr.desc else {
                    return err(&mb.expr.loc, ErrorKind::Message("Recursive modules require an explicit module type.".into()));
                };
                decls.push((mb.name.txt.clone().unwrap_or_else(|| "_".into()), &**smty, Some(&**body), mb.loc.clone()));
            }
            let (ids, mtys, env2) = rec_module_types(typer, env, &decls.iter().map(|(n, t, _, l)| (n.clone(), *t, l.clone())).collect::<Vec<_>>())?;
            let mut typed = Vec::new();
            for ((id, mty), (_, _, body, _)) in ids.iter().zip(mtys.iter()).zip(decls.iter()) {
                let Some(body) = body else { continue };
                let tme = type_module(typer, &env2, body)?;
                typed.push((id.clone(), tme, mty.clone()));
            }
            check_rec_inclusions(&env2, &ids, &typed, &decls.iter().map(|d| d.2.map(|b| b.loc.clone())).collect::<Vec<_>>())?;
            let sig = ids
                .into_iter()
                .zip(mtys)
                .zip(&decls)
                .enumerate()
                .map(|(i, ((id, mty), d))| SignatureItem::Module(id, Rc::new(ModuleDeclaration { mty, loc: d.3.clone() }), rec_status(i)))
                .collect();
            Ok((mk(T::StructureItemDesc::RecModule(typed)), sig, env2))
        }
        P::StructureItemDesc::Class(decls) => {
            let (tvbs, sig, env2) = typer.type_class_decls(env, decls)?;
            Ok((mk(T::StructureItemDesc::Value(RecFlag::Nonrecursive, tvbs)), sig, env2))
        }
        P::StructureItemDesc::ClassType(decls) => {
            let (sig, env2) = typer.type_class_type_decls(env, decls, true)?;
            let types = sig.iter().filter_map(|it| if let SignatureItem::Type(id, d, _) = it { Some((id.clone(), d.clone())) } else { None }).collect();
            Ok((mk(T::StructureItemDesc::Type(RecFlag::Nonrecursive, types)), sig, env2))
        }
        P::StructureItemDesc::Extension((name, _), _) => err(&name.loc, ErrorKind::Message(format!("Uninterpreted extension '{}'.", name.txt))),
    }
}

/// The module of an `include` (or `open struct .. end`) and the signature it binds, with fresh
/// identifiers.
fn included_signature(typer: &mut Typer, env: &Env, me: &P::ModuleExpr, loc: &Location) -> R<(T::ModuleExpr, Signature)> {
    let tme = type_module(typer, env, me)?;
    let sg = match env.scrape(&tme.mty) {
        Some(ModuleType::Signature(sg)) => sg,
        _ => return err(loc, ErrorKind::Message("This module is not a structure".into())),
    };
    // A module path is strengthened, as OCaml does: its abstract types become equal to
    // the originals (`type t = M.t`), seen through aliases (`module N = M`).
    let sg: Signature = match &tme.desc {
        T::ModuleExprDesc::Ident(p) => super::includemod::strengthen_sig(env, &sg, &env.normalize_module_path(p)),
        _ => (*sg).clone(),
    };
    Ok((tme, refresh_signature(&sg)))
}

/// A signature with every bound identifier renamed (for `include`).
fn refresh_signature(sg: &Signature) -> Signature {
    let mut s = Subst::default();
    let mut fresh = Vec::new();
    for it in sg {
        let old = it.ident();
        let new = Ident::create_rc(old.name.clone());
        match it {
            SignatureItem::Type(..) => {
                s.types.insert(old.clone(), Path::Pident(new.clone()));
            }
            SignatureItem::Module(..) => {
                s.modules.insert(old.clone(), Path::Pident(new.clone()));
            }
            SignatureItem::ModType(..) => {
                s.modtypes.insert(old.clone(), Path::Pident(new.clone()));
            }
            _ => {}
        }
        fresh.push(new);
    }
    let items = s.signature(sg);
    items
        .into_iter()
        .zip(fresh)
        .map(|(it, id)| match it {
            SignatureItem::Value(_, v) => SignatureItem::Value(id, v),
            SignatureItem::Type(_, d, r) => SignatureItem::Type(id, d, r),
            SignatureItem::TypeExt(_, e, st) => SignatureItem::TypeExt(id, e, st),
            SignatureItem::Module(_, m, r) => SignatureItem::Module(id, m, r),
            SignatureItem::ModType(_, m) => SignatureItem::ModType(id, m),
        })
        .collect()
}

pub fn type_module(typer: &mut Typer, env: &Env, me: &P::ModuleExpr) -> R<T::ModuleExpr> {
    let loc = &me.loc;
    match &me.desc {
        P::ModuleExprDesc::Ident(lid) => {
            // An alias to another compilation unit is not loaded until used (-no-alias-deps).
            if let crate::parsing::longident::Longident::Lident(name) = &lid.txt {
                if name.contains("__") && !env.has_local_module(name) {
                    let path = Path::Pident(Ident::global(name));
                    return Ok(T::ModuleExpr { desc: T::ModuleExprDesc::Ident(path.clone()), mty: ModuleType::Alias(path), loc: loc.clone() });
                }
            }
            let m = env.lookup_module(&lid.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &lid.loc))?;
            Ok(T::ModuleExpr { desc: T::ModuleExprDesc::Ident(m.path.clone()), mty: ModuleType::Alias(m.path), loc: loc.clone() })
        }
        P::ModuleExprDesc::Structure(items) => {
            let saved_vars = std::mem::take(&mut typer.type_vars);
            let saved_level = typer.global_level;
            let r = type_structure(typer, env, items, false);
            typer.type_vars = saved_vars;
            typer.global_level = saved_level;
            let (ts, _) = r?;
            let mty = ModuleType::Signature(Rc::new(ts.signature.clone()));
            Ok(T::ModuleExpr { desc: T::ModuleExprDesc::Structure(ts), mty, loc: loc.clone() })
        }
        P::ModuleExprDesc::Constraint(m, smty) => {
            let tm = type_module(typer, env, m)?;
            let mty = transl_modtype(typer, env, smty)?;
            check_inclusion(env, &m.loc, &tm.mty, &mty)?;
            Ok(T::ModuleExpr { desc: T::ModuleExprDesc::Constraint(Box::new(tm), mty.clone()), mty, loc: loc.clone() })
        }
        P::ModuleExprDesc::Functor(param, body) => {
            let (param, env2) = functor_param(typer, env, param)?;
            let tbody = type_module(typer, &env2, body)?;
            let mty = ModuleType::Functor(param.as_ref().map(|(id, m)| (id.clone(), Rc::new(m.clone()))), Rc::new(tbody.mty.clone()));
            Ok(T::ModuleExpr { desc: T::ModuleExprDesc::Functor(param, Box::new(tbody)), mty, loc: loc.clone() })
        }
        P::ModuleExprDesc::Apply(f, arg) => type_apply(typer, env, loc, f, arg),
        P::ModuleExprDesc::Unpack(e) => {
            let te = typer.expr_no_expect(env, e)?;
            let mty = super::typecore::package_module_type(env, te.ty, &e.loc)?;
            Ok(T::ModuleExpr { desc: T::ModuleExprDesc::Unpack(Box::new(te)), mty, loc: loc.clone() })
        }
        P::ModuleExprDesc::Extension((name, _)) => err(&name.loc, ErrorKind::Message(format!("Uninterpreted extension '{}'.", name.txt))),
    }
}

pub fn transl_modtype(typer: &mut Typer, env: &Env, smty: &P::ModuleType) -> R<ModuleType> {
    let loc = &smty.loc;
    match &smty.desc {
        P::ModuleTypeDesc::Ident(lid) => {
            let m = env.lookup_modtype(&lid.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &lid.loc))?;
            Ok(ModuleType::Ident(m.path))
        }
        P::ModuleTypeDesc::Signature(items) => {
            let (sg, _) = type_signature(typer, env, items)?;
            Ok(ModuleType::Signature(Rc::new(sg)))
        }
        P::ModuleTypeDesc::Alias(lid) => {
            // An alias to a compilation unit is resolved only when used (as -no-alias-deps).
            if let crate::parsing::longident::Longident::Lident(name) = &lid.txt {
                if !env.has_local_module(name) {
                    return Ok(ModuleType::Alias(Path::Pident(Ident::global(name))));
                }
            }
            match env.lookup_module(&lid.txt) {
                Ok(m) => Ok(ModuleType::Alias(m.path)),
                Err(e) => Err(typetexp::unbound(env, e.kind, &e.lid, &lid.loc)),
            }
        }
        P::ModuleTypeDesc::Functor(param, res) => {
            let (param, env2) = functor_param(typer, env, param)?;
            let res = transl_modtype(typer, &env2, res)?;
            Ok(ModuleType::Functor(param.map(|(id, m)| (id, Rc::new(m))), Rc::new(res)))
        }
        P::ModuleTypeDesc::With(base, cstrs) => {
            let mut mty = transl_modtype(typer, env, base)?;
            for c in cstrs {
                mty = apply_constraint(typer, env, &mty, c, loc)?;
            }
            Ok(mty)
        }
        P::ModuleTypeDesc::Typeof(me) => {
            let tm = type_module(typer, env, me)?;
            // Aliases are followed, module type names kept (`module type of M` is `S` when
            // `M : S`), and nothing is strengthened.
            let mut mty = tm.mty.clone();
            for _ in 0..100 {
                match &mty {
                    ModuleType::Alias(p) => match env.find_module(p) {
                        Some(d) => mty = d.mty.clone(),
                        None => break,
                    },
                    _ => break,
                }
            }
            match mty {
                ModuleType::Alias(_) => Ok(env.scrape(&mty).unwrap_or(mty)),
                m => Ok(m),
            }
        }
        P::ModuleTypeDesc::Extension((name, _)) => err(&name.loc, ErrorKind::Message(format!("Uninterpreted extension '{}'.", name.txt))),
    }
}

/// Types a signature (an `.mli` or `sig ... end`).
pub fn type_signature(typer: &mut Typer, env: &Env, items: &[P::SignatureItem]) -> R<(Signature, Env)> {
    let mut env = env.clone();
    let mut sig = Vec::new();
    // Items removed by destructive substitutions, with what replaces them.
    let mut substituted = Subst::default();
    let mut names = SignatureNames::default();
    for item in items {
        let loc = &item.loc;
        let first_new = sig.len();
        match &item.desc {
            P::SignatureItemDesc::Value(vd) => {
                let (id, d) = typedecl::transl_value_decl(&env, vd)?;
                env.add_value(&id, d.clone());
                sig.push(SignatureItem::Value(id, d));
            }
            P::SignatureItemDesc::Type(rf, decls) => {
                let (tdecls, env2) = typedecl::transl_type_decls(&env, *rf, decls)?;
                env = env2;
                for (i, (id, d)) in tdecls.into_iter().enumerate() {
                    let rs = if *rf == RecFlag::Nonrecursive && i == 0 { RecStatus::NotRec } else { rec_status(i) };
                    sig.push(SignatureItem::Type(id, d, rs));
                }
            }
            P::SignatureItemDesc::TypExt(te) => {
                let exts = typedecl::transl_type_extension(&env, te)?;
                for (i, (id, e)) in exts.into_iter().enumerate() {
                    env.add_extension(&id, e.clone());
                    sig.push(SignatureItem::TypeExt(id, e, if i == 0 { ExtStatus::First } else { ExtStatus::Next }));
                }
            }
            P::SignatureItemDesc::Exception(te) => {
                let (id, ext) = typedecl::transl_exception(typer, &env, &te.constructor)?;
                env.add_extension(&id, ext.clone());
                sig.push(SignatureItem::TypeExt(id, ext, ExtStatus::Exception));
            }
            P::SignatureItemDesc::Module(md) => {
                let mty = transl_modtype(typer, &env, &md.type_)?;
                if let Some(n) = &md.name.txt {
                    let id = Ident::create(n);
                    let decl = Rc::new(ModuleDeclaration { mty, loc: md.loc.clone() });
                    env.add_module(&id, decl.clone());
                    sig.push(SignatureItem::Module(id, decl, RecStatus::NotRec));
                }
            }
            P::SignatureItemDesc::ModType(mtd) => {
                let mty = match &mtd.type_ {
                    Some(m) => Some(transl_modtype(typer, &env, m)?),
                    None => None,
                };
                let id = Ident::create(&mtd.name.txt);
                let decl = Rc::new(ModtypeDeclaration { mty, loc: mtd.loc.clone() });
                env.add_modtype(&id, decl.clone());
                sig.push(SignatureItem::ModType(id, decl));
            }
            P::SignatureItemDesc::Open(od) => {
                let m = env.lookup_module_as_written(&od.expr.txt).map_err(|e| typetexp::unbound(&env, e.kind, &e.lid, &od.expr.loc))?;
                env.open_module(&m.path);
            }
            P::SignatureItemDesc::Include(incl) => {
                let mty = transl_modtype(typer, &env, &incl.mod_)?;
                let Some(ModuleType::Signature(sg)) = env.scrape(&mty) else {
                    return err(loc, ErrorKind::Message("This module type is not a signature".into()));
                };
                let sg = refresh_signature(&sg);
                env.add_signature(&sg);
                sig.extend(sg);
            }
            P::SignatureItemDesc::Attribute(_) => {}
            // `type t := T`: `t` is usable in the rest of the signature as an abbreviation, then
            // replaced by its definition and removed (see the end of this function).
            P::SignatureItemDesc::TypeSubst(decls) => {
                let (tdecls, env2) = typedecl::transl_type_decls(&env, RecFlag::Nonrecursive, decls)?;
                env = env2;
                for (id, d) in tdecls {
                    let Some(m) = d.manifest else {
                        return err(loc, ErrorKind::Message("Only type synonyms are allowed on the right of :=".into()));
                    };
                    substituted.type_exprs.insert(Path::Pident(id), (d.params.clone(), m));
                }
            }
            P::SignatureItemDesc::ModSubst(ms) => {
                let m = env.lookup_module(&ms.manifest.txt).map_err(|e| typetexp::unbound(&env, e.kind, &e.lid, &ms.manifest.loc))?;
                let id = Ident::create(&ms.name.txt);
                env.add_module(&id, Rc::new(ModuleDeclaration { mty: ModuleType::Alias(m.path.clone()), loc: ms.loc.clone() }));
                substituted.modules.insert(id, m.path);
            }
            P::SignatureItemDesc::ModTypeSubst(mtd) => {
                let Some(smty) = &mtd.type_ else { return err(loc, ErrorKind::Message("Syntax error".into())) };
                let mty = transl_modtype(typer, &env, smty)?;
                let id = Ident::create(&mtd.name.txt);
                env.add_modtype(&id, Rc::new(ModtypeDeclaration { mty: Some(mty.clone()), loc: mtd.loc.clone() }));
                substituted.modtype_defs.insert(id, mty);
            }
            P::SignatureItemDesc::RecModule(mds) => {
                let decls: Vec<(String, &P::ModuleType, Location)> =
                    mds.iter().map(|md| (md.name.txt.clone().unwrap_or_else(|| "_".into()), &md.type_, md.loc.clone())).collect();
                let (ids, mtys, env2) = rec_module_types(typer, &env, &decls)?;
                env = env2;
                for (i, ((id, mty), md)) in ids.into_iter().zip(mtys).zip(mds).enumerate() {
                    sig.push(SignatureItem::Module(id, Rc::new(ModuleDeclaration { mty, loc: md.loc.clone() }), rec_status(i)));
                }
            }
            P::SignatureItemDesc::Class(decls) | P::SignatureItemDesc::ClassType(decls) => {
                let is_type = matches!(&item.desc, P::SignatureItemDesc::ClassType(_));
                let (items, env2) = typer.type_class_type_decls(&env, decls, is_type)?;
                env = env2;
                sig.extend(items);
            }
            P::SignatureItemDesc::Extension((name, _), _) => {
                return err(&name.loc, ErrorKind::Message(format!("Uninterpreted extension '{}'.", name.txt)))
            }
        }
        names.check(&sig[first_new..], loc)?;
    }
    if !substituted.is_empty() {
        sig = substituted.signature(&sig);
    }
    Ok((signature_names::drop_shadowed_values(sig), env))
}

/// Checks that a module of type `actual` may be used where `expected` is required.
pub fn check_inclusion(env: &Env, loc: &Location, actual: &ModuleType, expected: &ModuleType) -> R<()> {
    super::includemod::modtypes(env, actual, expected).map_err(|m| TypeError::new(loc, ErrorKind::ModuleMismatch(m, false)))
}

/// A functor's parameter (None for `()`) and the environment of its body.
fn functor_param(typer: &mut Typer, env: &Env, param: &P::FunctorParameter) -> R<(Option<(Ident, ModuleType)>, Env)> {
    match param {
        P::FunctorParameter::Unit => Ok((None, env.clone())),
        P::FunctorParameter::Named(name, smty) => {
            let mty = transl_modtype(typer, env, smty)?;
            let id = Ident::create(name.txt.as_deref().unwrap_or("_"));
            let mut env2 = env.clone();
            if name.txt.is_some() {
                env2.add_module(&id, Rc::new(ModuleDeclaration { mty: mty.clone(), loc: name.loc.clone() }));
            }
            Ok((Some((id, mty)), env2))
        }
    }
}

/// The path a module expression denotes, if it is one (`M`, `F(M)`): applications of paths
/// have applicative types (`F(M).t`).
fn module_expr_path(me: &T::ModuleExpr) -> Option<Path> {
    match &me.desc {
        T::ModuleExprDesc::Ident(p) => Some(p.clone()),
        T::ModuleExprDesc::Apply(f, Some(a), _) => Some(Path::Papply(Rc::new(module_expr_path(f)?), Rc::new(module_expr_path(a)?))),
        _ => None,
    }
}

/// `F(A)` and `F ()`.
fn type_apply(typer: &mut Typer, env: &Env, loc: &Location, sf: &P::ModuleExpr, sarg: &P::ModuleExpr) -> R<T::ModuleExpr> {
    let tf = type_module(typer, env, sf)?;
    let Some(ModuleType::Functor(param, res)) = env.scrape(&tf.mty) else {
        return err(&sf.loc, ErrorKind::Message("This module is not a functor.".into()));
    };
    let unit_arg = matches!(&sarg.desc, P::ModuleExprDesc::Structure(items) if items.is_empty());
    match param {
        None => {
            if !unit_arg {
                return err(loc, ErrorKind::Message("This is a generative functor. It can only be applied to ()".into()));
            }
            let mty = (*res).clone();
            Ok(T::ModuleExpr { desc: T::ModuleExprDesc::Apply(Box::new(tf), None, None), mty, loc: loc.clone() })
        }
        Some((pid, pmty)) => {
            let targ = type_module(typer, env, sarg)?;
            super::includemod::modtypes(env, &targ.mty, &pmty).map_err(|m| TypeError::new(loc, ErrorKind::ModuleMismatch(m, true)))?;
            let mut s = Subst::default();
            let arg_path = module_expr_path(&targ);
            let mut mty = match &arg_path {
                Some(p) => {
                    s.modules.insert(pid.clone(), p.clone());
                    s.modtype(&res)
                }
                // No path to name the argument by: its types with a definition are expanded;
                // the others stay as names nobody can refer to.
                None => argument_type_subst(env, &pid, &targ.mty).modtype(&res),
            };
            if let (Some(fp), Some(ap)) = (module_expr_path(&tf), &arg_path) {
                let app = Path::Papply(Rc::new(fp), Rc::new(ap.clone()));
                mty = super::includemod::strengthen(env, &mty, &app);
            }
            Ok(T::ModuleExpr { desc: T::ModuleExprDesc::Apply(Box::new(tf), Some(Box::new(targ)), Some((*pmty).clone())), mty, loc: loc.clone() })
        }
    }
}

/// Replaces `Param.t` by the definition of `t` in the argument's signature (for a functor
/// applied to a structure). Definitions referring to earlier types of the argument are expanded
/// in turn.
pub fn argument_type_subst(env: &Env, param: &Ident, arg: &ModuleType) -> Subst {
    let mut s = Subst::default();
    let Some(ModuleType::Signature(sg)) = env.scrape(arg) else { return s };
    let mut inner = Subst::default();
    for item in sg.iter() {
        if let SignatureItem::Type(id, d, _) = item {
            if let Some(m) = d.manifest {
                let body = super::subst::TypeCopier::new(&inner).ty(m);
                inner.type_exprs.insert(Path::Pident(id.clone()), (d.params.clone(), body));
                s.type_exprs.insert(Path::Pdot(Rc::new(Path::Pident(param.clone())), id.name().into()), (d.params.clone(), body));
            }
        }
    }
    s
}

/// The components of a `with` constraint's path: submodules, then the item's name.
fn lid_components(lid: &crate::parsing::longident::Longident) -> Vec<String> {
    use crate::parsing::longident::Longident as L;
    match lid {
        L::Lident(s) => vec![s.clone()],
        L::Ldot(m, s) => {
            let mut v = lid_components(m);
            v.push(s.clone());
            v
        }
        L::Lapply(..) => vec![],
    }
}

/// What a `with` constraint does to the item it names.
enum WithOp {
    Type(Rc<TypeDeclaration>),
    TypeSubst(Rc<TypeDeclaration>),
    Module(Path, ModuleType),
    ModSubst(Path),
}

/// `mty with ...`: one constraint.
fn apply_constraint(_typer: &mut Typer, env: &Env, mty: &ModuleType, c: &P::WithConstraint, loc: &Location) -> R<ModuleType> {
    let (lid, op) = match c {
        P::WithConstraint::Type(lid, sdecl) | P::WithConstraint::TypeSubst(lid, sdecl) => {
            let mut sdecl = sdecl.clone();
            if let Some(last) = lid_components(&lid.txt).pop() {
                sdecl.name.txt = last;
            }
            let (decls, _) = typedecl::transl_type_decls(env, RecFlag::Nonrecursive, std::slice::from_ref(&sdecl))?;
            let Some((_, d)) = decls.into_iter().next() else { return err(loc, ErrorKind::Message("empty constraint".into())) };
            (lid, if matches!(c, P::WithConstraint::Type(..)) { WithOp::Type(d) } else { WithOp::TypeSubst(d) })
        }
        P::WithConstraint::Module(lid, target) | P::WithConstraint::ModSubst(lid, target) => {
            let m = env.lookup_module(&target.txt).map_err(|e| typetexp::unbound(env, e.kind, &e.lid, &target.loc))?;
            if matches!(c, P::WithConstraint::Module(..)) {
                let mt = super::includemod::strengthen(env, &m.decl.mty, &m.path);
                (lid, WithOp::Module(m.path, mt))
            } else {
                (lid, WithOp::ModSubst(m.path))
            }
        }
        P::WithConstraint::ModType(..) | P::WithConstraint::ModTypeSubst(..) => {
            return err(loc, ErrorKind::NotSupported("Module type constraints on module types".into()))
        }
    };
    let names = lid_components(&lid.txt);
    match constrain(env, mty, &names, &op) {
        Some(m) => Ok(m),
        None => err(loc, ErrorKind::Message(format!("The signature constrained by `with' has no component named {}", lid.txt))),
    }
}

/// Applies `op` to the item at `names` inside `mty` (None if there is none).
fn constrain(env: &Env, mty: &ModuleType, names: &[String], op: &WithOp) -> Option<ModuleType> {
    let Some(ModuleType::Signature(sg)) = env.scrape(mty) else { return None };
    let (first, rest) = names.split_first()?;
    let mut out: Signature = Vec::new();
    let mut subst = Subst::default();
    let mut found = false;
    for it in sg.iter() {
        if found {
            out.push(it.clone());
            continue;
        }
        match (it, rest.is_empty(), op) {
            (SignatureItem::Type(id, old, rs), true, WithOp::Type(d)) if id.name() == first => {
                // The new manifest; the old definition (constructors, fields) is kept.
                let kind = if matches!(d.kind, TypeKind::Abstract) { old.kind.clone() } else { d.kind.clone() };
                out.push(SignatureItem::Type(id.clone(), Rc::new(TypeDeclaration { kind, loc: old.loc.clone(), ..(**d).clone() }), *rs));
                found = true;
            }
            (SignatureItem::Type(id, _, _), true, WithOp::TypeSubst(d)) if id.name() == first => {
                if let Some(m) = d.manifest {
                    subst.type_exprs.insert(Path::Pident(id.clone()), (d.params.clone(), m));
                }
                found = true;
            }
            (SignatureItem::Module(id, md, rs), true, WithOp::Module(_, mt)) if id.name() == first => {
                out.push(SignatureItem::Module(id.clone(), Rc::new(ModuleDeclaration { mty: mt.clone(), loc: md.loc.clone() }), *rs));
                found = true;
            }
            (SignatureItem::Module(id, _, _), true, WithOp::ModSubst(p)) if id.name() == first => {
                subst.modules.insert(id.clone(), p.clone());
                found = true;
            }
            (SignatureItem::Module(id, md, rs), false, _) if id.name() == first => {
                let inner = constrain(env, &md.mty, rest, op)?;
                out.push(SignatureItem::Module(id.clone(), Rc::new(ModuleDeclaration { mty: inner, loc: md.loc.clone() }), *rs));
                found = true;
            }
            _ => out.push(it.clone()),
        }
    }
    if !found {
        return None;
    }
    let out = if subst.is_empty() { out } else { subst.signature(&out) };
    Some(ModuleType::Signature(Rc::new(out)))
}

/// `S with type t1 = T1 and ...`: the module type of a package type.
pub fn package_modtype(env: &Env, p: &Path, names: &[Rc<str>], tys: &[TypeExpr]) -> ModuleType {
    let mut mty = ModuleType::Ident(p.clone());
    for (name, ty) in names.iter().zip(tys) {
        let path: Vec<String> = name.split('.').map(String::from).collect();
        let decl = TypeDeclaration {
            params: vec![],
            arity: 0,
            kind: TypeKind::Abstract,
            private: false,
            manifest: Some(*ty),
            variance: vec![],
            injective: vec![],
            is_newtype: false,
            unboxed: false,
            immediate: false,
            loc: Location::none(),
        };
        if let Some(m) = constrain(env, &mty, &path, &WithOp::Type(Rc::new(decl))) {
            mty = m;
        }
    }
    mty
}

/// The module types of a `module rec` group: each declared type is translated in an
/// environment where the group's modules have approximate types (their types abstract), then
/// the group is bound with the full types. Returns the identifiers, types and that environment.
/// Each body of a `module rec` against its declared type, as OCaml checks it: with `X`
/// declared and the actual types unrolled once per module (`X1 : ACTUAL/X1`, `X2 :
/// ACTUAL{X <- X1}/X2`, ...), `ACTUAL{X <- Xn}/Xn` must be included in `DECL{X <- Xn}`. A
/// manifest type of the actual module is then seen through the last copy, without circularity.
fn check_rec_inclusions(env: &Env, ids: &[Ident], typed: &[(Ident, T::ModuleExpr, ModuleType)], locs: &[Option<Location>]) -> R<()> {
    let mut env_k = env.clone();
    let mut subst = Subst::default();
    for _ in 0..ids.len() {
        let next: Vec<Ident> = ids.iter().map(|id| Ident::create(id.name())).collect();
        let mut adds = Vec::new();
        for (id, tme, _) in typed {
            let Some(i) = ids.iter().position(|x| x == id) else { continue };
            let p = Path::Pident(next[i].clone());
            adds.push((next[i].clone(), super::includemod::strengthen(&env_k, &subst.modtype(&tme.mty), &p)));
        }
        for (id, mty) in adds {
            env_k.add_module(&id, Rc::new(ModuleDeclaration { mty, loc: Location::none() }));
        }
        subst = Subst::default();
        for (id, n) in ids.iter().zip(&next) {
            subst.modules.insert(id.clone(), Path::Pident(n.clone()));
        }
    }
    for ((id, tme, decl), loc) in typed.iter().zip(locs.iter().flatten()) {
        let Some(i) = ids.iter().position(|x| x == id) else { continue };
        let Some(Path::Pident(last)) = subst.modules.get(&ids[i]).cloned() else { continue };
        let actual = super::includemod::strengthen(&env_k, &subst.modtype(&tme.mty), &Path::Pident(last));
        check_inclusion(&env_k, loc, &actual, &subst.modtype(decl))?;
    }
    Ok(())
}

fn rec_module_types(typer: &mut Typer, env: &Env, decls: &[(String, &P::ModuleType, Location)]) -> R<(Vec<Ident>, Vec<ModuleType>, Env)> {
    let ids: Vec<Ident> = decls.iter().map(|(n, _, _)| Ident::create(n)).collect();
    // The approximations get identifiers of their own (the environment caches a module's
    // components by path), renamed to the final ones afterwards.
    let approx_ids: Vec<Ident> = decls.iter().map(|(n, _, _)| Ident::create(n)).collect();
    let mut approx_env = env.clone();
    let mut rename = Subst::default();
    for ((aid, id), (_, smty, l)) in approx_ids.iter().zip(&ids).zip(decls) {
        let approx = approx_modtype(env, smty);
        approx_env.add_module(aid, Rc::new(ModuleDeclaration { mty: approx, loc: l.clone() }));
        rename.modules.insert(aid.clone(), Path::Pident(id.clone()));
    }
    let mut mtys = Vec::new();
    for (_, smty, _) in decls {
        mtys.push(rename.modtype(&transl_modtype(typer, &approx_env, smty)?));
    }
    let mut full_env = env.clone();
    for ((id, mty), (_, _, l)) in ids.iter().zip(&mtys).zip(decls) {
        full_env.add_module(id, Rc::new(ModuleDeclaration { mty: mty.clone(), loc: l.clone() }));
    }
    Ok((ids, mtys, full_env))
}

/// A first approximation of a module type for `module rec`: its type names (abstract, with
/// their arities) and submodules, enough to translate the group's declared types.
fn approx_modtype(env: &Env, smty: &P::ModuleType) -> ModuleType {
    match &smty.desc {
        P::ModuleTypeDesc::Ident(lid) => match env.lookup_modtype(&lid.txt) {
            Ok(m) => ModuleType::Ident(m.path),
            Err(_) => ModuleType::Signature(Rc::new(vec![])),
        },
        P::ModuleTypeDesc::Alias(lid) => match env.lookup_module(&lid.txt) {
            Ok(m) => ModuleType::Alias(m.path),
            Err(_) => ModuleType::Signature(Rc::new(vec![])),
        },
        P::ModuleTypeDesc::With(base, _) => approx_modtype(env, base),
        P::ModuleTypeDesc::Functor(_, res) => approx_modtype(env, res),
        P::ModuleTypeDesc::Signature(items) => {
            let mut sig = Vec::new();
            for item in items {
                match &item.desc {
                    P::SignatureItemDesc::Type(_, decls) => {
                        for d in decls {
                            let params: Vec<TypeExpr> = d.params.iter().map(|_| ctype::newvar()).collect();
                            let variance = vec![(true, true); params.len()];
                            let decl = TypeDeclaration::abstract_type(params, variance, d.loc.clone());
                            sig.push(SignatureItem::Type(Ident::create(&d.name.txt), Rc::new(decl), RecStatus::NotRec));
                        }
                    }
                    P::SignatureItemDesc::Module(md) => {
                        if let Some(n) = &md.name.txt {
                            let mty = approx_modtype(env, &md.type_);
                            sig.push(SignatureItem::Module(Ident::create(n), Rc::new(ModuleDeclaration { mty, loc: md.loc.clone() }), RecStatus::NotRec));
                        }
                    }
                    _ => {}
                }
            }
            ModuleType::Signature(Rc::new(sig))
        }
        P::ModuleTypeDesc::Typeof(_) | P::ModuleTypeDesc::Extension(_) => ModuleType::Signature(Rc::new(vec![])),
    }
}
