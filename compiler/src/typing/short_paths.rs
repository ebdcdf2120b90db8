//! `-short-paths`: each type constructor prints under the shortest name the printing
//! environment has for it, OCaml's way:
//!
//! - a path is first normalized: an abbreviation that only renames another type (same
//!   parameters, same order: `type 'a lst = 'a list`) stands for that type, one that drops or
//!   reorders parameters maps its arguments, one equal to a parameter (`type 'a id = 'a`)
//!   prints as that argument;
//! - every name visible in the environment (`t`, `M.t`, `M.N.t`, names opened) that renames a
//!   type is a candidate for it; the best has the fewest components (a name starting with `_`
//!   or containing `__` counts as ten), then the most recent binding;
//! - a candidate counts only while its name still means that type (not shadowed).
//!
//! Only compilation units already loaded are looked into, as in OCaml.

use super::clflags;
use super::env::Env;
use super::ident::IdentKind;
use super::path::Path;
use super::types::*;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

/// How the arguments of a type constructor become those of the name printed for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgMap {
    Same,
    /// The printed constructor takes these arguments (by index), in this order.
    Pick(Vec<usize>),
    /// The type is its argument number n.
    Nth(usize),
}

/// How deep into modules names are looked for (`M.N.O.t`).
const MAX_MODULE_DEPTH: usize = 3;

#[derive(Clone)]
struct Candidate {
    name: String,
    /// Number of components (penalized), then minus the binding's age: smaller is better.
    size: (usize, i64),
}

#[derive(Clone)]
struct PrintingEnv {
    env: Env,
    /// Each printed name and the (normalized) type it names.
    by_name: FxHashMap<String, Path>,
    /// The names found for each normalized type, in the order found.
    by_target: FxHashMap<Path, Vec<Candidate>>,
}

thread_local! {
    static CURRENT: RefCell<Option<PrintingEnv>> = const { RefCell::new(None) };
}

/// Runs `f` with `env` as the printing environment (only under `-short-paths`).
pub fn with_env<R>(env: &Env, f: impl FnOnce() -> R) -> R {
    if !clflags::short_paths() {
        return f();
    }
    let pe = PrintingEnv::build(env);
    let saved = CURRENT.with(|c| c.replace(Some(pe)));
    let r = f();
    CURRENT.with(|c| c.replace(saved));
    r
}

/// Runs `f` and then forgets the names added meanwhile (a nested signature's items).
pub fn scoped<R>(f: impl FnOnce() -> R) -> R {
    let saved = CURRENT.with(|c| c.borrow().clone());
    let r = f();
    if saved.is_some() {
        CURRENT.with(|c| c.replace(saved));
    }
    r
}

/// Makes the names an item binds visible to what is printed after it (the next items of a
/// signature).
pub fn add_item(item: &SignatureItem) {
    CURRENT.with(|c| {
        if let Some(pe) = c.borrow_mut().as_mut() {
            pe.add_item(item);
        }
    })
}

/// Runs `f` (the printing of a type declaration) with `name` meaning no type yet: a type
/// declaration shadows the names it defines, so its own body never uses them for other types.
pub fn hiding<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let saved = CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        let pe = c.as_mut()?;
        let old = pe.by_name.remove(name);
        Some(old)
    });
    let r = f();
    if let Some(old) = saved {
        CURRENT.with(|c| {
            if let Some(pe) = c.borrow_mut().as_mut() {
                match old {
                    Some(p) => pe.by_name.insert(name.to_string(), p),
                    None => pe.by_name.remove(name),
                };
            }
        });
    }
    r
}

/// The name to print for the type constructor `p` and how its arguments map, when
/// `-short-paths` printing is active.
pub fn best_type_path(p: &Path) -> Option<(String, ArgMap)> {
    CURRENT.with(|c| c.borrow().as_ref().map(|pe| pe.best(p)))
}

fn penalty(name: &str) -> usize {
    if name.starts_with('_') || name.contains("__") {
        10
    } else {
        1
    }
}

/// When the identifier was bound: later bindings win ties.
fn scope(p: &Path) -> i64 {
    let id = p.head();
    match id.kind {
        IdentKind::Local => id.stamp as i64,
        IdentKind::Global | IdentKind::Predef => 0,
    }
}

fn compose(l1: &[usize], s2: ArgMap) -> Option<ArgMap> {
    Some(match s2 {
        ArgMap::Same => ArgMap::Pick(l1.to_vec()),
        ArgMap::Pick(l2) => ArgMap::Pick(l2.iter().map(|i| l1.get(*i).copied()).collect::<Option<Vec<_>>>()?),
        ArgMap::Nth(n) => ArgMap::Nth(*l1.get(n)?),
    })
}

