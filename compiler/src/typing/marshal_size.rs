//! Whether a module type is "big" in a signature-mismatch report.
//!
//! OCaml prints `...` instead of `Modules do not match: A is not included in B` when the
//! two module types, marshalled with `Marshal.to_buffer` into 500 bytes, do not fit. That size
//! is a property of OCaml's own representation (`Types.module_type`: records of type nodes,
//! idents, locations, uids, with physical sharing). This module estimates it by walking our
//! module types as if they were OCaml's, counting the bytes OCaml's marshaller writes for each
//! block, string and integer, and sharing what OCaml shares (idents, predefined paths, file
//! names, type nodes met twice).
//!
//! It is an estimate: OCaml's stamps, type ids and uids come from counters of its own session,
//! and types inferred by OCaml can hold links we do not have. Far from the limit the answer is
//! OCaml's; close to it the two may differ.

use super::ident::{Ident, IdentKind};
use super::path::Path;
use super::types::*;
use crate::parsing::location::{Location, Position};
use std::cell::Cell;
use std::collections::HashMap;

/// `Marshal.to_buffer buf 0 500`: 500 bytes, of which the marshaller keeps 32 for the header
/// (its largest size) while writing. The 7 more are a calibration against OCaml 4.13's
/// toplevel on signatures of values (tests/el: the sizes of OCaml's counters).
const LIMIT: usize = 500 - 32 + 7;

thread_local! {
    /// Where the current toplevel phrase starts (line, offset): OCaml's toplevel lexes each
    /// phrase from line 1, offset 0, so its locations are relative to the phrase.
    static ORIGIN: Cell<(u32, u32)> = const { Cell::new((1, 0)) };
}

/// Positions are measured from `line`, `cnum` from now on (the start of a toplevel phrase).
pub fn set_position_origin(line: u32, cnum: u32) {
    ORIGIN.with(|o| o.set((line, cnum)));
}

/// Whether OCaml would elide the pair `got`, `expected` as `...`.
pub fn is_big(got: &ModuleType, expected: &ModuleType) -> bool {
    let mut s = Sizer::default();
    s.block(0, 2);
    s.structure_side = true;
    s.module_type(got);
    s.structure_side = false;
    s.module_type(expected);
    s.bytes > LIMIT
}

#[derive(Hash, PartialEq, Eq)]
enum Key {
    Ident(u32, String),
    PredefPath(String),
    Text(String),
    Node(u32),
}

#[derive(Default)]
struct Sizer {
    bytes: usize,
    /// Objects written so far: back references count the distance in objects.
    objects: usize,
    seen: HashMap<Key, usize>,
    /// Whether the module type is the one of the structure (`got`), whose value types were
    /// inferred.
    structure_side: bool,
    /// Whether the type being walked was inferred: OCaml's inferred types go through a link
    /// node (`Tlink`) at every node unification met.
    inferred: bool,
}

/// Bytes of an integer in OCaml's marshal format.
fn int_size(n: i64) -> usize {
    match n {
        0..=63 => 1,
        -128..=127 => 2,
        -32768..=32767 => 3,
        _ if i32::try_from(n).is_ok() => 5,
        _ => 9,
    }
}

/// OCaml's `generic_level`, the level of every node of a generalised type.
const GENERIC_LEVEL: i64 = 100_000_000;

impl Sizer {
    fn int(&mut self, n: i64) {
        self.bytes += int_size(n);
    }

    fn block(&mut self, tag: u8, fields: usize) {
        self.bytes += if tag < 16 && fields < 8 { 1 } else { 5 };
        if fields > 0 {
            self.objects += 1;
        }
    }

    fn string(&mut self, s: &str) {
        self.bytes += s.len() + if s.len() < 32 { 1 } else if s.len() < 256 { 2 } else { 5 };
        self.objects += 1;
    }

    /// A back reference when `key` was written before; otherwise records it and returns false.
    fn shared(&mut self, key: Key) -> bool {
        if let Some(&at) = self.seen.get(&key) {
            let d = self.objects - at;
            self.bytes += if d < 0x100 { 2 } else if d < 0x10000 { 3 } else { 5 };
            return true;
        }
        self.seen.insert(key, self.objects);
        false
    }

