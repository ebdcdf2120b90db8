//! The match compiler proper: turns a clause matrix into Lambda.
//!
//! At each step it picks a column (`match_rows::choose_column`), takes the run of rows from the
//! top that test that column (a "chunk"), and emits one switch for them: each row goes to
//! exactly one arm, where it is specialised by the constructor found (its sub-patterns become
//! new columns). The rows after the chunk are compiled once, in the handler of a static exit
//! that every failure inside the chunk jumps to. No row is ever copied into two arms, so the
//! code stays linear in the size of the patterns (or-patterns excepted: their alternatives
//! become rows of their own, sharing the action).
//!
//! What the switches already established is kept as `Knowledge` (also across exits, met at
//! the handler), so a later chunk does not test again what is known, and drops the rows and
//! defaults that cannot match.

use super::core::{constant, Translator, TranslError};
use super::match_knowledge::{Fact, Key, Knowledge};
use super::match_rows::{choose_column, drop_wild_columns, is_irrefutable_head, normalize, split_or, Occ, Row};
use super::match_switch as sw;
use crate::lambda::{ArrayKind, Constant, Lambda, Primitive as P, Var};
use crate::typing::typedtree::{self as T, PatternDesc as D};
use crate::typing::types::{hash_variant, ConstructorDescription, ConstructorTag, LabelDescription, RecordRepr};
use std::collections::HashMap;
use std::rc::Rc;

type R<T> = Result<T, TranslError>;

/// What a row does once all its patterns matched.
pub enum Action {
    /// Jump to a handler, passing the values of the case's variables (in this order).
    Exit { label: u32, vars: Vec<Var> },
    /// Evaluate the guard here (the row has a single leaf): its body if true, else go on
    /// with the rows below. Both are taken by the leaf.
    Guarded { guard: Option<Lambda>, rhs: Option<Lambda> },
}

/// How a sub-column's value is loaded from its parent.
#[derive(Clone, Copy)]
enum Load {
    /// The parent itself (unboxed constructors and records, inline records).
    Same,
    Field(usize),
    FloatField(usize),
    ArrayElt(usize),
}

#[derive(Clone, Copy)]
struct SubCol {
    load: Load,
    immutable: bool,
}

pub struct MatchCompiler<'t, 'a> {
    pub tr: &'t mut Translator<'a>,
    pub actions: Vec<Action>,
    /// For each label jumped to so far: what is known at every jump.
    exits: HashMap<u32, Knowledge>,
    /// The labels created for this match (candidates for inlining).
    pub labels: Vec<u32>,
}

fn err<X>(p: &T::Pattern, msg: &str) -> R<X> {
    Err(TranslError { loc: p.loc.clone(), msg: format!("pattern matching: {}", msg), notes: vec![] })
}

impl<'t, 'a> MatchCompiler<'t, 'a> {
    pub fn new(tr: &'t mut Translator<'a>) -> Self {
        MatchCompiler { tr, actions: Vec::new(), exits: HashMap::new(), labels: Vec::new() }
    }

    pub fn label(&mut self) -> u32 {
        let l = self.tr.fresh.label();
        self.labels.push(l);
        l
    }

    /// `exit label args`, remembering what is known at this jump.
    pub fn exit(&mut self, label: u32, args: Vec<Lambda>, know: &Knowledge) -> Lambda {
        let met = match self.exits.get(&label) {
            Some(k) => k.meet(know),
            None => know.clone(),
        };
        self.exits.insert(label, met);
        Lambda::StaticRaise(label, args)
    }

    /// What holds at the handler of `label`, or `None` when nothing jumps there.
    pub fn known_at(&mut self, label: u32) -> Option<Knowledge> {
        self.exits.remove(&label)
    }

