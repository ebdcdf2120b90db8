//! Types and signatures to the outcome tree, with OCaml's naming of type variables:
//! `'a`, `'b`, ... in order of appearance, user-given names kept, and `'_weak1`, ... for
//! variables that cannot be generalized (numbered for the whole session).

use super::outcome::*;
use super::path::Path;
use super::predef;
use super::short_paths::{self, ArgMap};
use super::types::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    /// Names given to weak variables: stable for the whole session, as in the toplevel.
    static WEAK_NAMES: RefCell<(FxHashMap<TypeExpr, String>, usize)> = RefCell::new((FxHashMap::default(), 0));
}

/// The naming context of one printed item (a signature item or an error message).
#[derive(Default)]
pub struct Names {
    names: Vec<(TypeExpr, String)>,
    named_vars: Vec<String>,
    counter: usize,
    /// Nodes printed `(... as 'a)` at their first occurrence and `'a` after: nodes on a
    /// cycle, and polymorphic variant rows (not static) met twice.
    aliased: FxHashSet<TypeExpr>,
    visited_rows: FxHashSet<TypeExpr>,
}

fn generated_name(i: usize) -> String {
    let c = (b'a' + (i % 26) as u8) as char;
    if i < 26 {
        c.to_string()
    } else {
        format!("{}{}", c, i / 26)
    }
}

impl Names {
    pub fn new() -> Names {
        Names::default()
    }

    /// Records the user-given variable names occurring in `t`, so that generated names avoid them.
    pub fn add_named_vars(&mut self, t: TypeExpr) {
        let named = &mut self.named_vars;
        walk_nodes(t, |t, d| {
            let row_name = if matches!(d, TypeDesc::Variant(_)) { row_var_name(t) } else { None };
            let var_name = match d {
                TypeDesc::Var(Some(n)) | TypeDesc::Univar(Some(n)) => Some(n.clone()),
                _ => None,
            };
            for n in var_name.into_iter().chain(row_name) {
                if !named.iter().any(|x| **x == *n) {
                    named.push(n.to_string());
                }
            }
            Walk::Descend
        });
    }

    fn taken(&self, s: &str) -> bool {
        self.names.iter().any(|(_, n)| n == s)
    }

    fn new_name(&mut self) -> String {
        loop {
            let n = generated_name(self.counter);
            self.counter += 1;
            if !self.named_vars.iter().any(|x| *x == n) && !self.taken(&n) {
                return n;
            }
        }
    }

    pub fn name_of(&mut self, t: TypeExpr) -> String {
        let t = repr(t);
        if let Some((_, n)) = self.names.iter().find(|(x, _)| *x == t) {
            return n.clone();
        }
        let user = match desc(t) {
            TypeDesc::Var(Some(n)) | TypeDesc::Univar(Some(n)) => Some(n),
            TypeDesc::Variant(_) => row_var_name(t),
            _ => None,
        };
        let name = match user {
            Some(n) => {
                let mut cur = n.to_string();
                let mut i = 0;
                while self.taken(&cur) {
                    cur = format!("{}{}", n, i);
                    i += 1;
                }
                cur
            }
            None => self.new_name(),
        };
        self.names.push((t, name.clone()));
        name
    }

    fn weak_name(&mut self, t: TypeExpr) -> String {
        let t = repr(t);
        WEAK_NAMES.with(|w| {
            let mut w = w.borrow_mut();
            if let Some(n) = w.0.get(&t) {
                return n.clone();
            }
            w.1 += 1;
            let n = format!("weak{}", w.1);
            w.0.insert(t, n.clone());
            n
        })
    }