    fn shared_string(&mut self, s: &str) {
        if !self.shared(Key::Text(s.to_string())) {
            self.string(s);
        }
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        for it in items {
            self.block(0, 2);
            each(self, it);
        }
        self.int(0);
    }

    fn option<T>(&mut self, x: Option<&T>, each: impl FnOnce(&mut Self, &T)) {
        match x {
            None => self.int(0),
            Some(v) => {
                self.block(0, 1);
                each(self, v)
            }
        }
    }

    fn ident(&mut self, id: &Ident) {
        if self.shared(Key::Ident(id.stamp, id.name.to_string())) {
            return;
        }
        match id.kind {
            // Local of { name; stamp } / Scoped of { name; stamp; scope }: items are scoped.
            IdentKind::Local => {
                self.block(1, 3);
                self.string(&id.name);
                self.int(id.stamp as i64);
                self.int(0);
            }
            IdentKind::Global => {
                self.block(2, 1);
                self.string(&id.name);
            }
            IdentKind::Predef => {
                self.block(3, 2);
                self.string(&id.name);
                self.int(0);
            }
        }
    }

    fn path(&mut self, p: &Path) {
        match p {
            Path::Pident(id) if id.kind == IdentKind::Predef => {
                if !self.shared(Key::PredefPath(id.name.to_string())) {
                    self.block(0, 1);
                    self.ident(id);
                }
            }
            Path::Pident(id) => {
                self.block(0, 1);
                self.ident(id);
            }
            Path::Pdot(p, s) => {
                self.block(1, 2);
                self.path(p);
                self.string(s);
            }
            Path::Papply(a, b) => {
                self.block(2, 2);
                self.path(a);
                self.path(b);
            }
        }
    }

    fn position(&mut self, p: &Position) {
        let (line, cnum) = ORIGIN.with(|o| o.get());
        self.block(0, 4);
        self.shared_string(&p.fname);
        self.int(p.line as i64 - line as i64 + 1);
        self.int(p.bol.saturating_sub(cnum) as i64);
        self.int(p.cnum.saturating_sub(cnum) as i64);
    }

    fn loc(&mut self, l: &Location) {
        self.block(0, 3);
        self.position(&l.start);
        self.position(&l.end);
        self.int(l.ghost as i64);
    }

    /// A declaration's uid. Calibrated against OCaml 4.13's toplevel, where it costs about a
    /// byte (OCaml's own counters make it vary).
    fn uid(&mut self) {
        self.int(0);
    }

    fn type_expr(&mut self, t: TypeExpr) {
        let t = repr(t);
        if self.shared(Key::Node(t.index())) {
            return;
        }
        if self.inferred {
            // { desc = Tlink t; level; scope; id }, with a level that is not generic.
            self.block(0, 4);
            self.block(6, 1);
            self.inner_type_expr(t);
            self.int(1);
            self.int(0);
            self.int(1000);
        } else {
            self.inner_type_expr(t);
        }
    }

