//! A compilation unit's typed signature as bytes (this project's `.cmi`): the build encodes the
//! Stdlib's interfaces once, the toplevel decodes them instead of parsing and typing `.mli`s.
//!
//! Layout: a magic, then four tables and the signature. Each table only refers to the tables
//! before it, so the decoder reads it in one pass:
//! - strings (names, labels, file names), each decoded once and shared as `Rc<str>`;
//! - identifiers: name and kind, one entry per binding; a local one gets a fresh stamp at
//!   decoding (every mention of the binding refers to the entry, so it still names one
//!   binding), persistent units compare by name and predefined ones keep their fixed stamp;
//! - paths, each after its sub-paths;
//! - type nodes: a graph, links followed (one node per representative, sharing and cycles
//!   kept), with levels, scopes and the row side tables (`row_var_name`, `row_fixed`);
//! - the signature items, which refer to the tables by index.
//!
//! Numbers are LEB128 varints. Decoding checks every index and tag and returns an error on
//! bytes it does not understand; it never panics.

use super::ident::{Ident, IdentKind};
use super::loc::Location;
use super::path::Path;
use super::types::*;
use crate::parsing::location::Position;
use rustc_hash::FxHashMap;
use std::rc::Rc;

const MAGIC: &[u8] = b"OCJSIG01";

// ---------------------------------------------------------------------------------------------
// Encoding

/// Tables filled while encoding; each one's entries are numbered in order of first use.
#[derive(Default)]
struct Tables {
    strings: Vec<Rc<str>>,
    string_ids: FxHashMap<Rc<str>, u32>,
    idents: Vec<Ident>,
    ident_ids: FxHashMap<Ident, u32>,
    paths: Vec<Path>,
    path_ids: FxHashMap<Path, u32>,
    types: Vec<TypeExpr>,
    type_ids: FxHashMap<TypeExpr, u32>,
}

impl Tables {
    fn string(&mut self, s: &Rc<str>) -> u32 {
        if let Some(i) = self.string_ids.get(s) {
            return *i;
        }
        let i = self.strings.len() as u32;
        self.strings.push(s.clone());
        self.string_ids.insert(s.clone(), i);
        i
    }

    fn ident(&mut self, id: &Ident) -> u32 {
        if let Some(i) = self.ident_ids.get(id) {
            return *i;
        }
        let i = self.idents.len() as u32;
        self.idents.push(id.clone());
        self.ident_ids.insert(id.clone(), i);
        i
    }

    /// Sub-paths are numbered first, so a path only refers to earlier ones.
    fn path(&mut self, p: &Path) -> u32 {
        if let Some(i) = self.path_ids.get(p) {
            return *i;
        }
        match p {
            Path::Pident(_) => {}
            Path::Pdot(q, _) => {
                self.path(q);
            }
            Path::Papply(f, a) => {
                self.path(f);
                self.path(a);
            }
        }
        let i = self.paths.len() as u32;
        self.paths.push(p.clone());
        self.path_ids.insert(p.clone(), i);
        i
    }

    fn ty(&mut self, t: TypeExpr) -> u32 {
        let t = repr(t);
        if let Some(i) = self.type_ids.get(&t) {
            return *i;
        }
        let i = self.types.len() as u32;
        self.types.push(t);
        self.type_ids.insert(t, i);
        i
    }
}

/// Small negative numbers as small unsigned ones.
fn zigzag(v: i32) -> u32 {
    (v as u32).wrapping_shl(1) ^ ((v >> 31) as u32)
}

fn unzigzag(v: u32) -> i32 {
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
}

/// Appends `v` as an unsigned LEB128 number (7 bits per byte, high bit set on all but the
/// last): the integer encoding of our binary files (`.cji`, `.cjx`, embedded interfaces).
pub(crate) fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Reads an unsigned LEB128 number at `*pos` (the inverse of `push_varint`); `None` when the
/// bytes end first or the number does not fit in 64 bits.
pub(crate) fn read_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v: u64 = 0;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

impl Writer {
    fn u(&mut self, v: u64) {
        push_varint(&mut self.out, v)
    }

