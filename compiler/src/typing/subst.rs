//! Substitutions of identifiers by paths in types and signatures: used to refer to the
//! components of a module from outside (`t` inside `M` becomes `M.t`).

use super::ident::Ident;
use super::path::Path;
use super::types::*;
use rustc_hash::FxHashMap;
use std::rc::Rc;

#[derive(Default, Clone)]
pub struct Subst {
    pub types: FxHashMap<Ident, Path>,
    pub modules: FxHashMap<Ident, Path>,
    pub modtypes: FxHashMap<Ident, Path>,
    /// Types replaced by a type expression (`with type 'a t := ...`, or the types of a functor
    /// argument that has no path): parameters, body.
    pub type_exprs: FxHashMap<Path, (Vec<TypeExpr>, TypeExpr)>,
    /// Module types replaced by their definition (`module type S := ...`).
    pub modtype_defs: FxHashMap<Ident, ModuleType>,
}

impl Subst {
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
            && self.modules.is_empty()
            && self.modtypes.is_empty()
            && self.type_exprs.is_empty()
            && self.modtype_defs.is_empty()
    }

    pub fn module_path(&self, p: &Path) -> Path {
        match p {
            Path::Pident(id) => self.modules.get(id).cloned().unwrap_or_else(|| p.clone()),
            Path::Pdot(q, s) => Path::Pdot(Rc::new(self.module_path(q)), s.clone()),
            Path::Papply(a, b) => Path::Papply(Rc::new(self.module_path(a)), Rc::new(self.module_path(b))),
        }
    }

    pub fn type_path(&self, p: &Path) -> Path {
        match p {
            Path::Pident(id) => self.types.get(id).cloned().unwrap_or_else(|| p.clone()),
            Path::Pdot(q, s) => Path::Pdot(Rc::new(self.module_path(q)), s.clone()),
            Path::Papply(..) => p.clone(),
        }
    }

    pub fn modtype_path(&self, p: &Path) -> Path {
        match p {
            Path::Pident(id) => self.modtypes.get(id).cloned().unwrap_or_else(|| p.clone()),
            Path::Pdot(q, s) => Path::Pdot(Rc::new(self.module_path(q)), s.clone()),
            Path::Papply(..) => p.clone(),
        }
    }
}

/// Copies types applying a substitution; one copier per declaration keeps variable sharing.
pub struct TypeCopier<'a> {
    s: &'a Subst,
    memo: FxHashMap<TypeExpr, TypeExpr>,
}

impl<'a> TypeCopier<'a> {
    pub fn new(s: &'a Subst) -> Self {
        TypeCopier { s, memo: FxHashMap::default() }
    }

    pub fn ty(&mut self, t: TypeExpr) -> TypeExpr {
        if self.s.is_empty() {
            return t;
        }
        let t = repr(t);
        if let Some(c) = self.memo.get(&t) {
            return *c;
        }
        let d = desc(t);
        let lvl = level(t);
        match d {
            // Variables are kept: generic ones are copied to stay distinct per declaration
            // only when shared structure requires it; sharing the node is harmless since
            // declarations are never unified in place (they are instantiated first).
            TypeDesc::Var(_) | TypeDesc::Univar(_) => t,
            d => {
                let placeholder = new_ty(TypeDesc::Var(None), lvl);
                self.memo.insert(t, placeholder);
                let nd = match d {
                    TypeDesc::Arrow(l, a, b) => {
                        let a = self.ty(a);
                        TypeDesc::Arrow(l, a, self.ty(b))
                    }
                    TypeDesc::Tuple(ts) => TypeDesc::Tuple(ts.iter().map(|t| self.ty(*t)).collect()),
                    TypeDesc::Constr(p, ts) if self.s.type_exprs.contains_key(&p) => {
                        let args: Vec<TypeExpr> = ts.iter().map(|t| self.ty(*t)).collect();
                        let (params, body) = &self.s.type_exprs[&p];
                        super::ctype::begin_def();
                        let t = super::ctype::apply(params, *body, &args);
                        super::ctype::end_def();
                        super::ctype::generalize(t);
                        TypeDesc::Link(t)
                    }
                    TypeDesc::Constr(p, ts) => {
                        let p = self.s.type_path(&p);
                        TypeDesc::Constr(p, ts.iter().map(|t| self.ty(*t)).collect())
                    }
                    TypeDesc::Poly(b, vs) => TypeDesc::Poly(self.ty(b), vs),
                    TypeDesc::Package(p, ns, ts) => TypeDesc::Package(self.s.modtype_path(&p), ns, ts.iter().map(|t| self.ty(*t)).collect()),
                    TypeDesc::Variant(row) => {
                        let mut row = row.map_types(|t| self.ty(t));
                        row.name = row.name.map(|(p, args)| (self.s.type_path(&p), args));
                        TypeDesc::Variant(std::rc::Rc::new(row))
                    }
                    TypeDesc::Object(m) => TypeDesc::Object(std::rc::Rc::new(m.map_types(|t| self.ty(t)))),
                    other => other,
                };
                set_desc(placeholder, nd);
                placeholder
            }
        }
    }