    /// Finds the nodes of `t` to print with an alias (`as 'a`).
    fn mark_loops(&mut self, t: TypeExpr, path: &mut Vec<TypeExpr>) {
        let t = repr(t);
        if self.aliased.contains(&t) {
            return;
        }
        let d = desc(t);
        if path.contains(&t) {
            if !matches!(d, TypeDesc::Var(_) | TypeDesc::Univar(_)) {
                self.aliased.insert(t);
            }
            return;
        }
        let kids = match &d {
            TypeDesc::Variant(row) => {
                if self.visited_rows.contains(&t) {
                    self.aliased.insert(t);
                    return;
                }
                if !row.is_static() {
                    self.visited_rows.insert(t);
                }
                match &row.name {
                    Some((_, args)) if namable_row(row) => args.to_vec(),
                    _ => row.types(),
                }
            }
            // An open object type met twice prints `(< .. > as 'a)` then `'a`.
            TypeDesc::Object(m) => {
                if self.visited_rows.contains(&t) {
                    self.aliased.insert(t);
                    return;
                }
                if !m.closed {
                    self.visited_rows.insert(t);
                }
                children(&d)
            }
            d => children(d),
        };
        path.push(t);
        for k in kids {
            self.mark_loops(k, path);
        }
        path.pop();
    }

    /// `sch`: printing a type scheme (a signature item), where non-generalized variables
    /// are weak; in error messages every variable prints as `'a`.
    pub fn tree_of_type(&mut self, t: TypeExpr, sch: bool) -> OutType {
        self.aliased.clear();
        self.visited_rows.clear();
        self.mark_loops(t, &mut Vec::new());
        self.tree(t, sch)
    }

    fn tree(&mut self, t: TypeExpr, sch: bool) -> OutType {
        let t = repr(t);
        let is_var = matches!(desc(t), TypeDesc::Var(_) | TypeDesc::Univar(_));
        if !is_var {
            if let Some((_, n)) = self.names.iter().find(|(x, _)| *x == t) {
                return OutType::Var(false, n.clone());
            }
            if self.aliased.contains(&t) {
                let name = self.name_of(t);
                let inner = self.tree_inner(t, sch);
                return OutType::Alias(Box::new(inner), name);
            }
        }
        self.tree_inner(t, sch)
    }

    fn tree_of_row(&mut self, t: TypeExpr, row: &Row, sch: bool) -> OutType {
        let present: Vec<String> =
            row.fields.iter().filter(|(_, f)| matches!(f, RowField::Present(_))).map(|(l, _)| l.to_string()).collect();
        let all_present = present.len() == row.fields.len();
        let weak = sch && level(t) != GENERIC_LEVEL && !(row.closed && all_present);
        let present = if all_present { None } else { Some(present) };
        if let Some((p, args)) = &row.name {
            if namable_row(row) {
                let named = self.tree_of_constr(p, args, sch);
                if row.closed && all_present {
                    return named;
                }
                return OutType::Variant { weak, fields: OutRowFields::Named(Box::new(named)), closed: row.closed, present };
            }
        }
        let fields = row
            .fields
            .iter()
            .map(|(l, f)| match f {
                RowField::Present(None) => (l.to_string(), false, vec![]),
                RowField::Present(Some(a)) => (l.to_string(), false, vec![self.tree(*a, sch)]),
                RowField::Either(c, ts, _) => {
                    (l.to_string(), *c && !ts.is_empty(), ts.iter().map(|a| self.tree(*a, sch)).collect())
                }
            })
            .collect();
        OutType::Variant { weak, fields: OutRowFields::Fields(fields), closed: row.closed, present }
    }

    /// `p args`, under the name `-short-paths` chooses when it is on.
    fn tree_of_constr(&mut self, p: &Path, args: &[TypeExpr], sch: bool) -> OutType {
        let Some((name, map)) = short_paths::best_type_path(p) else {
            return OutType::Constr(type_path_name(p), args.iter().map(|t| self.tree(*t, sch)).collect());
        };
        let args: Vec<TypeExpr> = match map {
            ArgMap::Same => args.to_vec(),
            ArgMap::Pick(ix) => ix.iter().filter_map(|i| args.get(*i).copied()).collect(),
            ArgMap::Nth(n) => match args.get(n) {
                Some(a) => return self.tree(*a, sch),
                None => args.to_vec(),
            },
        };
        OutType::Constr(name, args.iter().map(|t| self.tree(*t, sch)).collect())
    }