    fn i(&mut self, v: i32) {
        self.u(zigzag(v) as u64)
    }

    fn bool(&mut self, b: bool) {
        self.out.push(b as u8)
    }
}

/// Encodes a signature. Fails only on type nodes that cannot occur in a finished signature
/// (copy marks).
pub fn encode(sg: &Signature) -> Result<Vec<u8>, String> {
    let mut enc = Encoder { t: Tables::default(), w: Writer::default() };
    enc.signature(sg);
    let body = std::mem::take(&mut enc.w.out);

    // Type nodes (encoding one may number more nodes, paths and strings).
    let mut i = 0;
    while i < enc.t.types.len() {
        let t = enc.t.types[i];
        enc.type_node(t)?;
        i += 1;
    }
    let types = std::mem::take(&mut enc.w.out);

    for p in enc.t.paths.clone() {
        enc.path_entry(&p);
    }
    let paths = std::mem::take(&mut enc.w.out);

    for id in enc.t.idents.clone() {
        let name = enc.t.string(&id.name);
        enc.w.u(name as u64);
        match id.kind {
            IdentKind::Local => enc.w.u(0),
            IdentKind::Global => enc.w.u(1),
            IdentKind::Predef => {
                enc.w.u(2);
                enc.w.u(id.stamp as u64);
            }
        }
    }
    let idents = std::mem::take(&mut enc.w.out);

    let mut w = Writer { out: MAGIC.to_vec() };
    w.u(enc.t.strings.len() as u64);
    for s in &enc.t.strings {
        w.u(s.len() as u64);
        w.out.extend_from_slice(s.as_bytes());
    }
    for (count, section) in [(enc.t.idents.len(), idents), (enc.t.paths.len(), paths), (enc.t.types.len(), types)] {
        w.u(count as u64);
        w.out.extend_from_slice(&section);
    }
    w.out.extend_from_slice(&body);
    Ok(w.out)
}

struct Encoder {
    t: Tables,
    w: Writer,
}

impl Encoder {
    fn string(&mut self, s: &Rc<str>) {
        let i = self.t.string(s);
        self.w.u(i as u64)
    }

    fn opt_string(&mut self, s: &Option<Rc<str>>) {
        match s {
            None => self.w.u(0),
            Some(s) => {
                let i = self.t.string(s);
                self.w.u(i as u64 + 1)
            }
        }
    }

    fn ident(&mut self, id: &Ident) {
        let i = self.t.ident(id);
        self.w.u(i as u64)
    }

    fn path(&mut self, p: &Path) {
        let i = self.t.path(p);
        self.w.u(i as u64)
    }

    fn ty(&mut self, t: TypeExpr) {
        let i = self.t.ty(t);
        self.w.u(i as u64)
    }

    fn opt_ty(&mut self, t: Option<TypeExpr>) {
        match t {
            None => self.w.u(0),
            Some(t) => {
                let i = self.t.ty(t);
                self.w.u(i as u64 + 1)
            }
        }
    }

    fn types(&mut self, ts: &[TypeExpr]) {
        self.w.u(ts.len() as u64);
        for t in ts {
            self.ty(*t)
        }
    }

    fn position(&mut self, p: &Position) {
        let f = self.t.string(&p.fname);
        self.w.u(f as u64);
        self.w.u(p.line as u64);
        self.w.u(p.bol as u64);
        self.w.u(p.cnum as u64);
    }

    fn loc(&mut self, l: &Location) {
        self.position(&l.start);
        self.position(&l.end);
        self.w.bool(l.ghost);
    }

    fn path_entry(&mut self, p: &Path) {
        match p {
            Path::Pident(id) => {
                self.w.u(0);
                self.ident(id);
            }
            Path::Pdot(q, s) => {
                self.w.u(1);
                self.path(q);
                self.string(s);
            }
            Path::Papply(f, a) => {
                self.w.u(2);
                self.path(f);
                self.path(a);
            }
        }
    }

