//! The typing environment: what names mean at a program point.
//!
//! Persistent (immutable, cheap to clone: HAMT maps), like OCaml's `Env.t`. Names map to
//! entries that carry the resolved `Path`; identifiers map to declarations so that a `Path`
//! can be resolved back (`find_type`). Module components are computed lazily from a module's
//! signature (with its identifiers replaced by paths from the module) and cached.

use super::datarepr;
use super::ident::Ident;
use super::path::Path;
use super::subst::Subst;
use super::types::*;
use crate::parsing::longident::Longident;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::cell::RefCell;
use std::rc::Rc;

type Map<K, V> = im_rc::HashMap<K, V, FxBuildHasher>;

#[derive(Clone, Debug)]
pub struct ValueEntry {
    pub path: Path,
    pub desc: Rc<ValueDescription>,
}

#[derive(Debug)]
pub struct TypeData {
    pub decl: Rc<TypeDeclaration>,
    pub constrs: Vec<Rc<ConstructorDescription>>,
    pub labels: Vec<Rc<LabelDescription>>,
}

#[derive(Clone, Debug)]
pub struct TypeEntry {
    pub path: Path,
    pub data: Rc<TypeData>,
}

#[derive(Clone, Debug)]
pub struct ModuleEntry {
    pub path: Path,
    pub decl: Rc<ModuleDeclaration>,
}

#[derive(Clone, Debug)]
pub struct ModtypeEntry {
    pub path: Path,
    pub decl: Rc<ModtypeDeclaration>,
}

/// The components of a structure, as seen from outside through the module's path.
#[derive(Default, Debug)]
pub struct Components {
    pub values: FxHashMap<Rc<str>, ValueEntry>,
    pub types: FxHashMap<Rc<str>, TypeEntry>,
    /// Constructors by name, in declaration order.
    pub constrs: FxHashMap<Rc<str>, Vec<Rc<ConstructorDescription>>>,
    pub labels: FxHashMap<Rc<str>, Vec<Rc<LabelDescription>>>,
    pub modules: FxHashMap<Rc<str>, ModuleEntry>,
    pub modtypes: FxHashMap<Rc<str>, ModtypeEntry>,
    /// The signature seen from outside (for `include` and opening in order).
    pub items: Vec<SignatureItem>,
    /// Signature item paths, in order (for `open`).
    pub is_functor: bool,
}

/// Loads a compilation unit's interface by name (`Stdlib`, `Stdlib__List`).
pub type UnitLoader = dyn Fn(&str) -> Option<Result<Signature, String>>;

/// State shared by all environments derived from one initial environment.
pub struct Units {
    loader: RefCell<Option<Rc<UnitLoader>>>,
    loaded: RefCell<FxHashMap<String, Option<Rc<ModuleDeclaration>>>>,
    /// Components by module path, with the declaration they were computed from: a path can
    /// name different declarations over time (a signature's submodule before and after
    /// strengthening), so an entry is valid only for the same declaration.
    components: RefCell<FxHashMap<Path, (Rc<ModuleDeclaration>, Rc<Components>)>>,
    /// Errors met while loading units (reported by the driver).
    pub load_errors: RefCell<Vec<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Value,
    Type,
    Constructor,
    Label,
    Module,
    ModuleType,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Value => "value",
            Kind::Type => "type constructor",
            Kind::Constructor => "constructor",
            Kind::Label => "record field",
            Kind::Module => "module",
            Kind::ModuleType => "module type",
        }
    }
}

/// A failed lookup: which kind of name, and the long identifier that was not found
/// (which may be a module prefix of the one asked for).
#[derive(Clone, Debug)]
pub struct LookupError {
    pub kind: Kind,
    pub lid: Longident,
}

/// Values bound inside expressions (parameters, `let .. in`, match cases): a short linked
/// list in front of the map, because inserting into the map copies a path of its nodes.
struct Local {
    name: Rc<str>,
    entry: ValueEntry,
    next: Option<Rc<Local>>,
    len: usize,
}

const MAX_LOCALS: usize = 24;

