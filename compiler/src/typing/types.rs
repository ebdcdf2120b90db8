//! Type expressions and declarations, as the type checker represents them.
//!
//! Type expressions live in a per-thread arena and are mutated in place by unification
//! (union-find through `Link`), exactly as OCaml's `Types` does. A `TypeExpr` is an index.
//! Every mutation goes through this module so that it can be recorded on a trail and undone
//! (`snapshot` / `backtrack`), which the typer uses for speculative unifications.

use super::ident::Ident;
use super::loc::Location;
use super::path::Path;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub const GENERIC_LEVEL: i32 = 100_000_000;
pub const LOWEST_LEVEL: i32 = 0;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct TypeExpr(u32);

impl TypeExpr {
    pub fn index(self) -> u32 {
        self.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ArgLabel {
    Nolabel,
    Labelled(Rc<str>),
    Optional(Rc<str>),
}

impl ArgLabel {
    pub fn is_optional(&self) -> bool {
        matches!(self, ArgLabel::Optional(_))
    }
    /// The bare name ("" for no label).
    pub fn name(&self) -> &str {
        match self {
            ArgLabel::Nolabel => "",
            ArgLabel::Labelled(s) | ArgLabel::Optional(s) => s,
        }
    }
    /// As OCaml prints it in front of a type: `x:` or `?x:` (without the colon).
    pub fn printed(&self) -> String {
        match self {
            ArgLabel::Nolabel => String::new(),
            ArgLabel::Labelled(s) => s.to_string(),
            ArgLabel::Optional(s) => format!("?{}", s),
        }
    }
}

#[derive(Clone, Debug)]
pub enum TypeDesc {
    /// A type variable, with the name the user gave it, if any.
    Var(Option<Rc<str>>),
    Arrow(ArgLabel, TypeExpr, TypeExpr),
    Tuple(Rc<[TypeExpr]>),
    Constr(Path, Rc<[TypeExpr]>),
    /// Indirection made by unification.
    Link(TypeExpr),
    /// Temporary mark used while copying.
    Subst(TypeExpr),
    /// A universally quantified variable of a `Poly`.
    Univar(Option<Rc<str>>),
    /// `'a 'b. t` (the list may be empty for monomorphic method-like fields).
    Poly(TypeExpr, Rc<[TypeExpr]>),
    /// A first-class module type `(module S with type t = T ...)`: the module type's path, the
    /// constrained type names (sorted) and their types.
    Package(Path, Rc<[Rc<str>]>, Rc<[TypeExpr]>),
    /// A polymorphic variant type. The node itself plays the part of OCaml's row variable:
    /// unifying two rows replaces both nodes by (a link to) their merge, so sharing a row
    /// means sharing the node.
    Variant(Rc<Row>),
    /// An object type `< m : t; .. >`. As for `Variant`, the node itself is the row variable
    /// of an open object type: unifying two of them replaces both by their merge.
    Object(Rc<Methods>),
}

/// The methods of an object type, sorted by name. Each method's type is a `Poly` (with no
/// variables for a monomorphic method), as OCaml keeps them.
#[derive(Clone, Debug)]
pub struct Methods {
    pub fields: Vec<(Rc<str>, TypeExpr)>,
    /// No other method may be added (`< m : int >`, not `< m : int; .. >`).
    pub closed: bool,
}

impl Methods {
    pub fn field(&self, name: &str) -> Option<TypeExpr> {
        self.fields.iter().find(|(l, _)| &**l == name).map(|(_, t)| *t)
    }

    pub fn map_types(&self, mut f: impl FnMut(TypeExpr) -> TypeExpr) -> Methods {
        Methods { fields: self.fields.iter().map(|(l, t)| (l.clone(), f(*t))).collect(), closed: self.closed }
    }
}

/// The fields of a polymorphic variant type, sorted by tag name.
#[derive(Clone, Debug)]
pub struct Row {
    pub fields: Vec<(Rc<str>, RowField)>,
    /// No tag other than `fields` may be added (`[ ..]` and `[< ..]`).
    pub closed: bool,
    /// The abbreviation the row comes from (`#t`, `[< t ]`), kept for printing only.
    pub name: Option<(Path, Rc<[TypeExpr]>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RowField {
    /// The tag is certainly a possible value, with its argument type if any.
    Present(Option<TypeExpr>),
    /// The tag may be present (upper bound of a closed row, or a tag seen in a pattern):
    /// whether it may be constant, the types its argument must have (a conjunction), and
    /// whether a pattern matched it (then it cannot be dropped by unification).
    Either(bool, Rc<[TypeExpr]>, bool),
}

impl Row {
    pub fn field(&self, tag: &str) -> Option<&RowField> {
        self.fields.iter().find(|(l, _)| &**l == tag).map(|(_, f)| f)
    }

    /// A row whose set of tags cannot change: closed with every tag present.
    pub fn is_static(&self) -> bool {
        self.closed && self.fields.iter().all(|(_, f)| matches!(f, RowField::Present(_)))
    }

    /// Every type mentioned by the fields (and the name's arguments).
    pub fn types(&self) -> Vec<TypeExpr> {
        let mut v = Vec::new();
        for (_, f) in &self.fields {
            match f {
                RowField::Present(Some(t)) => v.push(*t),
                RowField::Present(None) => {}
                RowField::Either(_, ts, _) => v.extend(ts.iter().copied()),
            }
        }
        if let Some((_, args)) = &self.name {
            v.extend(args.iter().copied());
        }
        v
    }

    /// The same row with every type replaced by `f` of it.
    pub fn map_types(&self, mut f: impl FnMut(TypeExpr) -> TypeExpr) -> Row {
        let fields = self
            .fields
            .iter()
            .map(|(l, fd)| {
                let fd = match fd {
                    RowField::Present(t) => RowField::Present(t.map(&mut f)),
                    RowField::Either(c, ts, m) => RowField::Either(*c, ts.iter().map(|t| f(*t)).collect(), *m),
                };
                (l.clone(), fd)
            })
            .collect();
        let name = self.name.as_ref().map(|(p, args)| (p.clone(), args.iter().map(|t| f(*t)).collect()));
        Row { fields, closed: self.closed, name }
    }
}

pub fn set_row_var_name(t: TypeExpr, name: Rc<str>) {
    let t = repr(t);
    ROW_NAMES.with(|m| m.borrow_mut().insert(t.0, name));
}

pub fn set_row_fixed(t: TypeExpr) {
    let t = repr(t);
    FIXED_ROWS.with(|m| m.borrow_mut().insert(t.0));
}

pub fn row_fixed(t: TypeExpr) -> bool {
    let t = repr(t);
    FIXED_ROWS.with(|m| m.borrow().contains(&t.0))
}

pub fn row_var_name(t: TypeExpr) -> Option<Rc<str>> {
    let t = repr(t);
    ROW_NAMES.with(|m| m.borrow().get(&t.0).cloned())
}

/// OCaml's hash of a variant tag (the immediate value of `` `A ``, field 0 of `` `A x``):
/// `h = 223 * h + byte` over the name, kept to 31 bits, then sign-extended from bit 30.
pub fn hash_variant(tag: &str) -> i64 {
    let mut h: i64 = 0;
    for b in tag.bytes() {
        h = h.wrapping_mul(223).wrapping_add(b as i64);
    }
    h &= (1 << 31) - 1;
    if h > 0x3FFF_FFFF {
        h - (1 << 31)
    } else {
        h
    }
}

#[derive(Clone, Debug)]
struct Node {
    desc: TypeDesc,
    level: i32,
    scope: i32,
    mark: u32,
}

#[derive(Default)]
struct Store {
    nodes: Vec<Node>,
    /// Undo log: (index, old node) while a snapshot is active.
    trail: Vec<(u32, Node)>,
    snapshots: usize,
    /// Number of nodes when each active snapshot was taken: nodes created since the innermost
    /// one need no undo record.
    bases: Vec<usize>,
}

thread_local! {
    /// Names the user gave to rows (`[> `A ] as 'r`), for printing: OCaml names the row
    /// variable; here the row node stands for it.
    static ROW_NAMES: RefCell<rustc_hash::FxHashMap<u32, Rc<str>>> = RefCell::new(Default::default());
    /// Rows that unification must not change (the rows of a signature's type when checking
    /// that an implementation is more general): OCaml's fixed rows.
    static FIXED_ROWS: RefCell<rustc_hash::FxHashSet<u32>> = RefCell::new(Default::default());
    static STORE: RefCell<Store> = RefCell::new(Store::default());
    static MARK_EPOCH: Cell<u32> = const { Cell::new(1) };
}

pub fn new_ty(desc: TypeDesc, level: i32) -> TypeExpr {
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        let i = s.nodes.len() as u32;
        s.nodes.push(Node { desc, level, scope: LOWEST_LEVEL, mark: 0 });
        TypeExpr(i)
    })
}

/// Appends `n` nodes that may refer to each other in any order (a decoded signature's type
/// graph, cycles included): `build` gets their handles and returns each one's (description,
/// level, scope). On error the nodes stay, as unused variables.
pub fn new_graph<E>(n: usize, build: impl FnOnce(&[TypeExpr]) -> Result<Vec<(TypeDesc, i32, i32)>, E>) -> Result<Vec<TypeExpr>, E> {
    let handles: Vec<TypeExpr> = STORE.with(|s| {
        let mut s = s.borrow_mut();
        let first = s.nodes.len() as u32;
        s.nodes.extend((0..n).map(|_| Node { desc: TypeDesc::Var(None), level: GENERIC_LEVEL, scope: LOWEST_LEVEL, mark: 0 }));
        (0..n as u32).map(|i| TypeExpr(first + i)).collect()
    });
    let nodes = build(&handles)?;
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        // New nodes: no snapshot can need their old contents.
        for (t, (desc, level, scope)) in handles.iter().zip(nodes) {
            s.nodes[t.0 as usize] = Node { desc, level, scope, mark: 0 };
        }
    });
    Ok(handles)
}