    fn type_node(&mut self, t: TypeExpr) -> Result<(), String> {
        let row_name = row_var_name(t);
        let flags = row_name.is_some() as u64 | (row_fixed(t) as u64) << 1;
        let lvl = level(t);
        self.w.u(if lvl == GENERIC_LEVEL { 0 } else { zigzag(lvl) as u64 + 1 });
        self.w.i(scope(t));
        let d = desc(t);
        let tag = match &d {
            TypeDesc::Var(_) => 0,
            TypeDesc::Arrow(..) => 1,
            TypeDesc::Tuple(_) => 2,
            TypeDesc::Constr(..) => 3,
            TypeDesc::Univar(_) => 4,
            TypeDesc::Poly(..) => 5,
            TypeDesc::Package(..) => 6,
            TypeDesc::Variant(_) => 7,
            TypeDesc::Object(_) => 8,
            TypeDesc::Link(_) | TypeDesc::Subst(_) => return Err("a copy mark in a signature's types".into()),
        };
        self.w.u(tag | flags << 4);
        if let Some(n) = &row_name {
            self.string(n);
        }
        match &d {
            TypeDesc::Var(n) | TypeDesc::Univar(n) => self.opt_string(n),
            TypeDesc::Arrow(l, a, b) => {
                match l {
                    ArgLabel::Nolabel => self.w.u(0),
                    ArgLabel::Labelled(s) => {
                        self.w.u(1);
                        self.string(s)
                    }
                    ArgLabel::Optional(s) => {
                        self.w.u(2);
                        self.string(s)
                    }
                }
                self.ty(*a);
                self.ty(*b);
            }
            TypeDesc::Tuple(ts) => self.types(ts),
            TypeDesc::Constr(p, ts) => {
                self.path(p);
                self.types(ts);
            }
            TypeDesc::Poly(b, vs) => {
                self.ty(*b);
                self.types(vs);
            }
            TypeDesc::Package(p, names, ts) => {
                self.path(p);
                self.w.u(names.len() as u64);
                for n in names.iter() {
                    self.string(n);
                }
                self.types(ts);
            }
            TypeDesc::Variant(row) => {
                self.w.u(row.fields.len() as u64);
                for (label, f) in &row.fields {
                    self.string(label);
                    match f {
                        RowField::Present(t) => {
                            self.w.u(0);
                            self.opt_ty(*t);
                        }
                        RowField::Either(constant, ts, matched) => {
                            self.w.u(1);
                            self.w.bool(*constant);
                            self.types(ts);
                            self.w.bool(*matched);
                        }
                    }
                }
                self.w.bool(row.closed);
                match &row.name {
                    None => self.w.u(0),
                    Some((p, args)) => {
                        self.w.u(1);
                        self.path(p);
                        self.types(args);
                    }
                }
            }
            TypeDesc::Object(m) => {
                self.w.u(m.fields.len() as u64);
                for (label, t) in &m.fields {
                    self.string(label);
                    self.ty(*t);
                }
                self.w.bool(m.closed);
            }
            TypeDesc::Link(_) | TypeDesc::Subst(_) => {}
        }
        Ok(())
    }

    fn signature(&mut self, sg: &Signature) {
        self.w.u(sg.len() as u64);
        for item in sg {
            self.item(item)
        }
    }