    fn inner_type_expr(&mut self, t: TypeExpr) {
        // { desc; level; scope; id }
        self.block(0, 4);
        match desc(t) {
            TypeDesc::Var(name) | TypeDesc::Univar(name) => {
                self.block(if matches!(desc(t), TypeDesc::Var(_)) { 0 } else { 9 }, 1);
                self.option(name.as_ref(), |s, n| s.string(n));
            }
            TypeDesc::Arrow(l, a, b) => {
                self.block(1, 4);
                match &l {
                    ArgLabel::Nolabel => self.int(0),
                    ArgLabel::Labelled(n) | ArgLabel::Optional(n) => {
                        self.block(0, 1);
                        self.string(n);
                    }
                }
                self.type_expr(a);
                self.type_expr(b);
                self.int(0);
            }
            TypeDesc::Tuple(ts) => {
                self.block(2, 1);
                self.list(&ts, |s, t| s.type_expr(*t));
            }
            TypeDesc::Constr(p, args) => {
                self.block(3, 3);
                self.path(&p);
                self.list(&args, |s, t| s.type_expr(*t));
                // The abbreviation memo, `ref Mnil`.
                self.block(0, 1);
                self.int(0);
            }
            TypeDesc::Poly(body, vars) => {
                self.block(10, 2);
                self.type_expr(body);
                self.list(&vars, |s, t| s.type_expr(*t));
            }
            TypeDesc::Package(p, names, tys) => {
                self.block(11, 3);
                self.path(&p);
                let pairs: Vec<_> = names.iter().zip(tys.iter()).collect();
                self.list(&pairs, |s, (n, _)| {
                    s.block(0, 1);
                    s.string(n)
                });
                self.list(&pairs, |s, (_, t)| s.type_expr(**t));
            }
            TypeDesc::Variant(row) => {
                self.block(8, 1);
                // { row_fields; row_more; row_bound; row_closed; row_fixed; row_name }
                self.block(0, 6);
                self.list(&row.fields, |s, (tag, f)| {
                    s.block(0, 2);
                    s.string(tag);
                    match f {
                        RowField::Present(t) => {
                            s.block(0, 1);
                            s.option(t.as_ref(), |s, t| s.type_expr(*t));
                        }
                        RowField::Either(c, ts, _) => {
                            s.block(1, 4);
                            s.int(*c as i64);
                            s.list(ts, |s, t| s.type_expr(*t));
                            s.int(0);
                            s.block(0, 1);
                            s.int(0);
                        }
                    }
                });
                // The row variable: a fresh node.
                self.block(0, 4);
                self.block(0, 1);
                self.int(0);
                self.node_ints();
                self.int(0);
                self.int(row.closed as i64);
                self.int(0);
                self.option(row.name.as_ref(), |s, (p, args)| {
                    s.block(0, 2);
                    s.path(p);
                    s.list(args, |s, t| s.type_expr(*t));
                });
            }
            TypeDesc::Object(m) => {
                // Tobject (fields, ref None); the fields a chain of Tfield nodes ending in Tnil
                // or a row variable.
                self.block(4, 2);
                for (name, t) in &m.fields {
                    self.block(0, 4);
                    self.block(5, 4);
                    self.string(name);
                    self.int(0);
                    self.type_expr(*t);
                }
                self.block(0, 4);
                self.int(0);
                self.node_ints();
                for _ in &m.fields {
                    self.node_ints();
                }
                self.block(0, 1);
                self.int(0);
            }
            TypeDesc::Link(_) | TypeDesc::Subst(_) => self.int(0),
        }
        self.node_ints();
    }

    /// A node's level (generic), scope and id (a session counter, in the thousands).
    fn node_ints(&mut self) {
        self.int(GENERIC_LEVEL);
        self.int(0);
        self.int(1000);
    }

    fn attributes(&mut self) {
        self.int(0);
    }

    fn constructor_args(&mut self, a: &ConstructorArgs) {
        match a {
            ConstructorArgs::Tuple(ts) => {
                self.block(0, 1);
                self.list(ts, |s, t| s.type_expr(*t));
            }
            ConstructorArgs::Record(ls) => {
                self.block(1, 1);
                self.list(ls, |s, l| s.label(l));
            }
        }
    }

    fn label(&mut self, l: &LabelDeclaration) {
        // { ld_id; ld_mutable; ld_type; ld_loc; ld_attributes; ld_uid }
        self.block(0, 6);
        self.ident(&l.id);
        self.int(l.mutable as i64);
        self.type_expr(l.ty);
        self.loc(&l.loc);
        self.attributes();
        self.uid();
    }