#[derive(Clone)]
pub struct Env {
    locals: Option<Rc<Local>>,
    values: Map<Rc<str>, ValueEntry>,
    types: Map<Rc<str>, TypeEntry>,
    constrs: Map<Rc<str>, Rc<Vec<Rc<ConstructorDescription>>>>,
    labels: Map<Rc<str>, Rc<Vec<Rc<LabelDescription>>>>,
    modules: Map<Rc<str>, ModuleEntry>,
    modtypes: Map<Rc<str>, ModtypeEntry>,
    types_by_id: Map<Ident, Rc<TypeData>>,
    modules_by_id: Map<Ident, Rc<ModuleDeclaration>>,
    modtypes_by_id: Map<Ident, Rc<ModtypeDeclaration>>,
    units: Rc<Units>,
}

impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<env>")
    }
}

impl Default for Env {
    fn default() -> Self {
        Env::empty()
    }
}

impl Env {
    pub fn empty() -> Env {
        Env {
            locals: None,
            values: Map::default(),
            types: Map::default(),
            constrs: Map::default(),
            labels: Map::default(),
            modules: Map::default(),
            modtypes: Map::default(),
            types_by_id: Map::default(),
            modules_by_id: Map::default(),
            modtypes_by_id: Map::default(),
            units: Rc::new(Units {
                loader: RefCell::new(None),
                loaded: RefCell::new(FxHashMap::default()),
                components: RefCell::new(FxHashMap::default()),
                load_errors: RefCell::new(Vec::new()),
            }),
        }
    }

    /// Sets the function that finds compilation units' interfaces.
    pub fn set_unit_loader(&self, f: Rc<UnitLoader>) {
        *self.units.loader.borrow_mut() = Some(f);
    }

    pub fn units(&self) -> &Rc<Units> {
        &self.units
    }

    // -- adding ----------------------------------------------------------------------------

    pub fn add_value(&mut self, id: &Ident, desc: Rc<ValueDescription>) {
        self.flush_locals();
        self.values.insert(id.name.clone(), ValueEntry { path: Path::Pident(id.clone()), desc });
    }

    /// Adds a value local to an expression (cheaper than `add_value`, same meaning).
    pub fn add_local_value(&mut self, id: &Ident, desc: Rc<ValueDescription>) {
        let len = self.locals.as_ref().map(|l| l.len).unwrap_or(0) + 1;
        let entry = ValueEntry { path: Path::Pident(id.clone()), desc };
        self.locals = Some(Rc::new(Local { name: id.name.clone(), entry, next: self.locals.take(), len }));
        if len > MAX_LOCALS {
            self.flush_locals();
        }
    }

    /// Moves the local values into the map (oldest first, so that shadowing is kept).
    fn flush_locals(&mut self) {
        let mut all = Vec::new();
        let mut cur = self.locals.take();
        while let Some(l) = cur {
            all.push((l.name.clone(), l.entry.clone()));
            cur = l.next.clone();
        }
        for (n, e) in all.into_iter().rev() {
            self.values.insert(n, e);
        }
    }

    fn find_local(&self, name: &str) -> Option<&ValueEntry> {
        let mut cur = self.locals.as_ref();
        while let Some(l) = cur {
            if &*l.name == name {
                return Some(&l.entry);
            }
            cur = l.next.as_ref();
        }
        None
    }

    pub fn add_type(&mut self, id: &Ident, decl: Rc<TypeDeclaration>) {
        let path = Path::Pident(id.clone());
        let data = Rc::new(type_data(&path, decl));
        for c in &data.constrs {
            push_front(&mut self.constrs, &c.name, c.clone());
        }
        for l in &data.labels {
            push_front(&mut self.labels, &l.name, l.clone());
        }
        self.types_by_id.insert(id.clone(), data.clone());
        self.types.insert(id.name.clone(), TypeEntry { path, data });
    }

    pub fn add_extension(&mut self, id: &Ident, ext: Rc<ExtensionConstructor>) {
        let cd = datarepr::extension(&Path::Pident(id.clone()), id, &ext);
        push_front(&mut self.constrs, &id.name, cd);
    }

    pub fn add_module(&mut self, id: &Ident, decl: Rc<ModuleDeclaration>) {
        self.modules_by_id.insert(id.clone(), decl.clone());
        self.modules.insert(id.name.clone(), ModuleEntry { path: Path::Pident(id.clone()), decl });
    }