/// The handle the next node made will get (nodes are numbered in the order they are made).
pub fn next_node_index() -> u32 {
    STORE.with(|s| s.borrow().nodes.len() as u32)
}

pub fn new_generic(desc: TypeDesc) -> TypeExpr {
    new_ty(desc, GENERIC_LEVEL)
}

/// Follow links to the representative.
pub fn repr(mut t: TypeExpr) -> TypeExpr {
    STORE.with(|s| {
        let s = s.borrow();
        while let TypeDesc::Link(t2) = &s.nodes[t.0 as usize].desc {
            t = *t2;
        }
        t
    })
}

/// The description of the representative (links followed).
pub fn desc(t: TypeExpr) -> TypeDesc {
    let t = repr(t);
    STORE.with(|s| s.borrow().nodes[t.0 as usize].desc.clone())
}

/// The raw description, without following links.
pub fn raw_desc(t: TypeExpr) -> TypeDesc {
    STORE.with(|s| s.borrow().nodes[t.0 as usize].desc.clone())
}

pub fn level(t: TypeExpr) -> i32 {
    let t = repr(t);
    STORE.with(|s| s.borrow().nodes[t.0 as usize].level)
}

pub fn scope(t: TypeExpr) -> i32 {
    let t = repr(t);
    STORE.with(|s| s.borrow().nodes[t.0 as usize].scope)
}