    fn tree_inner(&mut self, t: TypeExpr, sch: bool) -> OutType {
        match desc(t) {
            TypeDesc::Variant(row) => self.tree_of_row(t, &row, sch),
            TypeDesc::Object(m) if !m.closed && class_row(t).is_some() => {
                let (name, args) = class_row(t).unwrap_or_default();
                OutType::Constr(name, args.iter().map(|a| self.tree(*a, sch)).collect())
            }
            TypeDesc::Object(m) => {
                let fields = m.fields.iter().map(|(l, ft)| (l.to_string(), self.tree(*ft, sch))).collect();
                let rest = (!m.closed).then(|| sch && level(t) != GENERIC_LEVEL);
                OutType::Object { fields, rest }
            }
            TypeDesc::Var(_) => {
                let weak = sch && level(t) != GENERIC_LEVEL;
                if weak {
                    OutType::Var(true, self.weak_name(t))
                } else {
                    OutType::Var(false, self.name_of(t))
                }
            }
            TypeDesc::Univar(_) => OutType::Var(false, self.name_of(t)),
            TypeDesc::Arrow(l, a, b) => {
                let a_out = if l.is_optional() {
                    match desc(a) {
                        TypeDesc::Constr(p, args) if p == predef::path_option() && args.len() == 1 => self.tree(args[0], sch),
                        _ => OutType::Stuff("<hidden>".into()),
                    }
                } else {
                    self.tree(a, sch)
                };
                let b_out = self.tree(b, sch);
                OutType::Arrow(l.printed(), Box::new(a_out), Box::new(b_out))
            }
            TypeDesc::Tuple(ts) => OutType::Tuple(ts.iter().map(|t| self.tree(*t, sch)).collect()),
            TypeDesc::Constr(p, args) => self.tree_of_constr(&p, &args, sch),
            TypeDesc::Poly(b, vs) => {
                if vs.is_empty() {
                    self.tree(b, sch)
                } else {
                    let names = vs.iter().map(|v| self.name_of(*v)).collect();
                    let body = self.tree(b, sch);
                    // The bound variables' names are free again after the type.
                    let bound: Vec<TypeExpr> = vs.iter().map(|v| repr(*v)).collect();
                    self.names.retain(|(x, _)| !bound.contains(x));
                    OutType::Poly(names, Box::new(body))
                }
            }
            TypeDesc::Package(p, ns, ts) => {
                let cstrs: Vec<String> = ns
                    .iter()
                    .zip(ts.iter())
                    .map(|(n, t)| format!("type {} = {}", n, type_to_string_out(&self.tree(*t, sch))))
                    .collect();
                let with = if cstrs.is_empty() { String::new() } else { format!(" with {}", cstrs.join(" and ")) };
                OutType::Stuff(format!("(module {}{})", path_name(&p), with))
            }
            TypeDesc::Link(x) | TypeDesc::Subst(x) => self.tree(x, sch),
        }
    }
}

/// Can the row print as its abbreviation (`[< t ]`)? Not when a tag's argument types are
/// a conjunction.
fn namable_row(row: &Row) -> bool {
    row.name.is_some()
        && row.fields.iter().all(|(_, f)| match f {
            RowField::Either(c, ts, _) => row.closed && if *c { ts.is_empty() } else { ts.len() == 1 },
            RowField::Present(_) => true,
        })
}