    fn item(&mut self, item: &SignatureItem) {
        match item {
            SignatureItem::Value(id, v) => {
                self.w.u(0);
                self.ident(id);
                self.ty(v.ty);
                match &v.kind {
                    ValueKind::Regular => self.w.u(0),
                    ValueKind::Primitive(p) => {
                        self.w.u(1);
                        self.string(&p.name);
                        self.w.u(p.arity as u64);
                        self.w.bool(p.alloc);
                        self.string(&p.native_name);
                        self.w.u(p.written.len() as u64);
                        for s in &p.written {
                            self.string(s);
                        }
                    }
                    ValueKind::Class(c) => {
                        // The definition itself is not kept: such a class cannot be inherited.
                        self.w.u(2);
                        self.w.bool(c.is_type);
                        self.w.bool(c.virt);
                        self.w.bool(c.has_params);
                        self.ty(c.sig_ty);
                        for fields in [&c.vars, &c.methods] {
                            self.w.u(fields.len() as u64);
                            for (name, a, b) in fields.iter() {
                                self.string(name);
                                self.w.bool(*a);
                                self.w.bool(*b);
                            }
                        }
                        self.opt_string(&c.printed_as);
                    }
                }
                self.loc(&v.loc);
                self.opt_string(&v.deprecated);
            }
            SignatureItem::Type(id, d, rec) => {
                self.w.u(1);
                self.ident(id);
                self.type_decl(d);
                self.rec_status(*rec);
            }
            SignatureItem::TypeExt(id, e, status) => {
                self.w.u(2);
                self.ident(id);
                self.path(&e.type_path);
                self.types(&e.type_params);
                self.constructor_args(&e.args);
                self.opt_ty(e.ret_type);
                self.w.bool(e.private);
                self.loc(&e.loc);
                self.w.u(match status {
                    ExtStatus::First => 0,
                    ExtStatus::Next => 1,
                    ExtStatus::Exception => 2,
                });
            }
            SignatureItem::Module(id, m, rec) => {
                self.w.u(3);
                self.ident(id);
                self.module_type(&m.mty);
                self.loc(&m.loc);
                self.rec_status(*rec);
            }
            SignatureItem::ModType(id, m) => {
                self.w.u(4);
                self.ident(id);
                match &m.mty {
                    None => self.w.u(0),
                    Some(mty) => {
                        self.w.u(1);
                        self.module_type(mty);
                    }
                }
                self.loc(&m.loc);
            }
        }
    }

    fn rec_status(&mut self, r: RecStatus) {
        self.w.u(match r {
            RecStatus::NotRec => 0,
            RecStatus::First => 1,
            RecStatus::Next => 2,
        })
    }

    fn module_type(&mut self, m: &ModuleType) {
        match m {
            ModuleType::Ident(p) => {
                self.w.u(0);
                self.path(p);
            }
            ModuleType::Signature(sg) => {
                self.w.u(1);
                self.signature(sg);
            }
            ModuleType::Functor(param, res) => {
                self.w.u(2);
                match param {
                    None => self.w.u(0),
                    Some((id, mty)) => {
                        self.w.u(1);
                        self.ident(id);
                        self.module_type(mty);
                    }
                }
                self.module_type(res);
            }
            ModuleType::Alias(p) => {
                self.w.u(3);
                self.path(p);
            }
        }
    }

    fn label_decls(&mut self, ls: &[LabelDeclaration]) {
        self.w.u(ls.len() as u64);
        for l in ls {
            self.ident(&l.id);
            self.w.bool(l.mutable);
            self.ty(l.ty);
            self.loc(&l.loc);
        }
    }

    fn constructor_args(&mut self, a: &ConstructorArgs) {
        match a {
            ConstructorArgs::Tuple(ts) => {
                self.w.u(0);
                self.types(ts);
            }
            ConstructorArgs::Record(ls) => {
                self.w.u(1);
                self.label_decls(ls);
            }
        }
    }