    pub fn add_modtype(&mut self, id: &Ident, decl: Rc<ModtypeDeclaration>) {
        self.modtypes_by_id.insert(id.clone(), decl.clone());
        self.modtypes.insert(id.name.clone(), ModtypeEntry { path: Path::Pident(id.clone()), decl });
    }

    pub fn add_signature_item(&mut self, item: &SignatureItem) {
        match item {
            SignatureItem::Value(id, v) => self.add_value(id, v.clone()),
            SignatureItem::Type(id, d, _) => self.add_type(id, d.clone()),
            SignatureItem::TypeExt(id, e, _) => self.add_extension(id, e.clone()),
            SignatureItem::Module(id, m, _) => self.add_module(id, m.clone()),
            SignatureItem::ModType(id, m) => self.add_modtype(id, m.clone()),
        }
    }

    pub fn add_signature(&mut self, sg: &Signature) {
        for it in sg {
            self.add_signature_item(it)
        }
    }

    /// Brings every component of the module at `path` into scope (`open`).
    pub fn open_module(&mut self, path: &Path) -> bool {
        let Some(c) = self.components(path) else { return false };
        self.open_components(&c);
        true
    }

    pub fn open_components(&mut self, c: &Components) {
        self.flush_locals();
        for item in &c.items {
            let name = item.ident().name.clone();
            match item {
                SignatureItem::Value(..) => {
                    if let Some(v) = c.values.get(&name) {
                        self.values.insert(name, v.clone());
                    }
                }
                SignatureItem::Type(..) => {
                    if let Some(t) = c.types.get(&name) {
                        for cd in &t.data.constrs {
                            push_front(&mut self.constrs, &cd.name, cd.clone());
                        }
                        for l in &t.data.labels {
                            push_front(&mut self.labels, &l.name, l.clone());
                        }
                        self.types.insert(name, t.clone());
                    }
                }
                SignatureItem::TypeExt(..) => {
                    if let Some(cds) = c.constrs.get(&name) {
                        if let Some(cd) = cds.iter().rev().find(|cd| matches!(cd.tag, ConstructorTag::Extension(_))) {
                            push_front(&mut self.constrs, &name, cd.clone());
                        }
                    }
                }
                SignatureItem::Module(..) => {
                    if let Some(m) = c.modules.get(&name) {
                        self.modules.insert(name, m.clone());
                    }
                }
                SignatureItem::ModType(..) => {
                    if let Some(m) = c.modtypes.get(&name) {
                        self.modtypes.insert(name, m.clone());
                    }
                }
            }
        }
    }

    // -- finding by path --------------------------------------------------------------------

    pub fn find_type_data(&self, p: &Path) -> Option<Rc<TypeData>> {
        match p {
            Path::Pident(id) => self.types_by_id.get(id).cloned(),
            Path::Pdot(q, s) => {
                if &**s == datarepr::INLINE_RECORD {
                    return self.extension_inline_record(q);
                }
                if let Some(c) = self.components(q) {
                    return c.types.get(s).map(|e| e.data.clone());
                }
                // The inline record type `t.C` of a constructor.
                let td = self.find_type_data(q)?;
                let cd = td.constrs.iter().find(|c| &*c.name == &**s)?;
                let lbls = cd.inline_record.as_ref()?;
                Some(Rc::new(TypeData {
                    decl: Rc::new(TypeDeclaration::abstract_type(
                        td.decl.params.clone(),
                        td.decl.variance.clone(),
                        cd.loc.clone(),
                    )),
                    constrs: vec![],
                    labels: lbls.to_vec(),
                }))
            }
            Path::Papply(..) => None,
        }
    }

    /// The inline record type of the extension constructor at `cpath` (`exception E of {..}`).
    fn extension_inline_record(&self, cpath: &Path) -> Option<Rc<TypeData>> {
        let candidates = match cpath {
            Path::Pident(id) => self.constrs.get(id.name()).cloned(),
            Path::Pdot(m, n) => self.components(m)?.constrs.get(n).map(|v| Rc::new(v.clone())),
            Path::Papply(..) => None,
        }?;
        let cd = candidates.iter().find(|cd| matches!(&cd.tag, ConstructorTag::Extension(p) if p == cpath))?;
        let labels = cd.inline_record.as_ref()?;
        let params: Vec<TypeExpr> = match labels.first().map(|l| desc(l.res)) {
            Some(TypeDesc::Constr(_, args)) => args.to_vec(),
            _ => vec![],
        };
        let variance = vec![(true, true); params.len()];
        Some(Rc::new(TypeData {
            decl: Rc::new(TypeDeclaration::abstract_type(params, variance, cd.loc.clone())),
            constrs: vec![],
            labels: labels.to_vec(),
        }))
    }