impl PrintingEnv {
    fn build(env: &Env) -> PrintingEnv {
        let mut pe = PrintingEnv { env: env.clone(), by_name: FxHashMap::default(), by_target: FxHashMap::default() };
        // The type names defined so far, shadowed ones included.
        let mut defined: FxHashMap<Rc<str>, Vec<Path>> = FxHashMap::default();
        for id in env.type_idents() {
            defined.entry(id.name.clone()).or_default().push(Path::Pident(id));
        }
        for (name, entry) in env.types_in_scope() {
            if !matches!(entry.path, Path::Pident(_)) {
                // A name brought by `open` over other definitions of that name counts only if
                // they all are the same type.
                let target = pe.normalize(&entry.path, true, 0).0;
                let others = defined.get(&name).map(|v| v.as_slice()).unwrap_or(&[]);
                if others.iter().any(|o| pe.normalize(o, true, 0).0 != target) {
                    continue;
                }
            }
            pe.add_candidate(name.to_string(), &entry.path, (penalty(&name), -scope(&entry.path)));
        }
        for (name, entry) in env.modules_in_scope() {
            pe.add_module(&name, &entry.path, (penalty(&name), -scope(&entry.path)), 1);
        }
        pe
    }

    fn add_candidate(&mut self, name: String, real: &Path, size: (usize, i64)) {
        let (target, map) = self.normalize(real, true, 0);
        if map != ArgMap::Same {
            return;
        }
        self.by_name.insert(name.clone(), target.clone());
        self.by_target.entry(target).or_default().push(Candidate { name, size });
    }

    /// The types of the module `name` (at `path`), and of its submodules.
    fn add_module(&mut self, name: &str, path: &Path, size: (usize, i64), depth: usize) {
        if depth > MAX_MODULE_DEPTH || !self.env.module_is_loaded(path) {
            return;
        }
        let Some(c) = self.env.components(path) else { return };
        if c.is_functor {
            return;
        }
        for (t, entry) in c.types.iter() {
            self.add_candidate(format!("{}.{}", name, t), &entry.path, (size.0 + 1, size.1));
        }
        for (m, entry) in c.modules.iter() {
            self.add_module(&format!("{}.{}", name, m), &entry.path, (size.0 + 1, size.1), depth + 1);
        }
    }

    fn add_item(&mut self, item: &SignatureItem) {
        self.env.add_signature_item(item);
        match item {
            SignatureItem::Type(id, ..) => {
                let p = Path::Pident(id.clone());
                self.add_candidate(id.name().to_string(), &p, (penalty(id.name()), -scope(&p)));
            }
            SignatureItem::Module(id, ..) => {
                let p = Path::Pident(id.clone());
                self.add_module(id.name(), &p, (penalty(id.name()), -scope(&p)), 1);
            }
            _ => {}
        }
    }

    /// The type `p` stands for once abbreviations that only rename are followed. With
    /// `renaming_only`, an abbreviation that reorders or drops parameters stops there.
    fn normalize(&self, p: &Path, renaming_only: bool, depth: usize) -> (Path, ArgMap) {
        let plain = || (self.normalize_prefix(p), ArgMap::Same);
        let Some(decl) = self.env.find_type(p) else { return plain() };
        let Some(body) = decl.manifest else { return plain() };
        if depth > 50 {
            return plain();
        }
        let params: Vec<TypeExpr> = decl.params.iter().map(|t| repr(*t)).collect();
        let index = |t: TypeExpr| params.iter().position(|x| *x == repr(t));
        match desc(repr(body)) {
            TypeDesc::Constr(p1, args) => {
                let args: Vec<TypeExpr> = args.iter().map(|t| repr(*t)).collect();
                if args == params {
                    return self.normalize(&p1, renaming_only, depth + 1);
                }
                let distinct = args.iter().enumerate().all(|(i, a)| !args[..i].contains(a));
                if renaming_only || params.len() <= args.len() || !distinct {
                    return (p.clone(), ArgMap::Same);
                }
                let Some(l1) = args.iter().map(|a| index(*a)).collect::<Option<Vec<usize>>>() else { return plain() };
                let (p2, s2) = self.normalize(&p1, renaming_only, depth + 1);
                match compose(&l1, s2) {
                    Some(s) => (p2, s),
                    None => plain(),
                }
            }
            _ => match index(body) {
                Some(i) => (p.clone(), ArgMap::Nth(i)),
                None => plain(),
            },
        }
    }

    /// `p` with module aliases in its prefix followed.
    fn normalize_prefix(&self, p: &Path) -> Path {
        match p {
            Path::Pdot(m, s) if self.env.module_is_loaded(m) => Path::dot(&self.env.normalize_module_path(m), s),
            _ => p.clone(),
        }
    }

    fn best(&self, p: &Path) -> (String, ArgMap) {
        let (target, map) = self.normalize(p, false, 0);
        let mut best: Option<&Candidate> = None;
        if let Some(cands) = self.by_target.get(&target) {
            // The latest found first: on a tie the one found last wins.
            for c in cands.iter().rev() {
                if best.is_some_and(|b| c.size >= b.size) {
                    continue;
                }
                if self.by_name.get(&c.name) == Some(&target) {
                    best = Some(c);
                }
            }
        }
        match best {
            Some(c) => (c.name.clone(), map),
            None => (super::printtyp::path_name(&target), map),
        }
    }
}