    fn type_decl(&mut self, d: &TypeDeclaration) {
        self.types(&d.params);
        self.w.u(d.arity as u64);
        match &d.kind {
            TypeKind::Abstract => self.w.u(0),
            TypeKind::Variant(cs) => {
                self.w.u(1);
                self.w.u(cs.len() as u64);
                for c in cs {
                    self.ident(&c.id);
                    self.constructor_args(&c.args);
                    self.opt_ty(c.res);
                    self.loc(&c.loc);
                }
            }
            TypeKind::Record(ls, repr) => {
                self.w.u(2);
                self.label_decls(ls);
                match repr {
                    RecordRepr::Regular => self.w.u(0),
                    RecordRepr::Float => self.w.u(1),
                    RecordRepr::Unboxed => self.w.u(2),
                    RecordRepr::Inlined { tag } => {
                        self.w.u(3);
                        self.w.u(*tag as u64);
                    }
                    RecordRepr::Extension => self.w.u(4),
                }
            }
            TypeKind::Open => self.w.u(3),
        }
        self.w.bool(d.private);
        self.opt_ty(d.manifest);
        self.w.u(d.variance.len() as u64);
        for (co, contra) in &d.variance {
            self.w.bool(*co);
            self.w.bool(*contra);
        }
        self.w.u(d.injective.len() as u64);
        for inj in &d.injective {
            self.w.bool(*inj);
        }
        self.w.bool(d.is_newtype);
        self.w.bool(d.unboxed);
        self.w.bool(d.immediate);
        self.loc(&d.loc);
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding

type R<T> = Result<T, String>;

fn bad(what: &str) -> String {
    format!("malformed signature file: {}", what)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> R<u8> {
        let b = *self.bytes.get(self.pos).ok_or_else(|| bad("truncated"))?;
        self.pos += 1;
        Ok(b)
    }

    fn u(&mut self) -> R<u64> {
        read_varint(self.bytes, &mut self.pos).ok_or_else(|| bad("truncated or too long number"))
    }

    fn u32(&mut self) -> R<u32> {
        u32::try_from(self.u()?).map_err(|_| bad("number out of range"))
    }

    fn usize(&mut self) -> R<usize> {
        usize::try_from(self.u()?).map_err(|_| bad("number out of range"))
    }

    /// A count of items, each at least one byte long (bounds allocations on bad input).
    fn count(&mut self) -> R<usize> {
        let n = self.usize()?;
        if n > self.bytes.len() - self.pos.min(self.bytes.len()) {
            return Err(bad("count larger than the data"));
        }
        Ok(n)
    }

    fn i(&mut self) -> R<i32> {
        Ok(unzigzag(self.u32()?))
    }

    fn bool(&mut self) -> R<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(bad("boolean")),
        }
    }

    fn bytes(&mut self, n: usize) -> R<&[u8]> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.bytes.len()).ok_or_else(|| bad("truncated"))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
}

struct Decoder<'a> {
    r: Reader<'a>,
    strings: Vec<Rc<str>>,
    idents: Vec<Ident>,
    paths: Vec<Path>,
    types: Vec<TypeExpr>,
}

/// Decodes a signature written by [`encode`]: its type nodes are added to this thread's type
/// store and its local identifiers get fresh stamps.
pub fn decode(bytes: &[u8]) -> Result<Signature, String> {
    let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| bad("not a signature file"))?;
    let mut d = Decoder { r: Reader { bytes: rest, pos: 0 }, strings: vec![], idents: vec![], paths: vec![], types: vec![] };
    d.read_strings()?;
    d.read_idents()?;
    d.read_paths()?;
    d.read_types()?;
    let sg = d.signature()?;
    if d.r.pos != d.r.bytes.len() {
        return Err(bad("trailing bytes"));
    }
    Ok(sg)
}