/// How OCaml prints a path: `Stdlib__List.t` and `Stdlib.List.t` print as `List.t`.
pub fn path_name(p: &Path) -> String {
    match p {
        Path::Pident(id) => {
            let n = id.name();
            if id.is_global() {
                if let Some(rest) = n.strip_prefix("Stdlib__") {
                    return rest.to_string();
                }
            }
            n.to_string()
        }
        Path::Pdot(q, s) => {
            if let Path::Pident(id) = &**q {
                if (id.is_global() && id.name() == "Stdlib") || id.name() == super::typecore::OPENED_STRUCT {
                    return s.to_string();
                }
            }
            format!("{}.{}", path_name(q), s)
        }
        Path::Papply(a, b) => format!("{}({})", path_name(a), path_name(b)),
    }
}

pub fn type_path_name(p: &Path) -> String {
    path_name(p)
}

/// A type alone, as in an error message (fresh names).
pub fn type_to_string(t: TypeExpr) -> String {
    let mut n = Names::new();
    type_expr_to_string(&mut n, t)
}

pub fn type_expr_to_string(n: &mut Names, t: TypeExpr) -> String {
    type_to_string_out(&n.tree_of_type(t, false))
}

fn type_to_string_out(t: &OutType) -> String {
    super::outcome::type_to_string(t)
}

/// A type scheme (weak variables shown as such).
pub fn scheme_to_string(t: TypeExpr) -> String {
    let mut n = Names::new();
    n.add_named_vars(t);
    type_to_string_out(&n.tree_of_type(t, true))
}

// ---------------------------------------------------------------------------------------------
// Signature items

fn out_rec(rs: RecStatus) -> OutRec {
    match rs {
        RecStatus::NotRec => OutRec::NotRec,
        RecStatus::First => OutRec::First,
        RecStatus::Next => OutRec::Next,
    }
}

fn tree_of_label(n: &mut Names, l: &LabelDeclaration) -> OutLabel {
    OutLabel { name: l.id.name().to_string(), mutable: l.mutable, ty: n.tree_of_type(l.ty, false) }
}

fn tree_of_args(n: &mut Names, a: &ConstructorArgs) -> Vec<OutType> {
    match a {
        ConstructorArgs::Tuple(ts) => ts.iter().map(|t| n.tree_of_type(*t, false)).collect(),
        ConstructorArgs::Record(ls) => vec![OutType::Record(ls.iter().map(|l| tree_of_label(n, l)).collect())],
    }
}

fn tree_of_constructor(n: &mut Names, c: &ConstructorDeclaration) -> OutConstructor {
    // A GADT constructor's variables are its own: named afresh, from its own names.
    let mut own = Names::new();
    let n = if c.res.is_some() { &mut own } else { n };
    let args = tree_of_args(n, &c.args);
    let ret = c.res.map(|r| n.tree_of_type(r, false));
    OutConstructor { name: c.id.name().to_string(), args, ret }
}

pub fn tree_of_type_decl(name: &str, d: &TypeDeclaration) -> OutTypeDecl {
    let mut n = Names::new();
    for p in &d.params {
        n.add_named_vars(*p);
    }
    let abstr = matches!(d.kind, TypeKind::Abstract) && d.manifest.is_none();
    let gadt = matches!(&d.kind, TypeKind::Variant(cs) if cs.iter().any(|c| c.res.is_some()));
    let params = d
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let pname = match desc(*p) {
                // `type _ t = ...`: an anonymous parameter of a GADT.
                TypeDesc::Var(None) if gadt => "_".to_string(),
                TypeDesc::Var(_) => format!("'{}", n.name_of(*p)),
                _ => type_to_string_out(&n.tree_of_type(*p, false)),
            };
            let var = match d.variance.get(i) {
                Some((true, false)) if abstr => "+",
                Some((false, true)) if abstr => "-",
                _ => "",
            };
            let inj = if abstr && d.injective.get(i) == Some(&true) { "!" } else { "" };
            (pname, format!("{}{}", var, inj))
        })
        .collect();
    let manifest_tree = d.manifest.map(|m| n.tree_of_type(m, false));
    let (manifest, kind) = match &d.kind {
        TypeKind::Abstract => (None, manifest_tree.map(OutTypeKind::Alias).unwrap_or(OutTypeKind::Abstract)),
        TypeKind::Variant(cs) => (manifest_tree, OutTypeKind::Variant(cs.iter().map(|c| tree_of_constructor(&mut n, c)).collect())),
        TypeKind::Record(ls, _) => (manifest_tree, OutTypeKind::Record(ls.iter().map(|l| tree_of_label(&mut n, l)).collect())),
        TypeKind::Open => (manifest_tree, OutTypeKind::Open),
    };
    OutTypeDecl {
        name: name.to_string(),
        params,
        manifest,
        kind,
        private: d.private,
        constraints: vec![],
        unboxed: d.unboxed,
        immediate: false,
    }
}