fn modify(t: TypeExpr, f: impl FnOnce(&mut Node)) {
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        if s.snapshots > 0 && (t.0 as usize) < s.bases.last().copied().unwrap_or(usize::MAX) {
            let old = s.nodes[t.0 as usize].clone();
            s.trail.push((t.0, old));
        }
        f(&mut s.nodes[t.0 as usize])
    })
}

pub fn set_level(t: TypeExpr, l: i32) {
    let t = repr(t);
    modify(t, |n| n.level = l)
}

pub fn set_scope(t: TypeExpr, sc: i32) {
    let t = repr(t);
    modify(t, |n| n.scope = sc)
}

/// Replace the description of `t` itself (not of its representative).
pub fn set_desc(t: TypeExpr, d: TypeDesc) {
    modify(t, |n| n.desc = d)
}

/// Make `t` (a representative) an alias of `target`.
pub fn link(t: TypeExpr, target: TypeExpr) {
    let t = repr(t);
    if t != repr(target) {
        modify(t, |n| n.desc = TypeDesc::Link(target))
    }
}

pub fn is_var(t: TypeExpr) -> bool {
    matches!(desc(t), TypeDesc::Var(_))
}

/// A snapshot of the type store; `backtrack` undoes every mutation made since.
pub struct Snapshot {
    trail_len: usize,
}

pub fn snapshot() -> Snapshot {
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        s.snapshots += 1;
        let n = s.nodes.len();
        s.bases.push(n);
        Snapshot { trail_len: s.trail.len() }
    })
}