    pub fn find_type(&self, p: &Path) -> Option<Rc<TypeDeclaration>> {
        self.find_type_data(p).map(|d| d.decl.clone())
    }

    pub fn same_type_path(&self, p1: &Path, p2: &Path) -> bool {
        p1 == p2
    }

    pub fn find_module(&self, p: &Path) -> Option<Rc<ModuleDeclaration>> {
        match p {
            Path::Pident(id) => {
                if id.is_global() {
                    self.load_unit(id.name())
                } else {
                    self.modules_by_id.get(id).cloned()
                }
            }
            Path::Pdot(q, s) => self.components(q)?.modules.get(s).map(|e| e.decl.clone()),
            // An applicative path `F(A)`: the functor's result with its parameter replaced.
            Path::Papply(f, a) => {
                let fd = self.find_module(f)?;
                match self.scrape(&fd.mty)? {
                    ModuleType::Functor(Some((id, _)), res) => {
                        let mut s = Subst::default();
                        s.modules.insert(id, (**a).clone());
                        Some(Rc::new(ModuleDeclaration { mty: s.modtype(&res), loc: fd.loc.clone() }))
                    }
                    _ => None,
                }
            }
        }
    }

    pub fn find_modtype(&self, p: &Path) -> Option<Rc<ModtypeDeclaration>> {
        match p {
            Path::Pident(id) => self.modtypes_by_id.get(id).cloned(),
            Path::Pdot(q, s) => self.components(q)?.modtypes.get(s).map(|e| e.decl.clone()),
            Path::Papply(..) => None,
        }
    }

    /// Makes the compilation unit `name` known with interface `sg`, for the units compiled
    /// after it (several files in one `ocaml-jit -o` command). Every environment derived from
    /// the same initial one sees it.
    pub fn add_unit(&self, name: &str, sg: Signature) {
        let decl = ModuleDeclaration { mty: ModuleType::Signature(Rc::new(sg)), loc: super::loc::none() };
        self.units.loaded.borrow_mut().insert(name.to_string(), Some(Rc::new(decl)));
    }

    fn load_unit(&self, name: &str) -> Option<Rc<ModuleDeclaration>> {
        if let Some(r) = self.units.loaded.borrow().get(name) {
            return r.clone();
        }
        // Mark as being loaded (cycles resolve to "not found").
        self.units.loaded.borrow_mut().insert(name.to_string(), None);
        let loader = self.units.loader.borrow().clone();
        let result = match loader.and_then(|l| l(name)) {
            Some(Ok(sg)) => Some(Rc::new(ModuleDeclaration { mty: ModuleType::Signature(Rc::new(sg)), loc: super::loc::none() })),
            Some(Err(e)) => {
                self.units.load_errors.borrow_mut().push(e);
                None
            }
            None => None,
        };
        self.units.loaded.borrow_mut().insert(name.to_string(), result.clone());
        result
    }

    /// Expands module type names and aliases until a signature or functor is reached.
    pub fn scrape(&self, mty: &ModuleType) -> Option<ModuleType> {
        let mut m = mty.clone();
        for _ in 0..100 {
            match m {
                ModuleType::Ident(p) => m = self.find_modtype(&p)?.mty.clone()?,
                ModuleType::Alias(p) => m = self.find_module(&p)?.mty.clone(),
                _ => return Some(m),
            }
        }
        None
    }

    /// The path a module path stands for once aliases are followed.
    pub fn normalize_module_path(&self, p: &Path) -> Path {
        let mut p = p.clone();
        for _ in 0..100 {
            match self.find_module(&p).map(|d| d.mty.clone()) {
                Some(ModuleType::Alias(q)) => p = q,
                _ => break,
            }
        }
        p
    }