    fn type_decl(&mut self, d: &TypeDeclaration) {
        // 14 fields: params, arity, kind, private, manifest, variance, separability,
        // is_newtype, expansion_scope, loc, attributes, immediate, unboxed_default, uid.
        self.block(0, 14);
        self.list(&d.params, |s, t| s.type_expr(*t));
        self.int(d.arity as i64);
        match &d.kind {
            TypeKind::Abstract => self.int(0),
            TypeKind::Open => self.int(1),
            TypeKind::Record(ls, _) => {
                self.block(0, 2);
                self.list(ls, |s, l| s.label(l));
                self.int(0);
            }
            TypeKind::Variant(cs) => {
                self.block(1, 2);
                self.list(cs, |s, c| {
                    // { cd_id; cd_args; cd_res; cd_loc; cd_attributes; cd_uid }
                    s.block(0, 6);
                    s.ident(&c.id);
                    s.constructor_args(&c.args);
                    s.option(c.res.as_ref(), |s, t| s.type_expr(*t));
                    s.loc(&c.loc);
                    s.attributes();
                    s.uid();
                });
                self.int(0);
            }
        }
        self.int(d.private as i64);
        self.option(d.manifest.as_ref(), |s, t| s.type_expr(*t));
        self.list(&d.variance, |s, (co, contra)| s.int(if *co && *contra { 0x7f } else if *co || *contra { 0x3f } else { 0 }));
        self.list(&d.params, |s, _| s.int(0));
        self.int(d.is_newtype as i64);
        self.int(0);
        self.loc(&d.loc);
        self.attributes();
        self.int(d.immediate as i64);
        self.int(0);
        self.uid();
    }

    fn signature_item(&mut self, it: &SignatureItem) {
        match it {
            SignatureItem::Value(id, v) => {
                self.block(0, 3);
                self.ident(id);
                // { val_type; val_kind; val_loc; val_attributes; val_uid }
                self.block(0, 5);
                self.inferred = self.structure_side;
                self.type_expr(v.ty);
                self.inferred = false;
                match &v.kind {
                    ValueKind::Regular | ValueKind::Class(_) => self.int(0),
                    ValueKind::Primitive(p) => {
                        self.block(0, 1);
                        // { prim_name; prim_arity; prim_alloc; prim_native_name; prim_native_repr_args; prim_native_repr_res }
                        self.block(0, 6);
                        self.string(&p.name);
                        self.int(p.arity as i64);
                        self.int(p.alloc as i64);
                        self.string(&p.native_name);
                        self.list(&vec![(); p.arity], |s, _| s.int(0));
                        self.int(0);
                    }
                }
                self.loc(&v.loc);
                self.attributes();
                self.uid();
                self.int(0);
            }
            SignatureItem::Type(id, d, _) => {
                self.block(1, 4);
                self.ident(id);
                self.type_decl(d);
                self.int(0);
                self.int(0);
            }
            SignatureItem::TypeExt(id, e, _) => {
                self.block(2, 4);
                self.ident(id);
                // 8 fields: type_path, type_params, args, ret_type, private, loc, attributes, uid
                self.block(0, 8);
                self.path(&e.type_path);
                self.list(&e.type_params, |s, t| s.type_expr(*t));
                self.constructor_args(&e.args);
                self.option(e.ret_type.as_ref(), |s, t| s.type_expr(*t));
                self.int(e.private as i64);
                self.loc(&e.loc);
                self.attributes();
                self.uid();
                self.int(0);
                self.int(0);
            }
            SignatureItem::Module(id, m, _) => {
                self.block(3, 5);
                self.ident(id);
                self.int(0);
                // { md_type; md_attributes; md_loc; md_uid }
                self.block(0, 4);
                self.module_type(&m.mty);
                self.attributes();
                self.loc(&m.loc);
                self.uid();
                self.int(0);
                self.int(0);
            }
            SignatureItem::ModType(id, m) => {
                self.block(4, 3);
                self.ident(id);
                // { mtd_type; mtd_attributes; mtd_loc; mtd_uid }
                self.block(0, 4);
                self.option(m.mty.as_ref(), |s, t| s.module_type(t));
                self.attributes();
                self.loc(&m.loc);
                self.uid();
                self.int(0);
            }
        }
    }

    fn module_type(&mut self, m: &ModuleType) {
        match m {
            ModuleType::Ident(p) => {
                self.block(0, 1);
                self.path(p);
            }
            ModuleType::Signature(sg) => {
                self.block(1, 1);
                self.list(sg, |s, it| s.signature_item(it));
            }
            ModuleType::Functor(param, res) => {
                self.block(2, 2);
                match param {
                    None => self.int(0),
                    Some((id, mty)) => {
                        self.block(0, 2);
                        self.option(Some(id), |s, id| s.ident(id));
                        self.module_type(mty);
                    }
                }
                self.module_type(res);
            }
            ModuleType::Alias(p) => {
                self.block(3, 1);
                self.path(p);
            }
        }
    }
}