    pub fn compile<'p>(&mut self, mut occs: Vec<Occ>, mut rows: Vec<Row<'p>>, fail: u32, know: &Knowledge) -> R<Lambda> {
        if rows.is_empty() {
            return Ok(self.exit(fail, vec![], know));
        }
        normalize(&mut rows, &occs);
        drop_wild_columns(&mut occs, &mut rows);
        if rows[0].is_all_wild() {
            return self.leaf(occs, rows, fail, know);
        }
        let c = choose_column(&rows);
        if let Some(split) = split_or(&rows, c, &occs[c]) {
            return self.compile(occs, split, fail, know);
        }
        let Some(head) = rows.iter().find_map(|r| r.cells[c]) else {
            return Err(TranslError { loc: crate::parsing::location::Location::none(), msg: "pattern matching: empty column chosen".into(), notes: vec![] });
        };
        if is_irrefutable_head(head) {
            return self.decompose(occs, rows, c, head, fail, know);
        }
        if let D::Lazy(_) = head.desc {
            return self.force(occs, rows, c, head, fail, know);
        }
        // The chunk: the rows from the top that test column `c` (for exceptions, the same
        // constructor: two paths may name the same exception, so they are tested in order).
        let same_chunk = |r: &Row<'p>| match (r.cells[c], &head.desc) {
            (None, _) => false,
            (Some(p), D::Construct(_, hd, _)) if matches!(hd.tag, ConstructorTag::Extension(_)) => {
                matches!(&p.desc, D::Construct(_, cd, _) if cd.tag == hd.tag)
            }
            _ => true,
        };
        let split_at = rows.iter().position(|r| !same_chunk(r)).unwrap_or(rows.len());
        let rest = rows.split_off(split_at);
        let chunk_fail = if rest.is_empty() { fail } else { self.label() };
        let code = match &head.desc {
            D::Construct(_, cd, _) => match cd.tag {
                ConstructorTag::Extension(_) => self.extension_test(&occs, rows, c, head, chunk_fail, know)?,
                _ => self.constructor_switch(&occs, rows, c, cd, chunk_fail, know)?,
            },
            D::Constant(_) => self.constant_switch(&occs, rows, c, chunk_fail, know)?,
            D::Array(_) => self.array_switch(&occs, rows, c, chunk_fail, know)?,
            D::Variant(..) => self.variant_switch(&occs, rows, c, chunk_fail, know)?,
            _ => return err(head, "unexpected pattern in a tested column"),
        };
        if rest.is_empty() {
            return Ok(code);
        }
        match self.known_at(chunk_fail) {
            None => Ok(code),
            Some(k) => {
                let handler = self.compile(occs, rest, fail, &k)?;
                Ok(Lambda::StaticCatch(Box::new(code), chunk_fail, vec![], Box::new(handler)))
            }
        }
    }

    /// The first row matches: bind its variables and run its action.
    fn leaf<'p>(&mut self, occs: Vec<Occ>, mut rows: Vec<Row<'p>>, fail: u32, know: &Knowledge) -> R<Lambda> {
        let row = rows.remove(0);
        let lookup = |v: &Var| row.binds.iter().find(|(x, _)| x == v).map(|(_, o)| Lambda::Var(o.clone()));
        match &mut self.actions[row.action] {
            Action::Exit { label, vars } => {
                let (label, vars) = (*label, vars.clone());
                let mut args = Vec::new();
                for v in &vars {
                    match lookup(v) {
                        Some(a) => args.push(a),
                        None => {
                            return Err(TranslError {
                                loc: crate::parsing::location::Location::none(),
                                msg: format!("pattern matching: variable {:?} not bound", v),
                                notes: vec![],
                            })
                        }
                    }
                }
                Ok(self.exit(label, args, know))
            }
            Action::Guarded { guard, rhs } => {
                let (Some(g), Some(rhs)) = (guard.take(), rhs.take()) else {
                    return Err(TranslError {
                        loc: crate::parsing::location::Location::none(),
                        msg: "pattern matching: a guarded case reached twice".into(),
                        notes: vec![],
                    });
                };
                let rest = self.compile(occs, rows, fail, know)?;
                let mut code = Lambda::if_(g, rhs, rest);
                for (x, o) in row.binds.into_iter().rev() {
                    code = Lambda::let_(x, Lambda::Var(o), code);
                }
                Ok(code)
            }
        }
    }

    /// Replaces column `c` by the sub-columns `shape` (loaded from its value), each row's cell
    /// by `cells_of` of it. Sub-columns no row tests are not loaded.
    fn specialize<'p>(
        &mut self,
        occs: &[Occ],
        rows: Vec<Row<'p>>,
        c: usize,
        shape: &[SubCol],
        cells_of: impl Fn(&'p T::Pattern) -> Vec<Option<&'p T::Pattern>>,
    ) -> (Vec<Occ>, Vec<Row<'p>>, Vec<(Var, Lambda)>) {
        let subs: Vec<Vec<Option<&'p T::Pattern>>> = rows
            .iter()
            .map(|r| match r.cells[c] {
                Some(p) => cells_of(p).into_iter().map(|x| x.filter(|q| !matches!(q.desc, D::Any))).collect(),
                None => vec![None; shape.len()],
            })
            .collect();
        let needed: Vec<bool> = (0..shape.len()).map(|j| subs.iter().any(|s| s.get(j).is_some_and(|x| x.is_some()))).collect();
        let parent = &occs[c];
        let mut lets = Vec::new();
        let mut new_occs: Vec<Occ> = occs[..c].to_vec();
        for (j, col) in shape.iter().enumerate() {
            if !needed[j] {
                continue;
            }
            let pv = Lambda::Var(parent.var.clone());
            let (occ, load) = match col.load {
                Load::Same => (parent.clone(), None),
                Load::Field(i) => {
                    let v = self.tr.fresh.var("field");
                    (parent.field(v.clone(), i, col.immutable), Some((v, Lambda::Prim(P::Field(i), vec![pv]))))
                }
                Load::FloatField(i) => {
                    let v = self.tr.fresh.var("field");
                    (Occ { var: v.clone(), path: None }, Some((v, Lambda::Prim(P::FloatField(i), vec![pv]))))
                }
                Load::ArrayElt(i) => {
                    let v = self.tr.fresh.var("elt");
                    let load = Lambda::Prim(P::ArrayRef(ArrayKind::Gen, false), vec![pv, Lambda::int(i as i64)]);
                    (Occ { var: v.clone(), path: None }, Some((v, load)))
                }
            };
            lets.extend(load);
            new_occs.push(occ);
        }
        new_occs.extend(occs[c + 1..].iter().cloned());
        let new_rows = rows
            .into_iter()
            .zip(subs)
            .map(|(r, sub)| {
                let mut cells: Vec<Option<&'p T::Pattern>> = r.cells[..c].to_vec();
                cells.extend(sub.into_iter().zip(&needed).filter(|(_, n)| **n).map(|(x, _)| x));
                cells.extend(r.cells[c + 1..].iter().copied());
                Row { cells, binds: r.binds, action: r.action }
            })
            .collect();
        (new_occs, new_rows, lets)
    }

    /// Specialise, compile the result, and bind the loads around it.
    fn specialize_and_compile<'p>(
        &mut self,
        occs: &[Occ],
        rows: Vec<Row<'p>>,
        c: usize,
        shape: &[SubCol],
        cells_of: impl Fn(&'p T::Pattern) -> Vec<Option<&'p T::Pattern>>,
        fail: u32,
        know: &Knowledge,
    ) -> R<Lambda> {
        let (occs, rows, lets) = self.specialize(occs, rows, c, shape, cells_of);
        let body = self.compile(occs, rows, fail, know)?;
        Ok(wrap_lets(lets, body))
    }

    /// Tuples, records and the constructor of single-constructor types: no test, the column
    /// becomes the columns of the components, for every row.
    fn decompose<'p>(&mut self, occs: Vec<Occ>, rows: Vec<Row<'p>>, c: usize, head: &'p T::Pattern, fail: u32, know: &Knowledge) -> R<Lambda> {
        match &head.desc {
            D::Tuple(ps) => {
                let shape: Vec<SubCol> = (0..ps.len()).map(|i| SubCol { load: Load::Field(i), immutable: true }).collect();
                let n = ps.len();
                let cells_of = move |p: &'p T::Pattern| match &p.desc {
                    D::Tuple(qs) => qs.iter().map(Some).collect(),
                    _ => vec![None; n],
                };
                self.specialize_and_compile(&occs, rows, c, &shape, cells_of, fail, know)
            }
            D::Record(..) => {
                let labels = record_labels(&rows, c);
                let shape: Vec<SubCol> = labels.iter().map(|ld| field_col(ld)).collect();
                let cells_of = |p: &'p T::Pattern| record_cells(p, &labels);
                self.specialize_and_compile(&occs, rows, c, &shape, cells_of, fail, know)
            }
            D::Construct(_, cd, _) => {
                let shape = constructor_shape(cd, 0);
                let n = shape.len();
                let cells_of = move |p: &'p T::Pattern| match &p.desc {
                    D::Construct(_, _, qs) if qs.len() == n => qs.iter().map(Some).collect(),
                    _ => vec![None; n],
                };
                self.specialize_and_compile(&occs, rows, c, &shape, cells_of, fail, know)
            }
            _ => err(head, "not a decomposable pattern"),
        }
    }

    /// A column of `lazy p` patterns: force the value once and match its result.
    fn force<'p>(&mut self, mut occs: Vec<Occ>, mut rows: Vec<Row<'p>>, c: usize, head: &'p T::Pattern, fail: u32, know: &Knowledge) -> R<Lambda> {
        let x = self.tr.fresh.var("forced");
        let forced = self.tr.lazy_force(Lambda::Var(occs[c].var.clone()), &head.loc)?;
        occs[c] = Occ { var: x.clone(), path: None };
        for r in &mut rows {
            if let Some(p) = r.cells[c] {
                r.cells[c] = match &p.desc {
                    D::Lazy(q) => Some(q),
                    _ => return err(p, "expected a lazy pattern"),
                };
            }
        }
        let body = self.compile(occs, rows, fail, know)?;
        Ok(Lambda::let_(x, forced, body))
    }

    /// Switch on the constructors of a variant type.
    fn constructor_switch<'p>(
        &mut self,
        occs: &[Occ],
        rows: Vec<Row<'p>>,
        c: usize,
        cd0: &ConstructorDescription,
        fail: u32,
        know: &Knowledge,
    ) -> R<Lambda> {
        let path = occs[c].path.clone();
        let key_of = |p: &T::Pattern| match &p.desc {
            D::Construct(_, cd, _) => match cd.tag {
                ConstructorTag::Constant(n) => Some(Key::Imm(n as i64)),
                ConstructorTag::Block(t) => Some(Key::Tag(t as u8)),
                _ => None,
            },
            _ => None,
        };
        let all: Vec<Key> = (0..cd0.consts)
            .map(|n| Key::Imm(n as i64))
            .chain((0..cd0.nonconsts).map(|t| Key::Tag(t as u8)))
            .collect();
        let possible: Vec<Key> = all.into_iter().filter(|k| know.may_be(&path, *k)).collect();
        let groups = group_rows(rows, c, |p| key_of(p).filter(|k| possible.contains(k)));
        let keys: Vec<Key> = groups.iter().map(|(k, _)| *k).collect();
        let covered = possible.iter().all(|k| keys.contains(k));
        let mut consts = Vec::new();
        let mut blocks = Vec::new();
        for (key, group) in groups {
            let Some(first) = group[0].cells[c] else { continue };
            let D::Construct(_, cd, _) = &first.desc else { return err(first, "expected a constructor") };
            let shape = constructor_shape(cd, 0);
            let n = shape.len();
            let cells_of = move |p: &'p T::Pattern| match &p.desc {
                D::Construct(_, _, qs) if qs.len() == n => qs.iter().map(Some).collect(),
                _ => vec![None; n],
            };
            let arm = self.specialize_and_compile(occs, group, c, &shape, cells_of, fail, &know.with_is(&path, key))?;
            match key {
                Key::Imm(n) => consts.push((n, arm)),
                Key::Tag(t) => blocks.push((t, arm)),
            }
        }
        if consts.is_empty() && blocks.is_empty() {
            return Ok(self.exit(fail, vec![], know));
        }
        let default = (!covered).then(|| self.exit(fail, vec![], &know.with_not(&path, keys.iter().copied())));
        let reach = |is_kind: fn(&Key) -> bool| sw::Reach {
            possible: possible.iter().any(is_kind),
            covered: possible.iter().filter(|k| is_kind(k)).all(|k| keys.contains(k)),
        };
        let ints = reach(|k| matches!(k, Key::Imm(_)));
        let ptrs = reach(|k| matches!(k, Key::Tag(_)));
        Ok(sw::constructor_switch(&occs[c].var, consts, blocks, default, ints, ptrs))
    }

    /// Switch on constants: a switch for ints and chars, a string switch, or a cascade of
    /// equality tests (floats, boxed integers).
    fn constant_switch<'p>(&mut self, occs: &[Occ], rows: Vec<Row<'p>>, c: usize, fail: u32, know: &Knowledge) -> R<Lambda> {
        let occ = occs[c].clone();
        let mut groups: Vec<(Constant, Vec<Row<'p>>)> = Vec::new();
        for r in rows {
            let Some(p) = r.cells[c] else { continue };
            let D::Constant(k) = &p.desc else { return err(p, "expected a constant") };
            let k = constant(k, &p.loc)?;
            if let Constant::Int(n) = k {
                if !know.may_be(&occ.path, Key::Imm(n)) {
                    continue;
                }
            }
            match groups.iter_mut().find(|(g, _)| *g == k) {
                Some((_, g)) => g.push(r),
                None => groups.push((k, vec![r])),
            }
        }
        if groups.is_empty() {
            return Ok(self.exit(fail, vec![], know));
        }
        let is_int = matches!(groups[0].0, Constant::Int(_));
        if is_int {
            if let Some(Fact::Is(Key::Imm(_))) = know.fact(&occ.path) {
                // Known value: only its rows remain, no test.
                let (_, group) = groups.remove(0);
                return self.specialize_and_compile(occs, group, c, &[], |_| vec![], fail, know);
            }
        }
        let mut arms = Vec::new();
        let mut keys = Vec::new();
        for (k, group) in groups {
            let sub_know = match k {
                Constant::Int(n) => {
                    keys.push(Key::Imm(n));
                    know.with_is(&occ.path, Key::Imm(n))
                }
                _ => know.clone(),
            };
            let arm = self.specialize_and_compile(occs, group, c, &[], |_| vec![], fail, &sub_know)?;
            arms.push((k, arm));
        }
        let default = self.exit(fail, vec![], &know.with_not(&occ.path, keys));
        Ok(match arms[0].0 {
            Constant::Int(_) => {
                let cases = arms.into_iter().map(|(k, a)| (if let Constant::Int(n) = k { n } else { 0 }, a)).collect();
                sw::int_switch(Lambda::Var(occ.var.clone()), cases, Some(default))
            }
            Constant::String(_) => {
                let cases = arms
                    .into_iter()
                    .map(|(k, a)| (if let Constant::String(s) = k { s } else { Rc::from(&[][..]) }, a))
                    .collect();
                sw::string_switch(self.tr.fresh, &occ.var, cases, default)
            }
            _ => sw::equality_cascade(&occ.var, arms, default),
        })
    }

    /// Switch on the length of an array; each arm matches the elements.
    fn array_switch<'p>(&mut self, occs: &[Occ], rows: Vec<Row<'p>>, c: usize, fail: u32, know: &Knowledge) -> R<Lambda> {
        let groups = group_rows(rows, c, |p| match &p.desc {
            D::Array(ps) => Some(ps.len()),
            _ => None,
        });
        let mut cases = Vec::new();
        for (len, group) in groups {
            let shape: Vec<SubCol> = (0..len).map(|i| SubCol { load: Load::ArrayElt(i), immutable: false }).collect();
            let cells_of = move |p: &'p T::Pattern| match &p.desc {
                D::Array(qs) if qs.len() == len => qs.iter().map(Some).collect(),
                _ => vec![None; len],
            };
            cases.push((len as i64, self.specialize_and_compile(occs, group, c, &shape, cells_of, fail, know)?));
        }
        let default = self.exit(fail, vec![], know);
        let length = Lambda::Prim(P::ArrayLength(ArrayKind::Gen), vec![Lambda::Var(occs[c].var.clone())]);
        Ok(sw::int_switch(length, cases, Some(default)))
    }

    /// Polymorphic variants: constant tags are immediates (their hash), the others blocks
    /// `[hash; argument]`.
    fn variant_switch<'p>(&mut self, occs: &[Occ], rows: Vec<Row<'p>>, c: usize, fail: u32, know: &Knowledge) -> R<Lambda> {
        let groups = group_rows(rows, c, |p| match &p.desc {
            D::Variant(tag, arg) => Some((hash_variant(tag), arg.is_some())),
            _ => None,
        });
        let mut consts = Vec::new();
        let mut blocks = Vec::new();
        for ((hash, has_arg), group) in groups {
            if has_arg {
                let shape = [SubCol { load: Load::Field(1), immutable: true }];
                let cells_of = |p: &'p T::Pattern| match &p.desc {
                    D::Variant(_, Some(q)) => vec![Some(&**q)],
                    _ => vec![None],
                };
                blocks.push((hash, self.specialize_and_compile(occs, group, c, &shape, cells_of, fail, know)?));
            } else {
                consts.push((hash, self.specialize_and_compile(occs, group, c, &[], |_| vec![], fail, know)?));
            }
        }
        let default = self.exit(fail, vec![], know);
        let v = Lambda::Var(occs[c].var.clone());
        let on_int = if consts.is_empty() { default.clone() } else { sw::int_switch(v.clone(), consts, Some(default.clone())) };
        let on_block = if blocks.is_empty() {
            default
        } else {
            let h = self.tr.fresh.var("hash");
            Lambda::let_(h.clone(), Lambda::Prim(P::Field(0), vec![v.clone()]), sw::int_switch(Lambda::Var(h), blocks, Some(default)))
        };
        Ok(Lambda::if_(Lambda::Prim(P::IsInt, vec![v]), on_int, on_block))
    }

    /// Exception (extension) constructors: compared physically with the constructor, one
    /// constructor per chunk.
    fn extension_test<'p>(&mut self, occs: &[Occ], rows: Vec<Row<'p>>, c: usize, head: &'p T::Pattern, fail: u32, know: &Knowledge) -> R<Lambda> {
        let D::Construct(_, cd, _) = &head.desc else { return err(head, "expected a constructor") };
        let ConstructorTag::Extension(path) = &cd.tag else { return err(head, "expected an extension constructor") };
        let slot = self.tr.extension_slot(path, &head.loc)?;
        let shape = constructor_shape(cd, 1);
        let n = shape.len();
        let v = Lambda::Var(occs[c].var.clone());
        let ctor = if shape.is_empty() { v } else { Lambda::Prim(P::Field(0), vec![v]) };
        let test = Lambda::Prim(P::PhysEq, vec![ctor, slot]);
        let cells_of = move |p: &'p T::Pattern| match &p.desc {
            D::Construct(_, _, qs) if qs.len() == n => qs.iter().map(Some).collect(),
            _ => vec![None; n],
        };
        let arm = self.specialize_and_compile(occs, rows, c, &shape, cells_of, fail, know)?;
        let miss = self.exit(fail, vec![], know);
        Ok(Lambda::if_(test, arm, miss))
    }
}

