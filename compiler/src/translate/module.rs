//! Modules at run time: a structure is a block of its runtime components (values, exceptions,
//! submodules; not types, module types, externals or aliases to other units), in the order of
//! its signature. Paths `M.x` become field accesses at positions taken from the signatures.

use super::core::{ident_var, Translator, TranslError};
use super::recmod_check;
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
            ValueKind::Class(ref c) if !c.is_type => Some(CompKind::Value),
            ValueKind::Primitive(_) | ValueKind::Class(_) => None,
        },
        SignatureItem::TypeExt(..) => Some(CompKind::Extension),
        SignatureItem::Module(_, decl, _) => match decl.mty {
            ModuleType::Alias(_) => None,
            _ => Some(CompKind::Module),
        },
        SignatureItem::Type(..) | SignatureItem::ModType(..) => None,
    }
}

/// Like `component_kind`, but aliases count as modules (they are found by name when
/// coercing to a signature that needs them as fields).
/// Externals count as values too (an `external` matched by a `val` becomes a closure).
fn component_kind_or_alias(item: &SignatureItem) -> Option<CompKind> {
    match item {
        SignatureItem::Module(..) => Some(CompKind::Module),
        SignatureItem::Value(..) => Some(CompKind::Value),
        _ => component_kind(item),
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

/// Does coercing from `from` to `to` leave the block unchanged?
fn is_identity(env: &Env, from: &ModuleType, to: &ModuleType) -> bool {
    match (env.scrape(from), env.scrape(to)) {
        (Some(ModuleType::Signature(a)), Some(ModuleType::Signature(b))) => {
            let ca = components(&a);
            let cb = components(&b);
            if ca.len() != cb.len() || ca.iter().zip(cb.iter()).any(|((k1, i1), (k2, i2))| k1 != k2 || i1.name() != i2.name()) {
                return false;
            }
            let mut env2 = env.clone();
            env2.add_signature(&a);
            env2.add_signature(&b);
            b.iter().all(|it| match it {
                    SignatureItem::Module(id, md, _) => match a.iter().rev().find(|x| matches!(x, SignatureItem::Module(i, _, _) if i.name() == id.name())) {
                        Some(SignatureItem::Module(_, ma, _)) => !matches!(ma.mty, ModuleType::Alias(_)) && is_identity(&env2, &ma.mty, &md.mty),
                        _ => false,
                    },
                    _ => true,
                })
        }
        (Some(ModuleType::Functor(p1, r1)), Some(ModuleType::Functor(p2, r2))) => {
            let params_same = match (&p1, &p2) {
                (Some((_, m1)), Some((_, m2))) => is_identity(env, m2, m1),
                (None, None) => true,
                _ => false,
            };
            params_same && is_identity(env, &r1, &r2)
        }
        _ => true,
    }
}

fn err<T>(loc: &Location, msg: impl Into<String>) -> R<T> {
    Err(TranslError { loc: loc.clone(), msg: msg.into(), notes: vec![] })
}

impl<'a> Translator<'a> {
    /// The environment modules are looked up in (with the local modules in scope).
    pub fn module_env(&self) -> Option<&Env> {
        self.scope.as_ref().or(self.env)
    }

    /// Brings modules and module types bound by a signature into the lookup scope.
    fn scope_add(&mut self, f: impl FnOnce(&mut Env)) {
        if let Some(mut e) = self.module_env().cloned() {
            f(&mut e);
            self.scope = Some(e);
        }
    }

    /// Brings the modules bound by a pattern's `(module M)` into the lookup scope.
    pub fn add_pattern_modules(&mut self, p: &T::Pattern) {
        let mut vars = Vec::new();
        super::matching::typed_pattern_vars(p, &mut vars);
        let Some(env) = self.module_env() else { return };
        let modules: Vec<(Ident, ModuleType)> = vars
            .into_iter()
            .filter(|(_, ty)| matches!(crate::typing::types::desc(crate::typing::ctype::expand_head(env, *ty)), crate::typing::types::TypeDesc::Package(..)))
            .filter_map(|(id, ty)| crate::typing::typecore::package_module_type(env, ty, &p.loc).ok().map(|m| (id, m)))
            .collect();
        if !modules.is_empty() {
            self.scope_add(|e| {
                for (id, mty) in modules {
                    e.add_module(&id, Rc::new(crate::typing::types::ModuleDeclaration { mty, loc: p.loc.clone() }));
                }
            });
        }
    }

    /// `let module M = ME in body`.
    pub fn let_module(&mut self, id: Option<&Ident>, me: &T::ModuleExpr, body: &T::Expression) -> R<Lambda> {
        let saved = self.scope.clone();
        let m = self.module_expr(me)?;
        let r = match id {
            Some(id) => {
                let decl = Rc::new(crate::typing::types::ModuleDeclaration { mty: me.mty.clone(), loc: me.loc.clone() });
                self.scope_add(|e| e.add_module(id, decl));
                let b = self.expr(body);
                b.map(|b| Lambda::let_(ident_var(id), m, b))
            }
            None => self.expr(body).map(|b| Lambda::seq(Lambda::Prim(P::Ignore, vec![m]), b)),
        };
        self.scope = saved;
        r
    }

    /// Coerces the block `lam` of a module of type `from` to the layout of `to`.
    pub fn coerce(&mut self, lam: Lambda, from: &ModuleType, to: &ModuleType, loc: &Location) -> R<Lambda> {
        let Some(env) = self.module_env().cloned() else { return Ok(lam) };
        if is_identity(&env, from, to) {
            return Ok(lam);
        }
        match (env.scrape(from), env.scrape(to)) {
            (Some(ModuleType::Signature(a)), Some(ModuleType::Signature(b))) => {
                let saved = self.scope.clone();
                self.scope_add(|e| {
                    e.add_signature(&a);
                    e.add_signature(&b);
                });
                let v = self.fresh.var("mod");
                let mut fields = Vec::new();
                let r = (|| {
                    for it in b.iter() {
                        let Some(k) = component_kind(it) else { continue };
                        let name = it.ident().name();
                        let src = a.iter().rev().find(|x| component_kind_or_alias(x) == Some(k) && x.ident().name() == name);
                        let external = match src {
                            Some(SignatureItem::Value(_, vd)) => match &vd.kind {
                                ValueKind::Primitive(prim) => Some((prim.clone(), vd.ty)),
                                ValueKind::Regular | ValueKind::Class(_) => None,
                            },
                            _ => None,
                        };
                        let field = match (src, it) {
                            _ if let Some((prim, ty)) = &external => self.primitive_closure(prim, *ty, loc)?,
                            (Some(SignatureItem::Module(_, ma, _)), SignatureItem::Module(_, mb, _)) => {
                                let l = match &ma.mty {
                                    ModuleType::Alias(p) => self.module_path(p, loc)?,
                                    _ => Lambda::Prim(P::Field(position(&a, k, name).unwrap_or(0)), vec![Lambda::Var(v.clone())]),
                                };
                                self.coerce(l, &ma.mty, &mb.mty, loc)?
                            }
                            (Some(_), _) => match position(&a, k, name) {
                                Some(pos) => Lambda::Prim(P::Field(pos), vec![Lambda::Var(v.clone())]),
                                None => return err(loc, format!("component {} missing in coercion", name)),
                            },
                            (None, _) => return err(loc, format!("component {} missing in coercion", name)),
                        };
                        fields.push(field);
                    }
                    Ok(())
                })();
                self.scope = saved;
                r?;
                Ok(Lambda::let_(v, lam, Lambda::Prim(P::MakeBlock(0, Mutability::Immutable), fields)))
            }
            (Some(ModuleType::Functor(p1, r1)), Some(ModuleType::Functor(p2, r2))) => {
                let f = self.fresh.var("functor");
                let x = self.fresh.var("arg");
                let arg = match (&p1, &p2) {
                    (Some((_, m1)), Some((id2, m2))) => {
                        let decl = Rc::new(crate::typing::types::ModuleDeclaration { mty: (**m2).clone(), loc: loc.clone() });
                        self.scope_add(|e| e.add_module(id2, decl));
                        self.coerce(Lambda::Var(x.clone()), m2, m1, loc)?
                    }
                    _ => Lambda::Var(x.clone()),
                };
                let res = self.coerce(Lambda::apply(Lambda::Var(f.clone()), vec![arg]), &r1, &r2, loc)?;
                let fun = Lambda::Function(Rc::new(crate::lambda::Function { params: vec![x], body: res, name: "functor".into() }));
                Ok(Lambda::let_(f, lam, fun))
            }
            _ => Ok(lam),
        }
    }

    /// The block of the module at `p`.
    pub fn module_path(&mut self, p: &Path, loc: &Location) -> R<Lambda> {
        let p = match self.module_env() {
            Some(env) => env.normalize_module_path(p),
            None => p.clone(),
        };
        if let Some(l) = (self.resolve)(&p) {
            return Ok(l);
        }
        match &p {
            Path::Pident(id) if !id.is_global() => Ok(Lambda::Var(ident_var(id))),
            Path::Pdot(parent, name) => self.field_of(parent, CompKind::Module, name, loc),
            Path::Papply(f, a) => {
                let f = self.module_path(f, loc)?;
                let a = self.module_path(a, loc)?;
                Ok(Lambda::apply(f, vec![a]))
            }
            _ => err(loc, format!("Module {} is not available at run time", crate::typing::printtyp::path_name(&p))),
        }
    }

    /// `parent.name` for a component of the given kind.
    pub fn field_of(&mut self, parent: &Path, kind: CompKind, name: &str, loc: &Location) -> R<Lambda> {
        let Some(env) = self.module_env() else { return err(loc, "no environment to resolve module paths") };
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
                let b = self.module_expr(inner)?;
                self.coerce(b, &inner.mty, mty, &me.loc)
            }
            T::ModuleExprDesc::Unpack(e) => self.expr(e),
            T::ModuleExprDesc::Functor(param, body) => {
                let saved = self.scope.clone();
                let x = match param {
                    Some((id, mty)) => {
                        let decl = Rc::new(crate::typing::types::ModuleDeclaration { mty: mty.clone(), loc: me.loc.clone() });
                        self.scope_add(|e| e.add_module(id, decl));
                        ident_var(id)
                    }
                    None => self.fresh.var("unit"),
                };
                let b = self.module_expr(body);
                self.scope = saved;
                Ok(Lambda::Function(Rc::new(crate::lambda::Function { params: vec![x], body: b?, name: "functor".into() })))
            }
            T::ModuleExprDesc::Apply(f, arg, pmty) => {
                let fl = self.module_expr(f)?;
                let al = match (arg, pmty) {
                    (Some(a), Some(pm)) => {
                        let al = self.module_expr(a)?;
                        self.coerce(al, &a.mty, pm, &me.loc)?
                    }
                    (Some(a), None) => self.module_expr(a)?,
                    (None, _) => crate::lambda::UNIT,
                };
                Ok(Lambda::apply(fl, vec![al]))
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
            // What `open struct .. end` binds is never exported.
            if !matches!(item.desc, T::StructureItemDesc::OpenStruct(..)) {
                collect_defined(item, &mut defined);
            }
        }
        // Each export is its definition; a submodule is also coerced to the exported module
        // type (a functor in a unit with an interface returns the interface's layout).
        let mut exported = Vec::new();
        for it in exports.iter() {
            let Some(k) = component_kind(it) else { continue };
            let id = it.ident();
            match defined.iter().rev().find(|(k2, d)| *k2 == k && d.name() == id.name()) {
                Some((_, d)) => {
                    let coercion = match it {
                        SignatureItem::Module(_, md_export, _) => own_module_type(&s.signature, d).map(|own| (own, md_export.mty.clone())),
                        _ => None,
                    };
                    exported.push((Export::Defined(d.clone()), coercion));
                }
                // An alias the interface exports as a module (`module M = A.M` against
                // `module M : sig .. end`): the field is the aliased module.
                None => match (it, module_alias(s, id.name())) {
                    (SignatureItem::Module(_, md_export, _), Some(p)) => {
                        exported.push((Export::Alias(p.clone()), Some((ModuleType::Alias(p), md_export.mty.clone()))))
                    }
                    _ => return err(&crate::parsing::location::Location::none(), format!("no definition for {}", id.name())),
                },
            }
        }
        // Submodules and module types of the structure are looked up by identifier.
        let saved = self.scope.clone();
        self.scope_add(|e| {
            for item in &s.items {
                match &item.desc {
                    T::StructureItemDesc::Module(Some(id), me) => {
                        e.add_module(id, Rc::new(crate::typing::types::ModuleDeclaration { mty: me.mty.clone(), loc: me.loc.clone() }))
                    }
                    T::StructureItemDesc::ModType(id, d) => e.add_modtype(id, d.clone()),
                    T::StructureItemDesc::RecModule(mods) => {
                        for (id, _, mty) in mods {
                            e.add_module(id, Rc::new(crate::typing::types::ModuleDeclaration { mty: mty.clone(), loc: item.loc.clone() }))
                        }
                    }
                    T::StructureItemDesc::Include(_, sig) | T::StructureItemDesc::OpenStruct(_, sig) => e.add_signature(sig),
                    _ => {}
                }
            }
        });
        let r = (|| {
            let mut fields = Vec::new();
            for (source, coercion) in exported {
                let var = match source {
                    Export::Defined(d) => Lambda::Var(ident_var(&d)),
                    Export::Alias(p) => self.module_path(&p, &crate::parsing::location::Location::none())?,
                };
                fields.push(match coercion {
                    Some((own, export)) => self.coerce(var, &own, &export, &crate::parsing::location::Location::none())?,
                    None => var,
                });
            }
            let mut body = finish(self, fields)?;
            for item in s.items.iter().rev() {
                body = self.structure_item(item, body)?;
            }
            Ok(body)
        })();
        self.scope = saved;
        r
    }

    /// One structure item around the code that follows it.
    pub fn structure_item(&mut self, item: &T::StructureItem, body: Lambda) -> R<Lambda> {
        Ok(match &item.desc {
            T::StructureItemDesc::Value(rf, vbs) => self.let_bindings(*rf, vbs, body, None)?,
            T::StructureItemDesc::Eval(e) => Lambda::seq(Lambda::Prim(P::Ignore, vec![self.expr(e)?]), body),
            T::StructureItemDesc::Primitive(id, vd) => match &vd.kind {
                ValueKind::Primitive(prim) => {
                    let f = self.primitive_closure(prim, vd.ty, &item.loc)?;
                    Lambda::let_(ident_var(id), f, body)
                }
                ValueKind::Regular | ValueKind::Class(_) => body,
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
                self.module_path.push(id.name().to_string());
                let m = self.in_named_scope(id.name(), |tr| tr.module_expr(me));
                self.module_path.pop();
                let m = m?;
                Lambda::let_(ident_var(id), m, body)
            }
            T::StructureItemDesc::Module(None, me) => Lambda::seq(Lambda::Prim(P::Ignore, vec![self.module_expr(me)?]), body),
            T::StructureItemDesc::RecModule(mods) => self.rec_modules(mods, body, &item.loc)?,
            T::StructureItemDesc::Include(me, sig) | T::StructureItemDesc::OpenStruct(me, sig) => {
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

/// Where the value of an exported component comes from.
enum Export {
    /// An identifier the structure defines.
    Defined(Ident),
    /// A module alias of the structure (aliases get no code of their own).
    Alias(Path),
}

/// The path the last alias `module name = P` of the structure stands for.
fn module_alias(s: &T::Structure, name: &str) -> Option<Path> {
    let me = s.items.iter().rev().find_map(|item| match &item.desc {
        T::StructureItemDesc::Module(Some(id), me) if id.name() == name => Some(me),
        _ => None,
    })?;
    match &me.mty {
        ModuleType::Alias(p) => Some(p.clone()),
        _ => None,
    }
}

/// The module type a structure's own signature gives the submodule `id`.
fn own_module_type(sig: &Signature, id: &Ident) -> Option<ModuleType> {
    sig.iter().find_map(|it| match it {
        SignatureItem::Module(i, md, _) if i == id => Some(md.mty.clone()),
        _ => None,
    })
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
        T::StructureItemDesc::RecModule(mods) => out.extend(mods.iter().map(|(id, _, _)| (CompKind::Module, id.clone()))),
        T::StructureItemDesc::Include(_, sig) | T::StructureItemDesc::OpenStruct(_, sig) => out.extend(components(sig)),
        _ => {}
    }
}

/// `module rec`: each module starts as a placeholder block of its declared type (functions that
/// raise `Undefined_recursive_module`, nested placeholders for submodules), so the bodies can
/// refer to one another; each body's block is then copied into its placeholder, submodules
/// first, so every reference taken during initialisation sees the final components.
impl<'a> Translator<'a> {
    fn rec_modules(&mut self, mods: &[(Ident, T::ModuleExpr, ModuleType)], body: Lambda, loc: &Location) -> R<Lambda> {
        let mut blocks = Vec::new();
        for (id, me, mty) in mods {
            let m = self.module_expr(me)?;
            blocks.push((id, self.coerce(m, &me.mty, mty, loc)?, mty));
        }
        if let Some(env) = self.module_env() {
            let group: Vec<recmod_check::RecBinding> = blocks
                .iter()
                .zip(mods)
                .map(|((id, body, mty), (_, me, _))| recmod_check::RecBinding {
                    name: id.name().to_string(),
                    var: ident_var(id),
                    mty,
                    loc: me.loc.clone(),
                    body,
                })
                .collect();
            recmod_check::check(env, &group)?;
        }
        // Bodies that read no module of the group still waiting to be evaluated go first (as
        // OCaml orders them), so `let x = D.y` sees D's real component.
        let mut ordered = Vec::new();
        while !blocks.is_empty() {
            let waiting: Vec<crate::lambda::Var> = blocks.iter().map(|(id, _, _)| ident_var(id)).collect();
            let ready = blocks
                .iter()
                .position(|(_, l, _)| {
                    let reads = crate::middle::closure::eager_free_vars(l);
                    !waiting.iter().any(|v| reads.contains(v))
                })
                .unwrap_or(0);
            ordered.push(blocks.remove(ready));
        }
        let mut b = body;
        for (id, m, mty) in ordered.into_iter().rev() {
            let v = self.fresh.var("recmod");
            let update = self.rec_module_update(Lambda::Var(ident_var(id)), &v, mty);
            b = Lambda::seq(Lambda::let_(v, m, update), b);
        }
        for (id, me, mty) in mods.iter().rev() {
            let init = self.rec_module_placeholder(mty, &me.loc);
            b = Lambda::let_(ident_var(id), init, b);
        }
        Ok(b)
    }

    /// A placeholder block of type `mty`: submodules are placeholders in turn, a function is a
    /// closure that calls the function its field holds once the body has run (so a reference
    /// taken early, `let g = M.f`, ends up calling the real `f`), raising
    /// `Undefined_recursive_module` while the field still holds the closure itself.
    fn rec_module_placeholder(&mut self, mty: &ModuleType, loc: &Location) -> Lambda {
        let Some(env) = self.module_env().cloned() else { return crate::lambda::UNIT };
        let Some(ModuleType::Signature(sg)) = env.scrape(mty) else { return crate::lambda::UNIT };
        let block = self.fresh.var("recmod_placeholder");
        let mut fields = Vec::new();
        let mut forwarders = Vec::new();
        for (pos, it) in sg.iter().filter(|it| component_kind(it).is_some()).enumerate() {
            fields.push(match it {
                SignatureItem::Module(_, md, _) => self.rec_module_placeholder(&md.mty, loc),
                SignatureItem::Value(_, vd)
                    if matches!(crate::typing::types::desc(crate::typing::ctype::expand_head(&env, vd.ty)), crate::typing::types::TypeDesc::Arrow(..)) =>
                {
                    forwarders.push(pos);
                    crate::lambda::UNIT
                }
                _ => crate::lambda::UNIT,
            });
        }
        if fields.is_empty() {
            return crate::lambda::UNIT;
        }
        let mut body = Lambda::Var(block.clone());
        for pos in forwarders.into_iter().rev() {
            let f = self.forwarding_function(&block, pos, loc);
            body = Lambda::seq(Lambda::Prim(P::SetField(pos, true), vec![Lambda::Var(block.clone()), f]), body);
        }
        Lambda::let_(block, Lambda::Prim(P::MakeBlock(0, Mutability::Mutable), fields), body)
    }

    /// `let rec fn x = let f = block.(pos) in if f == fn then raise .. else f x in fn`.
    fn forwarding_function(&mut self, block: &crate::lambda::Var, pos: usize, loc: &Location) -> Lambda {
        let (file, line, col) = self.source_location(loc);
        let exn = Lambda::Prim(
            P::MakeBlock(0, Mutability::Immutable),
            vec![
                Lambda::Prim(P::PredefExn("Undefined_recursive_module".into()), vec![]),
                Lambda::Const(crate::lambda::Constant::Block(
                    0,
                    vec![
                        crate::lambda::Constant::String(file.as_bytes().into()),
                        crate::lambda::Constant::Int(line),
                        crate::lambda::Constant::Int(col),
                    ],
                )),
            ],
        );
        let raise = Lambda::Prim(P::Raise(crate::lambda::RaiseKind::Regular), vec![exn]);
        let (fn_var, x, current) = (self.fresh.var("undefined_recursive_module"), self.fresh.var("arg"), self.fresh.var("current"));
        let body = Lambda::let_(
            current.clone(),
            Lambda::Prim(P::Field(pos), vec![Lambda::Var(block.clone())]),
            Lambda::if_(
                Lambda::Prim(P::PhysEq, vec![Lambda::Var(current.clone()), Lambda::Var(fn_var.clone())]),
                raise,
                Lambda::apply(Lambda::Var(current), vec![Lambda::Var(x.clone())]),
            ),
        );
        let f = Lambda::Function(Rc::new(crate::lambda::Function { params: vec![x], body, name: "undefined_recursive_module".into() }));
        Lambda::LetRec(vec![(fn_var.clone(), f)], Box::new(Lambda::Var(fn_var)))
    }

    /// Copies the block in `new` into the placeholder `placeholder`, submodules first.
    fn rec_module_update(&mut self, placeholder: Lambda, new: &crate::lambda::Var, mty: &ModuleType) -> Lambda {
        let copy = Lambda::Prim(
            P::CCall { name: "caml_update_dummy".into(), arity: 2, alloc: false },
            vec![placeholder.clone(), Lambda::Var(new.clone())],
        );
        let Some(env) = self.module_env().cloned() else { return copy };
        let Some(ModuleType::Signature(sg)) = env.scrape(mty) else { return copy };
        let mut b = copy;
        for (pos, it) in sg.iter().filter(|it| component_kind(it).is_some()).enumerate().collect::<Vec<_>>().into_iter().rev() {
            if let SignatureItem::Module(_, md, _) = it {
                if matches!(env.scrape(&md.mty), Some(ModuleType::Signature(_))) {
                    let sub = self.fresh.var("recsub");
                    let inner = self.rec_module_update(Lambda::Prim(P::Field(pos), vec![placeholder.clone()]), &sub, &md.mty);
                    let load = Lambda::Prim(P::Field(pos), vec![Lambda::Var(new.clone())]);
                    b = Lambda::seq(Lambda::let_(sub, load, inner), b);
                }
            }
        }
        b
    }
}
