//! Modules at run time: a structure is a block of its runtime components (values, exceptions,
//! submodules; not types, module types, externals or aliases to other units), in the order of
//! its signature. Paths `M.x` become field accesses at positions taken from the signatures.

use super::core::{ident_var, Translator, TranslError};
use crate::lambda::{Lambda, Mutability, Primitive as P};
use crate::parsing::location::Location;
use crate::typing::env::Env;
use crate::typing::ident::Ident;
use crate::typing::path::Path;
use crate::typing::typedtree as T;
use crate::typing::types::{ModuleType, Signature, SignatureItem, ValueKind};
use std::rc::Rc;

type R<T> = Result<T, TranslError>;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CompKind {
    Value,
    Extension,
    Module,
}

/// Whether a signature item has a field in the block, and of which kind.
pub fn component_kind(item: &SignatureItem) -> Option<CompKind> {
    match item {
        SignatureItem::Value(_, vd) => match vd.kind {
            ValueKind::Regular => Some(CompKind::Value),
            ValueKind::Primitive(_) => None,
        },
        SignatureItem::TypeExt(..) => Some(CompKind::Extension),
        SignatureItem::Module(_, decl, _) => match decl.mty {
            ModuleType::Alias(_) => None,
            _ => Some(CompKind::Module),
        },
        SignatureItem::Type(..) | SignatureItem::ModType(..) => None,
    }
}

/// The runtime components of a signature, in block order.
pub fn components(sig: &Signature) -> Vec<(CompKind, Ident)> {
    sig.iter().filter_map(|it| component_kind(it).map(|k| (k, it.ident().clone()))).collect()
}

/// Position of the component `name` of kind `kind` (values and extensions share a namespace
/// lookup by kind: a value `x` and a module `X` never clash).
pub fn position(sig: &Signature, kind: CompKind, name: &str) -> Option<usize> {
    let comps = components(sig);
    comps.iter().rposition(|(k, id)| *k == kind && id.name() == name)
}

/// The signature of the module at `p`, following aliases and module type names.
pub fn signature_of(env: &Env, p: &Path) -> Option<Rc<Signature>> {
    let p = env.normalize_module_path(p);
    let decl = env.find_module(&p)?;
    match env.scrape(&decl.mty)? {
        ModuleType::Signature(sg) => Some(sg),
        _ => None,
    }
}

fn err<T>(loc: &Location, msg: impl Into<String>) -> R<T> {
    Err(TranslError { loc: loc.clone(), msg: msg.into() })
}

impl<'a> Translator<'a> {
    /// The block of the module at `p`.
    pub fn module_path(&mut self, p: &Path, loc: &Location) -> R<Lambda> {
        let p = match self.env {
            Some(env) => env.normalize_module_path(p),
            None => p.clone(),
        };
        if let Some(l) = (self.resolve)(&p) {
            return Ok(l);
        }
        match &p {
            Path::Pident(id) if !id.is_global() => Ok(Lambda::Var(ident_var(id))),
            Path::Pdot(parent, name) => self.field_of(parent, CompKind::Module, name, loc),
            _ => err(loc, format!("Module {} is not available at run time", crate::typing::printtyp::path_name(&p))),
        }
    }

    /// `parent.name` for a component of the given kind.
    pub fn field_of(&mut self, parent: &Path, kind: CompKind, name: &str, loc: &Location) -> R<Lambda> {
        let Some(env) = self.env else { return err(loc, "no environment to resolve module paths") };
        let Some(sig) = signature_of(env, parent) else {
            return err(loc, format!("Unknown module {}", crate::typing::printtyp::path_name(parent)));
        };
        let Some(pos) = position(&sig, kind, name) else {
            return err(loc, format!("{} has no runtime component {}", crate::typing::printtyp::path_name(parent), name));
        };
        let block = self.module_path(parent, loc)?;
        Ok(Lambda::Prim(P::Field(pos), vec![block]))
    }

    /// Translate a module expression to its block.
    pub fn module_expr(&mut self, me: &T::ModuleExpr) -> R<Lambda> {
        match &me.desc {
            T::ModuleExprDesc::Ident(p) => self.module_path(p, &me.loc),
            T::ModuleExprDesc::Structure(s) => {
                let exports = s.signature.clone();
                self.structure(s, &exports, &mut |_tr, fields| Ok(Lambda::Prim(P::MakeBlock(0, Mutability::Immutable), fields)))
            }
            T::ModuleExprDesc::Constraint(inner, mty) => {
                let target = match self.env.and_then(|env| env.scrape(mty)) {
                    Some(ModuleType::Signature(sg)) => sg,
                    _ => return self.module_expr(inner),
                };
                let source = match self.env.and_then(|env| env.scrape(&inner.mty)) {
                    Some(ModuleType::Signature(sg)) => sg,
                    _ => return self.module_expr(inner),
                };
                let v = self.fresh.var("mod");
                let b = self.module_expr(inner)?;
                let mut fields = Vec::new();
                for (k, id) in components(&target) {
                    match position(&source, k, id.name()) {
                        Some(pos) => fields.push(Lambda::Prim(P::Field(pos), vec![Lambda::Var(v.clone())])),
                        None => return err(&me.loc, format!("component {} missing in coercion", id.name())),
                    }
                }
                Ok(Lambda::let_(v, b, Lambda::Prim(P::MakeBlock(0, Mutability::Immutable), fields)))
            }
        }
    }