/// The sub-columns of a constructor's arguments: fields from `first` on, or (inline record)
/// the block itself, matched by the record pattern.
fn constructor_shape(cd: &ConstructorDescription, first: usize) -> Vec<SubCol> {
    if cd.tag == ConstructorTag::Unboxed || cd.inline_record.is_some() {
        return vec![SubCol { load: Load::Same, immutable: true }];
    }
    (0..cd.arity).map(|i| SubCol { load: Load::Field(first + i), immutable: true }).collect()
}

/// The labels some row's record pattern at column `c` mentions, in field order.
fn record_labels(rows: &[Row<'_>], c: usize) -> Vec<Rc<LabelDescription>> {
    let mut labels: Vec<Rc<LabelDescription>> = Vec::new();
    for r in rows {
        if let Some(T::Pattern { desc: D::Record(fs, _), .. }) = r.cells[c] {
            for (_, ld, _) in fs {
                if !labels.iter().any(|l| l.pos == ld.pos) {
                    labels.push(ld.clone());
                }
            }
        }
    }
    labels.sort_by_key(|l| l.pos);
    labels
}

fn field_col(ld: &LabelDescription) -> SubCol {
    let immutable = !ld.mutable;
    match ld.repr {
        RecordRepr::Float => SubCol { load: Load::FloatField(ld.pos), immutable },
        RecordRepr::Unboxed => SubCol { load: Load::Same, immutable },
        RecordRepr::Extension => SubCol { load: Load::Field(ld.pos + 1), immutable },
        RecordRepr::Regular | RecordRepr::Inlined { .. } => SubCol { load: Load::Field(ld.pos), immutable },
    }
}

fn record_cells<'p>(p: &'p T::Pattern, labels: &[Rc<LabelDescription>]) -> Vec<Option<&'p T::Pattern>> {
    match &p.desc {
        D::Record(fs, _) => labels.iter().map(|l| fs.iter().find(|(_, ld, _)| ld.pos == l.pos).map(|(_, _, q)| q)).collect(),
        _ => vec![None; labels.len()],
    }
}

/// Rows grouped by the key of their cell at `c`, groups in order of first appearance, rows in
/// order within each. Rows whose key is `None` (impossible here) are dropped.
fn group_rows<'p, K: PartialEq>(rows: Vec<Row<'p>>, c: usize, key_of: impl Fn(&T::Pattern) -> Option<K>) -> Vec<(K, Vec<Row<'p>>)> {
    let mut groups: Vec<(K, Vec<Row<'p>>)> = Vec::new();
    for r in rows {
        let Some(k) = r.cells[c].and_then(&key_of) else { continue };
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, g)) => g.push(r),
            None => groups.push((k, vec![r])),
        }
    }
    groups
}

fn wrap_lets(lets: Vec<(Var, Lambda)>, body: Lambda) -> Lambda {
    lets.into_iter().rev().fold(body, |acc, (v, e)| Lambda::let_(v, e, acc))
}