    /// The components of the module at `path` (None if not a structure).
    pub fn components(&self, path: &Path) -> Option<Rc<Components>> {
        let decl = self.find_module(path)?;
        if let Some((d, c)) = self.units.components.borrow().get(path) {
            // An applicative path's declaration is rebuilt at each lookup: the path decides.
            if Rc::ptr_eq(d, &decl) || matches!(path, Path::Papply(..)) {
                return Some(c.clone());
            }
        }
        let c = match &decl.mty {
            // Seen through the alias: the target's signature strengthened, under this path.
            ModuleType::Alias(q) => {
                let q = self.normalize_module_path(q);
                match self.scrape(&ModuleType::Alias(q.clone()))? {
                    ModuleType::Signature(sg) => {
                        Rc::new(components_of_signature(path, &super::includemod::strengthen_sig(self, &sg, &q)))
                    }
                    ModuleType::Functor(..) => self.components(&q)?,
                    _ => return None,
                }
            }
            mty => match self.scrape(mty)? {
                ModuleType::Signature(sg) => Rc::new(components_of_signature(path, &sg)),
                ModuleType::Functor(..) => Rc::new(Components { is_functor: true, ..Default::default() }),
                _ => return None,
            },
        };
        self.units.components.borrow_mut().insert(path.clone(), (decl, c.clone()));
        Some(c)
    }

    // -- what is in scope, for printing with short paths ------------------------------------

    /// The type names in scope and what they name.
    pub fn types_in_scope(&self) -> Vec<(Rc<str>, TypeEntry)> {
        self.types.iter().map(|(n, e)| (n.clone(), e.clone())).collect()
    }

    /// Every type identifier defined in this environment, shadowed ones included.
    pub fn type_idents(&self) -> Vec<Ident> {
        self.types_by_id.keys().cloned().collect()
    }

    /// The module names in scope (not counting compilation units) and what they name.
    pub fn modules_in_scope(&self) -> Vec<(Rc<str>, ModuleEntry)> {
        self.modules.iter().map(|(n, e)| (n.clone(), e.clone())).collect()
    }

    /// Can the module at `p` be looked into without loading a compilation unit (following
    /// aliases)?
    pub fn module_is_loaded(&self, p: &Path) -> bool {
        let mut p = p.clone();
        for _ in 0..100 {
            let head = p.head();
            if head.is_global() && !matches!(self.units.loaded.borrow().get(head.name()), Some(Some(_))) {
                return false;
            }
            match self.find_module(&p).map(|d| d.mty.clone()) {
                Some(ModuleType::Alias(q)) => p = q,
                Some(_) => return true,
                None => return false,
            }
        }
        false
    }

    // -- lookups by long identifier ---------------------------------------------------------

    /// Is `name` bound as a module in this environment (not counting compilation units)?
    pub fn has_local_module(&self, name: &str) -> bool {
        self.modules.contains_key(name)
    }

    /// The module `lid` names, its path with aliases followed (`module L = M.N`: `L` is `M.N`).
    pub fn lookup_module(&self, lid: &Longident) -> Result<ModuleEntry, LookupError> {
        let e = self.lookup_module_as_written(lid)?;
        Ok(ModuleEntry { path: self.normalize_module_path(&e.path), decl: e.decl })
    }

    /// The module `lid` names, its path kept as written: components reached through an alias
    /// carry the alias (`L.U : L.u`), as in OCaml.
    pub fn lookup_module_as_written(&self, lid: &Longident) -> Result<ModuleEntry, LookupError> {
        let err = || LookupError { kind: Kind::Module, lid: lid.clone() };
        match lid {
            Longident::Lident(s) => {
                if let Some(e) = self.modules.get(s.as_str()) {
                    return Ok(ModuleEntry { path: e.path.clone(), decl: e.decl.clone() });
                }
                let id = Ident::global(s);
                let path = Path::Pident(id);
                match self.find_module(&path) {
                    Some(decl) => Ok(ModuleEntry { path, decl }),
                    None => Err(err()),
                }
            }
            Longident::Ldot(m, s) => {
                let comps = self.lookup_components(m)?;
                match comps.modules.get(s.as_str()) {
                    Some(e) => Ok(ModuleEntry { path: e.path.clone(), decl: e.decl.clone() }),
                    None => Err(err()),
                }
            }
            Longident::Lapply(f, a) => {
                let fe = self.lookup_module(f)?;
                let ae = self.lookup_module(a)?;
                let path = Path::Papply(Rc::new(fe.path), Rc::new(ae.path));
                match self.find_module(&path) {
                    Some(decl) => Ok(ModuleEntry { path, decl }),
                    None => Err(err()),
                }
            }
        }
    }