pub fn tree_of_extension(name: &str, e: &ExtensionConstructor) -> OutConstructor {
    let mut n = Names::new();
    let args = tree_of_args(&mut n, &e.args);
    let ret = e.ret_type.map(|r| n.tree_of_type(r, false));
    OutConstructor { name: name.to_string(), args, ret }
}

pub fn tree_of_modtype(m: &ModuleType) -> OutModuleType {
    match m {
        ModuleType::Ident(p) => OutModuleType::Ident(path_name(p)),
        ModuleType::Alias(p) => OutModuleType::Alias(path_name(p)),
        ModuleType::Signature(sg) => OutModuleType::Signature(short_paths::scoped(|| tree_of_signature(sg))),
        ModuleType::Functor(param, res) => OutModuleType::Functor(
            param.as_ref().map(|(id, mt)| (id.name().to_string(), Box::new(tree_of_modtype(mt)))),
            Box::new(tree_of_modtype(res)),
        ),
    }
}

/// `class c : ...` / `class type c = ...` from its hidden value.
fn tree_of_class(name: &str, c: &ClassInfo) -> OutSigItem {
    use super::outcome::{OutClass, OutClassBody};
    let mut n = Names::new();
    let (params, ctor, var_tys, meth_tys) = ClassInfo::parts(c.sig_ty).unwrap_or((vec![], c.sig_ty, vec![], vec![]));
    n.add_named_vars(c.sig_ty);
    // A parameter constrained to a type prints as a variable with a `constraint`.
    let mut constraints = Vec::new();
    let params: Vec<String> = params
        .iter()
        .map(|p| {
            if matches!(desc(repr(*p)), TypeDesc::Var(_)) {
                type_to_string_out(&n.tree_of_type(*p, true))
            } else {
                let rhs = n.tree_of_type(*p, true);
                let v = n.name_of(*p);
                constraints.push((OutType::Var(false, v.clone()), rhs));
                format!("'{}", v)
            }
        })
        .collect();
    // The type of self, named when a method's type mentions it.
    let obj = {
        let mut t = repr(ctor);
        while let TypeDesc::Arrow(_, _, r) = desc(t) {
            t = repr(r);
        }
        t
    };
    let mentions = var_tys.iter().chain(meth_tys.iter()).any(|t| {
        let mut found = false;
        walk_nodes(*t, |x, _| {
            if repr(x) == obj {
                found = true;
            }
            Walk::Descend
        });
        found
    });
    let self_ty = (mentions && c.printed_as.is_none()).then(|| OutType::Var(false, n.name_of(obj)));
    let mut args = Vec::new();
    if c.has_params {
        let mut t = n.tree_of_type(ctor, true);
        while let OutType::Arrow(lab, a, b) = t {
            args.push((lab, *a));
            t = *b;
        }
    }
    let body = match &c.printed_as {
        Some(p) => OutClassBody::Name(p.to_string()),
        None => {
            let mut vars: Vec<_> = c.vars.iter().zip(var_tys.iter()).map(|((v, m, vi), t)| (v.to_string(), *m, *vi, n.tree_of_type(*t, true))).collect();
            vars.sort_by(|a, b| a.0.cmp(&b.0));
            let mut methods: Vec<_> = c.methods.iter().zip(meth_tys.iter()).map(|((v, p, vi), t)| {
                // A monomorphic method's type, without its `Poly` node (which self's type
                // would otherwise print as an alias).
                let t = match desc(repr(*t)) {
                    TypeDesc::Poly(b, vs) if vs.is_empty() => b,
                    _ => *t,
                };
                (v.to_string(), *p, *vi, n.tree_of_type(t, true))
            })
            .collect();
            methods.sort_by(|a, b| a.0.cmp(&b.0));
            OutClassBody::Sig { self_ty, constraints, vars, methods }
        }
    };
    OutSigItem::Class(OutClass { is_type: c.is_type, virt: c.virt, params, name: name.to_string(), args, body })
}