pub fn backtrack(snap: Snapshot) {
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        while s.trail.len() > snap.trail_len {
            if let Some((i, node)) = s.trail.pop() {
                s.nodes[i as usize] = node;
            }
        }
        s.snapshots -= 1;
        s.bases.pop();
        if s.snapshots == 0 {
            s.trail.clear();
        }
    })
}

/// Keep the changes made since the snapshot.
pub fn commit(snap: Snapshot) {
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        s.snapshots -= 1;
        s.bases.pop();
        if s.snapshots == 0 {
            s.trail.clear();
        } else {
            let _ = snap;
        }
    })
}

/// A fresh mark epoch for traversals ("visited" flags without clearing).
pub fn new_mark() -> u32 {
    MARK_EPOCH.with(|e| {
        let v = e.get() + 1;
        e.set(v);
        v
    })
}

/// Marks the representative of `t` with `m`; returns false if it already was.
pub fn try_mark(t: TypeExpr, m: u32) -> bool {
    let t = repr(t);
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        let n = &mut s.nodes[t.0 as usize];
        if n.mark == m {
            false
        } else {
            n.mark = m;
            true
        }
    })
}

/// Children of a type node, in OCaml's traversal order.
pub fn children(d: &TypeDesc) -> Vec<TypeExpr> {
    match d {
        TypeDesc::Var(_) | TypeDesc::Univar(_) => vec![],
        TypeDesc::Arrow(_, a, b) => vec![*a, *b],
        TypeDesc::Tuple(ts) => ts.to_vec(),
        TypeDesc::Constr(_, ts) | TypeDesc::Package(_, _, ts) => ts.to_vec(),
        TypeDesc::Link(t) | TypeDesc::Subst(t) => vec![*t],
        TypeDesc::Poly(t, vs) => {
            let mut v = vec![*t];
            v.extend(vs.iter().copied());
            v
        }
        TypeDesc::Variant(row) => row.types(),
        TypeDesc::Object(m) => m.fields.iter().map(|(_, t)| *t).collect(),
    }
}

/// What a walk over a type graph does after visiting a node.
pub enum Walk {
    /// Go on into the node's children.
    Descend,
    /// Leave its children out.
    Skip,
    /// End the walk.
    Stop,
}