    fn lookup_components(&self, m: &Longident) -> Result<Rc<Components>, LookupError> {
        let e = self.lookup_module_as_written(m)?;
        self.components(&e.path).ok_or(LookupError { kind: Kind::Module, lid: m.clone() })
    }

    pub fn lookup_value(&self, lid: &Longident) -> Result<ValueEntry, LookupError> {
        let err = || LookupError { kind: Kind::Value, lid: lid.clone() };
        match lid {
            Longident::Lident(s) => match self.find_local(s) {
                Some(e) => Ok(e.clone()),
                None => self.values.get(s.as_str()).cloned().ok_or_else(err),
            },
            Longident::Ldot(m, s) => self.lookup_components(m)?.values.get(s.as_str()).cloned().ok_or_else(err),
            Longident::Lapply(..) => Err(err()),
        }
    }

    pub fn lookup_type(&self, lid: &Longident) -> Result<TypeEntry, LookupError> {
        let err = || LookupError { kind: Kind::Type, lid: lid.clone() };
        match lid {
            Longident::Lident(s) => self.types.get(s.as_str()).cloned().ok_or_else(err),
            Longident::Ldot(m, s) => self.lookup_components(m)?.types.get(s.as_str()).cloned().ok_or_else(err),
            Longident::Lapply(..) => Err(err()),
        }
    }

    /// All constructors of that name in scope, the most recent first.
    pub fn lookup_all_constructors(&self, lid: &Longident) -> Result<Vec<Rc<ConstructorDescription>>, LookupError> {
        let err = || LookupError { kind: Kind::Constructor, lid: lid.clone() };
        match lid {
            Longident::Lident(s) => match self.constrs.get(s.as_str()) {
                Some(v) if !v.is_empty() => Ok(v.iter().rev().cloned().collect()),
                _ => Err(err()),
            },
            Longident::Ldot(m, s) => match self.lookup_components(m)?.constrs.get(s.as_str()) {
                Some(v) if !v.is_empty() => Ok(v.iter().rev().cloned().collect()),
                _ => Err(err()),
            },
            Longident::Lapply(..) => Err(err()),
        }
    }

    pub fn lookup_all_labels(&self, lid: &Longident) -> Result<Vec<Rc<LabelDescription>>, LookupError> {
        let err = || LookupError { kind: Kind::Label, lid: lid.clone() };
        match lid {
            Longident::Lident(s) => match self.labels.get(s.as_str()) {
                Some(v) if !v.is_empty() => Ok(v.iter().rev().cloned().collect()),
                _ => Err(err()),
            },
            Longident::Ldot(m, s) => match self.lookup_components(m)?.labels.get(s.as_str()) {
                Some(v) if !v.is_empty() => Ok(v.iter().rev().cloned().collect()),
                _ => Err(err()),
            },
            Longident::Lapply(..) => Err(err()),
        }
    }

    pub fn lookup_modtype(&self, lid: &Longident) -> Result<ModtypeEntry, LookupError> {
        let err = || LookupError { kind: Kind::ModuleType, lid: lid.clone() };
        match lid {
            Longident::Lident(s) => self.modtypes.get(s.as_str()).cloned().ok_or_else(err),
            Longident::Ldot(m, s) => self.lookup_components(m)?.modtypes.get(s.as_str()).cloned().ok_or_else(err),
            Longident::Lapply(..) => Err(err()),
        }
    }