/// The name of the class a hidden class value stands for.
fn class_name(name: &str) -> Option<&str> {
    name.strip_prefix("new ").or_else(|| name.strip_prefix("class type "))
}

/// Whether an item is only the type abbreviation of a class or class type declared in `sg`
/// (printed with the class, not on its own).
pub fn is_class_abbrev(sg: &[SignatureItem], item: &SignatureItem) -> bool {
    let SignatureItem::Type(id, _, _) = item else { return false };
    sg.iter().any(|it| matches!(it, SignatureItem::Value(v, vd) if matches!(vd.kind, ValueKind::Class(_)) && class_name(v.name()) == Some(id.name())))
}

pub fn tree_of_sig_item(item: &SignatureItem) -> OutSigItem {
    match item {
        SignatureItem::Value(id, vd) if matches!(vd.kind, ValueKind::Class(_)) => {
            let ValueKind::Class(c) = &vd.kind else { unreachable!() };
            tree_of_class(class_name(id.name()).unwrap_or(id.name()), c)
        }
        SignatureItem::Value(id, vd) => {
            let mut n = Names::new();
            n.add_named_vars(vd.ty);
            let ty = n.tree_of_type(vd.ty, true);
            let prims = match &vd.kind {
                ValueKind::Primitive(p) => p.written.iter().map(|s| s.to_string()).collect(),
                ValueKind::Regular | ValueKind::Class(_) => vec![],
            };
            OutSigItem::Value { name: id.name().to_string(), ty, prims }
        }
        SignatureItem::Type(id, d, rs) => {
            let decl = || tree_of_type_decl(id.name(), d);
            let tree = if *rs == RecStatus::First { short_paths::hiding(id.name(), decl) } else { decl() };
            OutSigItem::Type(tree, out_rec(*rs))
        }
        SignatureItem::TypeExt(id, e, st) => {
            let c = tree_of_extension(id.name(), e);
            match st {
                ExtStatus::Exception => OutSigItem::Exception(c),
                _ => {
                    let mut n = Names::new();
                    let type_params = e.type_params.iter().map(|p| type_to_string_out(&n.tree_of_type(*p, false))).collect();
                    OutSigItem::TypeExt { type_name: path_name(&e.type_path), type_params, constructor: c, private: e.private }
                }
            }
        }
        SignatureItem::Module(id, md, rs) => OutSigItem::Module(id.name().to_string(), tree_of_modtype(&md.mty), out_rec(*rs)),
        SignatureItem::ModType(id, mtd) => OutSigItem::ModType(id.name().to_string(), mtd.mty.as_ref().map(tree_of_modtype)),
    }
}

/// The items of a signature; with `-short-paths`, each item's names serve the next items.
pub fn tree_of_signature(sg: &Signature) -> Vec<OutSigItem> {
    sg.iter()
        .filter(|item| !is_class_abbrev(sg, item))
        .map(|item| {
            let tree = tree_of_sig_item(item);
            short_paths::add_item(item);
            tree
        })
        .collect()
}

/// The signature as `ocamlc -i` prints it.
pub fn signature_to_string(sg: &Signature) -> String {
    super::outcome::signature_to_string(&tree_of_signature(sg))
}

pub fn name_rc(s: &str) -> Rc<str> {
    Rc::from(s)
}