    pub fn args(&mut self, a: &ConstructorArgs) -> ConstructorArgs {
        match a {
            ConstructorArgs::Tuple(ts) => ConstructorArgs::Tuple(ts.iter().map(|t| self.ty(*t)).collect()),
            ConstructorArgs::Record(ls) => ConstructorArgs::Record(ls.iter().map(|l| self.label(l)).collect()),
        }
    }

    fn label(&mut self, l: &LabelDeclaration) -> LabelDeclaration {
        LabelDeclaration { ty: self.ty(l.ty), ..l.clone() }
    }
}

impl Subst {
    pub fn value(&self, v: &Rc<ValueDescription>) -> Rc<ValueDescription> {
        if self.is_empty() {
            return v.clone();
        }
        let mut copier = TypeCopier::new(self);
        let ty = copier.ty(v.ty);
        let kind = match &v.kind {
            // The class's types follow the substitution too (its constructor is one of them).
            ValueKind::Class(c) => ValueKind::Class(Rc::new(ClassInfo { sig_ty: copier.ty(c.sig_ty), ..(**c).clone() })),
            k => k.clone(),
        };
        Rc::new(ValueDescription { ty, kind, ..(**v).clone() })
    }

    pub fn type_decl(&self, d: &Rc<TypeDeclaration>) -> Rc<TypeDeclaration> {
        if self.is_empty() {
            return d.clone();
        }
        let mut c = TypeCopier::new(self);
        let kind = match &d.kind {
            TypeKind::Variant(cs) => TypeKind::Variant(
                cs.iter()
                    .map(|cd| ConstructorDeclaration {
                        args: c.args(&cd.args),
                        res: cd.res.map(|r| c.ty(r)),
                        ..cd.clone()
                    })
                    .collect(),
            ),
            TypeKind::Record(ls, r) => TypeKind::Record(ls.iter().map(|l| c.label(l)).collect(), *r),
            k => k.clone(),
        };
        Rc::new(TypeDeclaration {
            params: d.params.iter().map(|t| c.ty(*t)).collect(),
            manifest: d.manifest.map(|t| c.ty(t)),
            kind,
            ..(**d).clone()
        })
    }

    pub fn extension(&self, e: &Rc<ExtensionConstructor>) -> Rc<ExtensionConstructor> {
        if self.is_empty() {
            return e.clone();
        }
        let mut c = TypeCopier::new(self);
        Rc::new(ExtensionConstructor {
            type_path: self.type_path(&e.type_path),
            type_params: e.type_params.iter().map(|t| c.ty(*t)).collect(),
            args: c.args(&e.args),
            ret_type: e.ret_type.map(|t| c.ty(t)),
            ..(**e).clone()
        })
    }

    pub fn modtype(&self, m: &ModuleType) -> ModuleType {
        if self.is_empty() {
            return m.clone();
        }
        match m {
            ModuleType::Ident(Path::Pident(id)) if self.modtype_defs.contains_key(id) => self.modtype_defs[id].clone(),
            ModuleType::Ident(p) => ModuleType::Ident(self.modtype_path(p)),
            ModuleType::Alias(p) => ModuleType::Alias(self.module_path(p)),
            ModuleType::Signature(sg) => ModuleType::Signature(Rc::new(self.signature(sg))),
            ModuleType::Functor(param, res) => {
                ModuleType::Functor(param.as_ref().map(|(id, mt)| (id.clone(), Rc::new(self.modtype(mt)))), Rc::new(self.modtype(res)))
            }
        }
    }

    pub fn signature(&self, sg: &Signature) -> Signature {
        sg.iter()
            .map(|item| match item {
                SignatureItem::Value(id, v) => SignatureItem::Value(id.clone(), self.value(v)),
                SignatureItem::Type(id, d, rs) => SignatureItem::Type(id.clone(), self.type_decl(d), *rs),
                SignatureItem::TypeExt(id, e, st) => SignatureItem::TypeExt(id.clone(), self.extension(e), *st),
                SignatureItem::Module(id, md, rs) => SignatureItem::Module(
                    id.clone(),
                    Rc::new(ModuleDeclaration { mty: self.modtype(&md.mty), loc: md.loc.clone() }),
                    *rs,
                ),
                SignatureItem::ModType(id, mtd) => SignatureItem::ModType(
                    id.clone(),
                    Rc::new(ModtypeDeclaration { mty: mtd.mty.as_ref().map(|m| self.modtype(m)), loc: mtd.loc.clone() }),
                ),
            })
            .collect()
    }
}