impl Decoder<'_> {
    fn read_strings(&mut self) -> R<()> {
        let n = self.r.count()?;
        self.strings.reserve(n);
        for _ in 0..n {
            let len = self.r.usize()?;
            let s = std::str::from_utf8(self.r.bytes(len)?).map_err(|_| bad("string"))?;
            self.strings.push(Rc::from(s));
        }
        Ok(())
    }

    fn read_idents(&mut self) -> R<()> {
        let n = self.r.count()?;
        self.idents.reserve(n);
        for _ in 0..n {
            let name = self.string()?;
            let id = match self.r.u()? {
                0 => Ident::create_rc(name),
                1 => Ident { name, stamp: 0, kind: IdentKind::Global },
                2 => Ident { name, stamp: self.r.u32()?, kind: IdentKind::Predef },
                _ => return Err(bad("identifier kind")),
            };
            self.idents.push(id);
        }
        Ok(())
    }

    fn read_paths(&mut self) -> R<()> {
        let n = self.r.count()?;
        self.paths.reserve(n);
        for _ in 0..n {
            let p = match self.r.u()? {
                0 => Path::Pident(self.ident()?),
                1 => {
                    let q = self.path()?;
                    Path::Pdot(Rc::new(q), self.string()?)
                }
                2 => {
                    let f = self.path()?;
                    Path::Papply(Rc::new(f), Rc::new(self.path()?))
                }
                _ => return Err(bad("path")),
            };
            self.paths.push(p);
        }
        Ok(())
    }

    fn read_types(&mut self) -> R<()> {
        let n = self.r.count()?;
        let types = new_graph(n, |handles| {
            self.types = handles.to_vec();
            let mut nodes = Vec::with_capacity(n);
            for i in 0..n {
                let lvl = match self.r.u32()? {
                    0 => GENERIC_LEVEL,
                    v => unzigzag(v - 1),
                };
                let scope = self.r.i()?;
                let tag = self.r.u()?;
                if tag >> 4 & 1 != 0 {
                    let name = self.string()?;
                    set_row_var_name(handles[i], name);
                }
                if tag >> 4 & 2 != 0 {
                    set_row_fixed(handles[i]);
                }
                let desc = self.type_desc(tag & 15)?;
                nodes.push((desc, lvl, scope));
            }
            Ok::<_, String>(nodes)
        })?;
        self.types = types;
        Ok(())
    }

    fn type_desc(&mut self, tag: u64) -> R<TypeDesc> {
        Ok(match tag {
            0 => TypeDesc::Var(self.opt_string()?),
            1 => {
                let l = match self.r.u()? {
                    0 => ArgLabel::Nolabel,
                    1 => ArgLabel::Labelled(self.string()?),
                    2 => ArgLabel::Optional(self.string()?),
                    _ => return Err(bad("label")),
                };
                let a = self.ty()?;
                TypeDesc::Arrow(l, a, self.ty()?)
            }
            2 => TypeDesc::Tuple(self.types()?.into()),
            3 => {
                let p = self.path()?;
                TypeDesc::Constr(p, self.types()?.into())
            }
            4 => TypeDesc::Univar(self.opt_string()?),
            5 => {
                let b = self.ty()?;
                TypeDesc::Poly(b, self.types()?.into())
            }
            6 => {
                let p = self.path()?;
                let n = self.r.count()?;
                let names = (0..n).map(|_| self.string()).collect::<R<Vec<_>>>()?;
                TypeDesc::Package(p, names.into(), self.types()?.into())
            }
            7 => {
                let n = self.r.count()?;
                let mut fields = Vec::with_capacity(n);
                for _ in 0..n {
                    let label = self.string()?;
                    let f = match self.r.u()? {
                        0 => RowField::Present(self.opt_ty()?),
                        1 => {
                            let constant = self.r.bool()?;
                            let ts = self.types()?;
                            RowField::Either(constant, ts.into(), self.r.bool()?)
                        }
                        _ => return Err(bad("row field")),
                    };
                    fields.push((label, f));
                }
                let closed = self.r.bool()?;
                let name = match self.r.u()? {
                    0 => None,
                    1 => {
                        let p = self.path()?;
                        Some((p, self.types()?.into()))
                    }
                    _ => return Err(bad("row name")),
                };
                TypeDesc::Variant(Rc::new(Row { fields, closed, name }))
            }
            8 => {
                let n = self.r.count()?;
                let mut fields = Vec::with_capacity(n);
                for _ in 0..n {
                    let label = self.string()?;
                    fields.push((label, self.ty()?));
                }
                TypeDesc::Object(Rc::new(Methods { fields, closed: self.r.bool()? }))
            }
            _ => return Err(bad("type tag")),
        })
    }

    fn index<T>(&mut self, table: fn(&Self) -> &Vec<T>, what: &str) -> R<usize> {
        let i = self.r.usize()?;
        if i < table(self).len() {
            Ok(i)
        } else {
            Err(bad(what))
        }
    }

    fn string(&mut self) -> R<Rc<str>> {
        let i = self.index(|d| &d.strings, "string index")?;
        Ok(self.strings[i].clone())
    }

    fn opt_string(&mut self) -> R<Option<Rc<str>>> {
        match self.r.usize()? {
            0 => Ok(None),
            i => self.strings.get(i - 1).cloned().map(Some).ok_or_else(|| bad("string index")),
        }
    }

    fn ident(&mut self) -> R<Ident> {
        let i = self.index(|d| &d.idents, "identifier index")?;
        Ok(self.idents[i].clone())
    }

    fn path(&mut self) -> R<Path> {
        let i = self.index(|d| &d.paths, "path index")?;
        Ok(self.paths[i].clone())
    }

    fn ty(&mut self) -> R<TypeExpr> {
        let i = self.index(|d| &d.types, "type index")?;
        Ok(self.types[i])
    }

    fn opt_ty(&mut self) -> R<Option<TypeExpr>> {
        match self.r.usize()? {
            0 => Ok(None),
            i => self.types.get(i - 1).copied().map(Some).ok_or_else(|| bad("type index")),
        }
    }

    fn types(&mut self) -> R<Vec<TypeExpr>> {
        let n = self.r.count()?;
        (0..n).map(|_| self.ty()).collect()
    }

    fn position(&mut self) -> R<Position> {
        Ok(Position { fname: self.string()?, line: self.r.u32()?, bol: self.r.u32()?, cnum: self.r.u32()? })
    }

    fn loc(&mut self) -> R<Location> {
        let start = self.position()?;
        let end = self.position()?;
        Ok(Location { start, end, ghost: self.r.bool()? })
    }

    fn signature(&mut self) -> R<Signature> {
        let n = self.r.count()?;
        (0..n).map(|_| self.item()).collect()
    }

    fn item(&mut self) -> R<SignatureItem> {
        Ok(match self.r.u()? {
            0 => {
                let id = self.ident()?;
                let ty = self.ty()?;
                let kind = match self.r.u()? {
                    0 => ValueKind::Regular,
                    1 => {
                        let name = self.string()?;
                        let arity = self.r.usize()?;
                        let alloc = self.r.bool()?;
                        let native_name = self.string()?;
                        let n = self.r.count()?;
                        let written = (0..n).map(|_| self.string()).collect::<R<Vec<_>>>()?;
                        ValueKind::Primitive(Rc::new(Primitive { name, arity, alloc, native_name, written }))
                    }
                    2 => {
                        let is_type = self.r.bool()?;
                        let virt = self.r.bool()?;
                        let has_params = self.r.bool()?;
                        let sig_ty = self.ty()?;
                        let mut lists = Vec::new();
                        for _ in 0..2 {
                            let n = self.r.count()?;
                            let mut fields = Vec::with_capacity(n);
                            for _ in 0..n {
                                let name = self.string()?;
                                let a = self.r.bool()?;
                                fields.push((name, a, self.r.bool()?));
                            }
                            lists.push(fields);
                        }
                        let methods = lists.pop().unwrap_or_default();
                        let vars = lists.pop().unwrap_or_default();
                        let printed_as = self.opt_string()?;
                        ValueKind::Class(Rc::new(ClassInfo { is_type, virt, sig_ty, has_params, vars, methods, printed_as, decl: None }))
                    }
                    _ => return Err(bad("value kind")),
                };
                let loc = self.loc()?;
                SignatureItem::Value(id, Rc::new(ValueDescription { ty, kind, loc, deprecated: self.opt_string()? }))
            }
            1 => {
                let id = self.ident()?;
                let d = self.type_decl()?;
                SignatureItem::Type(id, Rc::new(d), self.rec_status()?)
            }
            2 => {
                let id = self.ident()?;
                let type_path = self.path()?;
                let type_params = self.types()?;
                let args = self.constructor_args()?;
                let ret_type = self.opt_ty()?;
                let private = self.r.bool()?;
                let loc = self.loc()?;
                let status = match self.r.u()? {
                    0 => ExtStatus::First,
                    1 => ExtStatus::Next,
                    2 => ExtStatus::Exception,
                    _ => return Err(bad("extension status")),
                };
                SignatureItem::TypeExt(id, Rc::new(ExtensionConstructor { type_path, type_params, args, ret_type, private, loc }), status)
            }
            3 => {
                let id = self.ident()?;
                let mty = self.module_type()?;
                let loc = self.loc()?;
                SignatureItem::Module(id, Rc::new(ModuleDeclaration { mty, loc }), self.rec_status()?)
            }
            4 => {
                let id = self.ident()?;
                let mty = match self.r.u()? {
                    0 => None,
                    1 => Some(self.module_type()?),
                    _ => return Err(bad("module type declaration")),
                };
                SignatureItem::ModType(id, Rc::new(ModtypeDeclaration { mty, loc: self.loc()? }))
            }
            _ => return Err(bad("signature item")),
        })
    }

    fn rec_status(&mut self) -> R<RecStatus> {
        match self.r.u()? {
            0 => Ok(RecStatus::NotRec),
            1 => Ok(RecStatus::First),
            2 => Ok(RecStatus::Next),
            _ => Err(bad("recursion status")),
        }
    }

    fn module_type(&mut self) -> R<ModuleType> {
        Ok(match self.r.u()? {
            0 => ModuleType::Ident(self.path()?),
            1 => ModuleType::Signature(Rc::new(self.signature()?)),
            2 => {
                let param = match self.r.u()? {
                    0 => None,
                    1 => {
                        let id = self.ident()?;
                        Some((id, Rc::new(self.module_type()?)))
                    }
                    _ => return Err(bad("functor parameter")),
                };
                ModuleType::Functor(param, Rc::new(self.module_type()?))
            }
            3 => ModuleType::Alias(self.path()?),
            _ => return Err(bad("module type")),
        })
    }

    fn label_decls(&mut self) -> R<Vec<LabelDeclaration>> {
        let n = self.r.count()?;
        (0..n)
            .map(|_| {
                let id = self.ident()?;
                let mutable = self.r.bool()?;
                let ty = self.ty()?;
                Ok(LabelDeclaration { id, mutable, ty, loc: self.loc()? })
            })
            .collect()
    }

    fn constructor_args(&mut self) -> R<ConstructorArgs> {
        match self.r.u()? {
            0 => Ok(ConstructorArgs::Tuple(self.types()?)),
            1 => Ok(ConstructorArgs::Record(self.label_decls()?)),
            _ => Err(bad("constructor arguments")),
        }
    }

    fn type_decl(&mut self) -> R<TypeDeclaration> {
        let params = self.types()?;
        let arity = self.r.usize()?;
        let kind = match self.r.u()? {
            0 => TypeKind::Abstract,
            1 => {
                let n = self.r.count()?;
                let cs = (0..n)
                    .map(|_| {
                        let id = self.ident()?;
                        let args = self.constructor_args()?;
                        let res = self.opt_ty()?;
                        Ok(ConstructorDeclaration { id, args, res, loc: self.loc()? })
                    })
                    .collect::<R<Vec<_>>>()?;
                TypeKind::Variant(cs)
            }
            2 => {
                let ls = self.label_decls()?;
                let repr = match self.r.u()? {
                    0 => RecordRepr::Regular,
                    1 => RecordRepr::Float,
                    2 => RecordRepr::Unboxed,
                    3 => RecordRepr::Inlined { tag: self.r.usize()? },
                    4 => RecordRepr::Extension,
                    _ => return Err(bad("record representation")),
                };
                TypeKind::Record(ls, repr)
            }
            3 => TypeKind::Open,
            _ => return Err(bad("type kind")),
        };
        let private = self.r.bool()?;
        let manifest = self.opt_ty()?;
        let n = self.r.count()?;
        let variance = (0..n).map(|_| Ok((self.r.bool()?, self.r.bool()?))).collect::<R<Vec<_>>>()?;
        let n = self.r.count()?;
        let injective = (0..n).map(|_| self.r.bool()).collect::<R<Vec<_>>>()?;
        let is_newtype = self.r.bool()?;
        let unboxed = self.r.bool()?;
        let immediate = self.r.bool()?;
        let loc = self.loc()?;
        Ok(TypeDeclaration { params, arity, kind, private, manifest, variance, injective, is_newtype, unboxed, immediate, loc })
    }
}