    /// Names of that kind visible under the module prefix of `lid` (or unqualified), for
    /// "Did you mean" hints.
    pub fn names_like(&self, kind: Kind, lid: &Longident) -> Vec<String> {
        let keys = |c: &Components| -> Vec<String> {
            match kind {
                Kind::Value => c.values.keys().map(|k| k.to_string()).collect(),
                Kind::Type => c.types.keys().map(|k| k.to_string()).collect(),
                Kind::Constructor => c.constrs.keys().map(|k| k.to_string()).collect(),
                Kind::Label => c.labels.keys().map(|k| k.to_string()).collect(),
                Kind::Module => c.modules.keys().map(|k| k.to_string()).collect(),
                Kind::ModuleType => c.modtypes.keys().map(|k| k.to_string()).collect(),
            }
        };
        match lid {
            Longident::Lident(_) => match kind {
                Kind::Value => {
                    let mut v: Vec<String> = self.values.keys().map(|k| k.to_string()).collect();
                    let mut cur = self.locals.as_ref();
                    while let Some(l) = cur {
                        v.push(l.name.to_string());
                        cur = l.next.as_ref();
                    }
                    v
                }
                Kind::Type => self.types.keys().map(|k| k.to_string()).collect(),
                Kind::Constructor => self.constrs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, _)| k.to_string()).collect(),
                Kind::Label => self.labels.iter().filter(|(_, v)| !v.is_empty()).map(|(k, _)| k.to_string()).collect(),
                Kind::Module => self.modules.keys().map(|k| k.to_string()).collect(),
                Kind::ModuleType => self.modtypes.keys().map(|k| k.to_string()).collect(),
            },
            Longident::Ldot(m, _) => match self.lookup_components(m) {
                Ok(c) => keys(&c),
                Err(_) => vec![],
            },
            Longident::Lapply(..) => vec![],
        }
    }

    /// Is this name bound to that exact value path (used to print `Stdlib.x` as `x`)?
    pub fn value_name_is(&self, name: &str, p: &Path) -> bool {
        self.find_local(name).or_else(|| self.values.get(name)).map(|e| &e.path == p).unwrap_or(false)
    }

    /// Is `name` as a type bound to path `p`?
    pub fn type_name_is(&self, name: &str, p: &Path) -> bool {
        self.types.get(name).map(|e| &e.path == p).unwrap_or(false)
    }
}

fn push_front<T: Clone>(m: &mut Map<Rc<str>, Rc<Vec<T>>>, name: &Rc<str>, x: T) {
    let mut v: Vec<T> = m.get(name).map(|v| (**v).clone()).unwrap_or_default();
    v.push(x);
    m.insert(name.clone(), Rc::new(v));
}

pub fn type_data(path: &Path, decl: Rc<TypeDeclaration>) -> TypeData {
    let constrs = datarepr::constructors(path, &decl);
    let labels = datarepr::record_labels(path, &decl);
    TypeData { decl, constrs, labels }
}

/// The components of a signature seen through the module path `prefix`.
pub fn components_of_signature(prefix: &Path, sg: &Signature) -> Components {
    let mut s = Subst::default();
    for item in sg {
        let id = item.ident();
        let p = Path::dot(prefix, id.name());
        match item {
            SignatureItem::Type(..) => {
                s.types.insert(id.clone(), p);
            }
            SignatureItem::Module(..) => {
                s.modules.insert(id.clone(), p);
            }
            SignatureItem::ModType(..) => {
                s.modtypes.insert(id.clone(), p);
            }
            _ => {}
        }
    }
    let items = s.signature(sg);
    let mut c = Components::default();
    for item in &items {
        let id = item.ident();
        let name = id.name.clone();
        let path = Path::dot(prefix, id.name());
        match item {
            SignatureItem::Value(_, v) => {
                c.values.insert(name, ValueEntry { path, desc: v.clone() });
            }
            SignatureItem::Type(_, d, _) => {
                let data = Rc::new(type_data(&path, d.clone()));
                for cd in &data.constrs {
                    c.constrs.entry(cd.name.clone()).or_default().push(cd.clone());
                }
                for l in &data.labels {
                    c.labels.entry(l.name.clone()).or_default().push(l.clone());
                }
                c.types.insert(name, TypeEntry { path, data });
            }
            SignatureItem::TypeExt(_, e, _) => {
                let cd = datarepr::extension(&path, id, e);
                c.constrs.entry(name).or_default().push(cd);
            }
            SignatureItem::Module(_, m, _) => {
                c.modules.insert(name, ModuleEntry { path, decl: m.clone() });
            }
            SignatureItem::ModType(_, m) => {
                c.modtypes.insert(name, ModtypeEntry { path, decl: m.clone() });
            }
        }
    }
    c.items = items;
    c
}