    /// Translate the items of a structure, binding each defined identifier, then call `finish`
    /// with the values of `exports`' runtime components (found by name among the definitions).
    pub fn structure(
        &mut self,
        s: &T::Structure,
        exports: &Signature,
        finish: &mut dyn FnMut(&mut Translator<'a>, Vec<Lambda>) -> R<Lambda>,
    ) -> R<Lambda> {
        // Identifiers defined by the structure, by kind and name (later ones shadow).
        let mut defined: Vec<(CompKind, Ident)> = Vec::new();
        for item in &s.items {
            collect_defined(item, &mut defined);
        }
        let mut fields = Vec::new();
        for (k, id) in components(exports) {
            match defined.iter().rev().find(|(k2, d)| *k2 == k && d.name() == id.name()) {
                Some((_, d)) => fields.push(Lambda::Var(ident_var(d))),
                None => return err(&crate::parsing::location::Location::none(), format!("no definition for {}", id.name())),
            }
        }
        let mut body = finish(self, fields)?;
        for item in s.items.iter().rev() {
            body = self.structure_item(item, body)?;
        }
        Ok(body)
    }

    /// One structure item around the code that follows it.
    pub fn structure_item(&mut self, item: &T::StructureItem, body: Lambda) -> R<Lambda> {
        Ok(match &item.desc {
            T::StructureItemDesc::Value(rf, vbs) => self.let_bindings(*rf, vbs, body)?,
            T::StructureItemDesc::Eval(e) => Lambda::seq(Lambda::Prim(P::Ignore, vec![self.expr(e)?]), body),
            T::StructureItemDesc::Primitive(id, vd) => match &vd.kind {
                ValueKind::Primitive(prim) => {
                    let f = self.primitive_closure(prim, vd.ty, &item.loc)?;
                    Lambda::let_(ident_var(id), f, body)
                }
                ValueKind::Regular => body,
            },
            T::StructureItemDesc::Exception(id, _) => {
                let slot = self.new_extension(id.name());
                Lambda::let_(ident_var(id), slot, body)
            }
            T::StructureItemDesc::ExceptionRebind(id, p, _) => {
                let slot = self.extension_slot(p, &item.loc)?;
                Lambda::let_(ident_var(id), slot, body)
            }
            T::StructureItemDesc::TypExt(exts) => {
                let mut b = body;
                for (id, _) in exts.iter().rev() {
                    let slot = self.new_extension(id.name());
                    b = Lambda::let_(ident_var(id), slot, b);
                }
                b
            }
            // Aliases to compilation units have no field and no code (-no-alias-deps).
            T::StructureItemDesc::Module(Some(_), me) if matches!(me.mty, ModuleType::Alias(_)) => body,
            T::StructureItemDesc::Module(Some(id), me) => {
                let m = self.module_expr(me)?;
                Lambda::let_(ident_var(id), m, body)
            }
            T::StructureItemDesc::Module(None, me) => Lambda::seq(Lambda::Prim(P::Ignore, vec![self.module_expr(me)?]), body),
            T::StructureItemDesc::Include(me, sig) => {
                let v = self.fresh.var("include");
                let m = self.module_expr(me)?;
                let mut b = body;
                for (pos, (_, id)) in components(sig).iter().enumerate().rev() {
                    b = Lambda::let_(ident_var(id), Lambda::Prim(P::Field(pos), vec![Lambda::Var(v.clone())]), b);
                }
                Lambda::let_(v, m, b)
            }
            T::StructureItemDesc::Type(..) | T::StructureItemDesc::ModType(..) | T::StructureItemDesc::Open(_) => body,
        })
    }
}

/// The identifiers a structure item binds, with their component kinds.
pub fn collect_defined(item: &T::StructureItem, out: &mut Vec<(CompKind, Ident)>) {
    match &item.desc {
        T::StructureItemDesc::Value(_, vbs) => {
            for vb in vbs {
                let mut ids = Vec::new();
                super::matching::pattern_idents(&vb.pat, &mut ids);
                out.extend(ids.into_iter().map(|i| (CompKind::Value, i)));
            }
        }
        T::StructureItemDesc::Primitive(id, _) => out.push((CompKind::Value, id.clone())),
        T::StructureItemDesc::Exception(id, _) | T::StructureItemDesc::ExceptionRebind(id, _, _) => {
            out.push((CompKind::Extension, id.clone()))
        }
        T::StructureItemDesc::TypExt(exts) => out.extend(exts.iter().map(|(id, _)| (CompKind::Extension, id.clone()))),
        T::StructureItemDesc::Module(Some(_), me) if matches!(me.mty, ModuleType::Alias(_)) => {}
        T::StructureItemDesc::Module(Some(id), _) => out.push((CompKind::Module, id.clone())),
        T::StructureItemDesc::Include(_, sig) => out.extend(components(sig)),
        _ => {}
    }
}