/// Visits each node reachable from `t` once (links followed, cycles cut by a fresh mark); `f`
/// decides whether to descend. Returns true when `f` stopped the walk.
pub fn walk_nodes(t: TypeExpr, mut f: impl FnMut(TypeExpr, &TypeDesc) -> Walk) -> bool {
    let m = new_mark();
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        let t = repr(t);
        if !try_mark(t, m) {
            continue;
        }
        let d = desc(t);
        match f(t, &d) {
            Walk::Descend => stack.extend(children(&d)),
            Walk::Skip => {}
            Walk::Stop => return true,
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Declarations

#[derive(Clone, Debug)]
pub struct Primitive {
    pub name: Rc<str>,
    pub arity: usize,
    pub alloc: bool,
    pub native_name: Rc<str>,
    /// The strings as written in the declaration, for printing `external f : t = "a" "b"`.
    pub written: Vec<Rc<str>>,
}

#[derive(Clone, Debug)]
pub enum ValueKind {
    Regular,
    Primitive(Rc<Primitive>),
    /// The hidden value that stands for a class (`new c`, named `new c`: its constructor) or a
    /// class type (named `class type c`, no runtime value).
    Class(Rc<ClassInfo>),
}

/// What the type checker and the printer know of a class or class type. The types of its
/// parameters, constructor, instance variables and methods live in one tuple type (`sig_ty`) so
/// that they share their variables through copies, substitution and serialization.
#[derive(Clone, Debug)]
pub struct ClassInfo {
    /// A class type (`class type ct = ...`): no constructor, no runtime value.
    pub is_type: bool,
    pub virt: bool,
    /// `(params, constructor, (instance variable types), (method types))`; the constructor's
    /// type ends with the type of the objects (a function of `unit` for a class without
    /// parameters, see `has_params`).
    pub sig_ty: TypeExpr,
    pub has_params: bool,
    /// Instance variables: name, mutable, virtual.
    pub vars: Vec<(Rc<str>, bool, bool)>,
    /// Methods: name, private, virtual.
    pub methods: Vec<(Rc<str>, bool, bool)>,
    /// `class c : ct = ...`: printed as that class type's name.
    pub printed_as: Option<Rc<str>>,
    /// The definition, re-typed where the class is inherited (not kept in interface files).
    pub decl: Option<Rc<crate::parsing::parsetree::ClassExpr>>,
}

impl ClassInfo {
    /// The parts of `sig_ty`: parameters, constructor, variable types, method types.
    pub fn parts(sig_ty: TypeExpr) -> Option<(Vec<TypeExpr>, TypeExpr, Vec<TypeExpr>, Vec<TypeExpr>)> {
        let TypeDesc::Tuple(ts) = desc(sig_ty) else { return None };
        let list = |t: TypeExpr| match desc(t) {
            TypeDesc::Tuple(xs) => Some(xs.to_vec()),
            _ => None,
        };
        if ts.len() != 4 {
            return None;
        }
        Some((list(ts[0])?, ts[1], list(ts[2])?, list(ts[3])?))
    }
}

#[derive(Clone, Debug)]
pub struct ValueDescription {
    pub ty: TypeExpr,
    pub kind: ValueKind,
    pub loc: Location,
    /// `[@@deprecated "message"]`: uses raise OCaml's `deprecated` alert with the message.
    pub deprecated: Option<Rc<str>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordRepr {
    /// A block with tag 0, one field per label.
    Regular,
    /// All fields are floats: a flat float array (Double_array_tag).
    Float,
    /// `[@@unboxed]` single field.
    Unboxed,
    /// An inline record of a constructor; the block's tag is the constructor's.
    Inlined { tag: usize },
    /// An inline record of an extension constructor (field 0 is the constructor).
    Extension,
}

#[derive(Clone, Debug)]
pub struct LabelDeclaration {
    pub id: Ident,
    pub mutable: bool,
    pub ty: TypeExpr,
    pub loc: Location,
}

#[derive(Clone, Debug)]
pub enum ConstructorArgs {
    Tuple(Vec<TypeExpr>),
    Record(Vec<LabelDeclaration>),
}

impl ConstructorArgs {
    pub fn is_empty(&self) -> bool {
        matches!(self, ConstructorArgs::Tuple(v) if v.is_empty())
    }
}

#[derive(Clone, Debug)]
pub struct ConstructorDeclaration {
    pub id: Ident,
    pub args: ConstructorArgs,
    pub res: Option<TypeExpr>,
    pub loc: Location,
}

#[derive(Clone, Debug)]
pub enum TypeKind {
    Abstract,
    Variant(Vec<ConstructorDeclaration>),
    Record(Vec<LabelDeclaration>, RecordRepr),
    Open,
}

#[derive(Clone, Debug)]
pub struct TypeDeclaration {
    pub params: Vec<TypeExpr>,
    pub arity: usize,
    pub kind: TypeKind,
    pub private: bool,
    pub manifest: Option<TypeExpr>,
    /// Per parameter: (may be covariant, may be contravariant).
    pub variance: Vec<(bool, bool)>,
    /// Per parameter: declared injective (`!'a`); printed on abstract types.
    pub injective: Vec<bool>,
    pub is_newtype: bool,
    pub unboxed: bool,
    pub immediate: bool,
    pub loc: Location,
}

impl TypeDeclaration {
    /// An abstract type with these parameters (each with the given variance), no manifest.
    pub fn abstract_type(params: Vec<TypeExpr>, variance: Vec<(bool, bool)>, loc: Location) -> TypeDeclaration {
        TypeDeclaration {
            arity: params.len(),
            params,
            kind: TypeKind::Abstract,
            private: false,
            manifest: None,
            variance,
            injective: vec![],
            is_newtype: false,
            unboxed: false,
            immediate: false,
            loc,
        }
    }
}

#[derive(Clone, Debug)]
pub struct ExtensionConstructor {
    pub type_path: Path,
    pub type_params: Vec<TypeExpr>,
    pub args: ConstructorArgs,
    pub ret_type: Option<TypeExpr>,
    pub private: bool,
    pub loc: Location,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConstructorTag {
    /// Constant constructor of a variant: its immediate integer.
    Constant(usize),
    /// Non-constant constructor: the block tag.
    Block(usize),
    /// The only constructor of an `[@@unboxed]` type.
    Unboxed,
    /// An extension constructor (exceptions included): identified by its path at run time.
    Extension(Path),
}

/// Everything needed to type and compile a use of a constructor, resolved from the env.
#[derive(Clone, Debug)]
pub struct ConstructorDescription {
    pub name: Rc<str>,
    /// Result type (generic level, shares variables with `args`).
    pub res: TypeExpr,
    pub existentials: Vec<TypeExpr>,
    pub args: Vec<TypeExpr>,
    pub arity: usize,
    pub tag: ConstructorTag,
    /// Number of constant / non-constant constructors of the type.
    pub consts: usize,
    pub nonconsts: usize,
    /// GADT constructor (has an explicit return type).
    pub generalized: bool,
    pub private: bool,
    pub loc: Location,
    /// The labels of the inline record argument, if the argument is an inline record.
    pub inline_record: Option<Rc<[Rc<LabelDescription>]>>,
    /// The type the constructor belongs to.
    pub type_path: Path,
}

/// Everything needed to type and compile a use of a record field.
#[derive(Clone, Debug)]
pub struct LabelDescription {
    pub name: Rc<str>,
    /// The record type (generic level).
    pub res: TypeExpr,
    /// The field's type (generic level, shares variables with `res`).
    pub arg: TypeExpr,
    pub mutable: bool,
    /// Position of the field in the block.
    pub pos: usize,
    /// Names of all fields of the record, in declaration order.
    pub all: Rc<[Rc<str>]>,
    pub repr: RecordRepr,
    pub private: bool,
    pub loc: Location,
    pub type_path: Path,
}

#[derive(Clone, Debug)]
pub enum ModuleType {
    Ident(Path),
    Signature(Rc<Signature>),
    /// Functor: parameter (None for `()`), result.
    Functor(Option<(Ident, Rc<ModuleType>)>, Rc<ModuleType>),
    Alias(Path),
}

pub type Signature = Vec<SignatureItem>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecStatus {
    NotRec,
    First,
    Next,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtStatus {
    First,
    Next,
    Exception,
}

#[derive(Clone, Debug)]
pub struct ModuleDeclaration {
    pub mty: ModuleType,
    pub loc: Location,
}

#[derive(Clone, Debug)]
pub struct ModtypeDeclaration {
    pub mty: Option<ModuleType>,
    pub loc: Location,
}

#[derive(Clone, Debug)]
pub enum SignatureItem {
    Value(Ident, Rc<ValueDescription>),
    Type(Ident, Rc<TypeDeclaration>, RecStatus),
    TypeExt(Ident, Rc<ExtensionConstructor>, ExtStatus),
    Module(Ident, Rc<ModuleDeclaration>, RecStatus),
    ModType(Ident, Rc<ModtypeDeclaration>),
}

impl SignatureItem {
    /// Where the item is declared.
    pub fn loc(&self) -> &Location {
        match self {
            SignatureItem::Value(_, v) => &v.loc,
            SignatureItem::Type(_, d, _) => &d.loc,
            SignatureItem::TypeExt(_, e, _) => &e.loc,
            SignatureItem::Module(_, m, _) => &m.loc,
            SignatureItem::ModType(_, m) => &m.loc,
        }
    }

    pub fn ident(&self) -> &Ident {
        match self {
            SignatureItem::Value(id, _)
            | SignatureItem::Type(id, _, _)
            | SignatureItem::TypeExt(id, _, _)
            | SignatureItem::Module(id, _, _)
            | SignatureItem::ModType(id, _) => id,
        }
    }
}

thread_local! {
    /// Open object types written `#c`: the class they were written with, for printing only
    /// (the name is lost when unification replaces the node, as OCaml drops it).
    static CLASS_ROWS: std::cell::RefCell<rustc_hash::FxHashMap<TypeExpr, (String, Vec<TypeExpr>)>> = Default::default();
}

/// Records that `t` (an open object type) was written `#name`.
pub fn set_class_row(t: TypeExpr, name: String, args: Vec<TypeExpr>) {
    CLASS_ROWS.with(|m| m.borrow_mut().insert(t, (name, args)));
}

/// The `#c` an open object type was written as, if it still is that node.
pub fn class_row(t: TypeExpr) -> Option<(String, Vec<TypeExpr>)> {
    CLASS_ROWS.with(|m| m.borrow().get(&t).cloned())
}
