//! Expressions and structure items.

use super::debug_scope::{first_bound_name, FunctionScope};
use super::matching;
use super::primitives::{self, Operands};
use crate::lambda::{
    ArrayKind, BoxedInt, Constant, Direction, Fresh, Function, Lambda, Mutability, Primitive as P, RaiseKind, Var,
};
use crate::parsing::asttypes::{DirectionFlag, RecFlag};
use crate::parsing::location::Location;
use crate::typing::ident::Ident;
use crate::typing::path::Path;
use crate::typing::typedtree as T;
use crate::typing::types::{self, ConstructorDescription, ConstructorTag, RecordRepr, TypeDesc, TypeExpr, ValueKind};
use std::rc::Rc;

#[path = "object.rs"]
mod object;

#[derive(Debug)]
pub struct TranslError {
    pub loc: Location,
    pub msg: String,
    /// Further locations with a line of text each, printed after the error (OCaml's
    /// sub-messages).
    pub notes: Vec<(Location, String)>,
}

pub fn ident_var(id: &Ident) -> Var {
    Var { name: id.name.clone(), stamp: id.stamp }
}

/// Resolves paths that are not local variables: values of earlier toplevel phrases, fields of
/// compilation units, predefined exceptions.
pub type Resolver<'a> = &'a dyn Fn(&Path) -> Option<Lambda>;

pub struct Translator<'a> {
    pub fresh: &'a mut Fresh,
    pub(super) resolve: Resolver<'a>,
    /// The environment after typing, to find the signatures of modules.
    pub env: Option<&'a crate::typing::env::Env>,
    /// `env` extended with the modules and module types bound inside the code being
    /// translated (submodules, functor parameters), see `module.rs`.
    pub scope: Option<crate::typing::env::Env>,
    /// Subtracted from line numbers in `Assert_failure`/`Match_failure` (the toplevel numbers
    /// the lines of each phrase from 1).
    pub line_offset: i64,
    /// Names of the unit and modules around the code being translated: exception constructors
    /// are named by them (`Stdlib.Scanf.Scan_failure`, `M.E`), as `Printexc` shows them.
    pub module_path: Vec<String>,
    /// Record source locations of calls and raises (`Lambda::Loc`), for backtraces.
    pub debug: bool,
    /// The backtrace name of the code being translated (`debug_scope.rs`).
    pub debug_scope: super::debug_scope::DebugScope,
    /// Variables bound to a caught exception by the handlers around (`raise` of one re-raises).
    pub(super) caught: std::collections::HashSet<Var>,
}

type R<T> = Result<T, TranslError>;

fn err<T>(loc: &Location, msg: impl Into<String>) -> R<T> {
    Err(TranslError { loc: loc.clone(), msg: msg.into(), notes: vec![] })
}

/// The type constructor at the head of `t`, if any (abbreviations are not expanded).
fn head_constr(t: TypeExpr) -> Option<(Path, Rc<[TypeExpr]>)> {
    match types::desc(t) {
        TypeDesc::Constr(p, args) => Some((p, args)),
        TypeDesc::Poly(t, _) => head_constr(t),
        _ => None,
    }
}

fn is_predef(t: TypeExpr, names: &[&str]) -> bool {
    match head_constr(t) {
        Some((Path::Pident(id), _)) => id.kind == crate::typing::ident::IdentKind::Predef && names.contains(&id.name()),
        _ => false,
    }
}

/// How comparisons of values of type `t` can be compiled.
pub fn operands_of(t: TypeExpr) -> Operands {
    if is_predef(t, &["int", "char", "bool", "unit"]) {
        Operands::Int
    } else if is_predef(t, &["float"]) {
        Operands::Float
    } else if is_predef(t, &["string", "bytes"]) {
        Operands::String
    } else if is_predef(t, &["int32"]) {
        Operands::Boxed(BoxedInt::Int32)
    } else if is_predef(t, &["int64"]) {
        Operands::Boxed(BoxedInt::Int64)
    } else if is_predef(t, &["nativeint"]) {
        Operands::Boxed(BoxedInt::Nativeint)
    } else {
        Operands::Generic
    }
}

/// The array kind for arrays of elements of type `t`. With an environment, abbreviations are
/// expanded and user-defined records and variants are known never to be floats (so their
/// arrays need no float-array test at each access).
fn array_kind_in(env: Option<&crate::typing::env::Env>, t: TypeExpr) -> ArrayKind {
    let t = match env {
        Some(env) => crate::typing::ctype::expand_head(env, t),
        None => t,
    };
    if is_predef(t, &["float"]) {
        ArrayKind::Float
    } else if is_predef(t, &["int", "char", "bool", "unit"]) {
        ArrayKind::Int
    } else if matches!(types::desc(t), TypeDesc::Tuple(_) | TypeDesc::Arrow(..) | TypeDesc::Variant(_)) {
        ArrayKind::Addr
    } else if matches!(types::desc(t), TypeDesc::Var(_)) || head_constr(t).is_none() {
        ArrayKind::Gen
    } else if is_predef(t, &["string", "bytes", "list", "option", "array", "exn", "int32", "int64", "nativeint"]) {
        ArrayKind::Addr
    } else {
        match (env, head_constr(t)) {
            (Some(env), Some((path, _))) => match env.find_type(&path) {
                Some(decl) if decl.manifest.is_none() => declared_kind(&decl),
                _ => ArrayKind::Gen,
            },
            // A user type might be an abbreviation of float: stay generic.
            _ => ArrayKind::Gen,
        }
    }
}

/// The array kind of a type defined by `decl` (not an abbreviation).
fn declared_kind(decl: &types::TypeDeclaration) -> ArrayKind {
    use types::TypeKind;
    if decl.unboxed {
        // `[@@unboxed]`: the values are those of the single field, maybe floats.
        return ArrayKind::Gen;
    }
    match &decl.kind {
        TypeKind::Variant(cds) if cds.iter().all(|c| c.args.is_empty()) => ArrayKind::Int,
        TypeKind::Variant(_) | TypeKind::Open => ArrayKind::Addr,
        TypeKind::Record(_, RecordRepr::Unboxed) => ArrayKind::Gen,
        TypeKind::Record(..) => ArrayKind::Addr,
        TypeKind::Abstract if decl.immediate => ArrayKind::Int,
        TypeKind::Abstract => ArrayKind::Gen,
    }
}

fn array_kind_of_array_in(env: Option<&crate::typing::env::Env>, t: TypeExpr) -> ArrayKind {
    let t = match env {
        Some(env) => crate::typing::ctype::expand_head(env, t),
        None => t,
    };
    match head_constr(t) {
        Some((Path::Pident(id), args)) if id.name() == "array" && args.len() == 1 => array_kind_in(env, args[0]),
        _ => ArrayKind::Gen,
    }
}

/// Values of this type are never pointers (stores need no write barrier).
fn is_immediate(t: TypeExpr) -> bool {
    is_predef(t, &["int", "char", "bool", "unit"])
}

pub fn parse_float_literal(s: &str) -> Option<f64> {
    let clean: String = s.chars().filter(|&c| c != '_').collect();
    if let Some(hex) = clean.strip_prefix("0x").or_else(|| clean.strip_prefix("0X")) {
        return parse_hex_float(hex, false);
    }
    if let Some(hex) = clean.strip_prefix("-0x").or_else(|| clean.strip_prefix("-0X")) {
        return parse_hex_float(hex, true);
    }
    clean.parse::<f64>().ok()
}

fn parse_hex_float(s: &str, neg: bool) -> Option<f64> {
    let (mant, exp) = match s.find(['p', 'P']) {
        Some(i) => (&s[..i], s[i + 1..].parse::<i32>().ok()?),
        None => (s, 0),
    };
    let (int_part, frac_part) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    let mut v = 0f64;
    for c in int_part.chars() {
        v = v * 16.0 + c.to_digit(16)? as f64;
    }
    let mut scale = 1.0 / 16.0;
    for c in frac_part.chars() {
        v += c.to_digit(16)? as f64 * scale;
        scale /= 16.0;
    }
    let r = v * 2f64.powi(exp);
    Some(if neg { -r } else { r })
}

pub fn constant(c: &T::Constant, loc: &Location) -> R<Constant> {
    Ok(match c {
        T::Constant::Int(n) => Constant::Int(*n),
        T::Constant::Char(c) => Constant::Int(*c as i64),
        T::Constant::String(s) => Constant::String(s.clone().into()),
        T::Constant::Float(s) => match parse_float_literal(s) {
            Some(f) => Constant::Float(f),
            None => return err(loc, format!("invalid float literal {}", s)),
        },
        T::Constant::Int32(n) => Constant::Int32(*n),
        T::Constant::Int64(n) => Constant::Int64(*n),
        T::Constant::Nativeint(n) => Constant::Nativeint(*n),
    })
}

impl<'a> Translator<'a> {
    pub fn new(fresh: &'a mut Fresh, resolve: Resolver<'a>) -> Translator<'a> {
        Translator {
            fresh,
            resolve,
            env: None,
            scope: None,
            line_offset: 0,
            module_path: Vec::new(),
            debug: false,
            debug_scope: Default::default(),
            caught: Default::default(),
        }
    }

    /// The array kind of values of type `t` (an array type), read through the environment.
    fn array_kind_of_array(&self, t: TypeExpr) -> ArrayKind {
        array_kind_of_array_in(self.scope.as_ref().or(self.env), t)
    }

    pub fn path(&mut self, p: &Path, loc: &Location) -> R<Lambda> {
        if let Some(l) = (self.resolve)(p) {
            return Ok(l);
        }
        match p {
            Path::Pident(id) if !id.is_global() => Ok(Lambda::Var(ident_var(id))),
            Path::Pdot(parent, name) => self.field_of(parent, super::module::CompKind::Value, name, loc),
            _ => err(loc, format!("Reference to {} is not supported yet by the native backend", crate::typing::printtyp::path_name(p))),
        }
    }

    /// The runtime constructor (an Object_tag block) of an extension constructor / exception.
    pub fn extension_slot(&mut self, p: &Path, loc: &Location) -> R<Lambda> {
        match p {
            Path::Pident(id) if id.kind == crate::typing::ident::IdentKind::Predef => {
                return Ok(Lambda::Prim(P::PredefExn(id.name.clone()), vec![]));
            }
            // The Stdlib re-exports the predefined exceptions (`exception Not_found = Not_found`).
            Path::Pdot(m, name)
                if matches!(&**m, Path::Pident(u) if u.is_global() && u.name() == "Stdlib")
                    && crate::typing::predef::EXCEPTION_NAMES.contains(&&**name) =>
            {
                return Ok(Lambda::Prim(P::PredefExn(name.clone()), vec![]));
            }
            Path::Pdot(parent, name) => return self.field_of(parent, super::module::CompKind::Extension, name, loc),
            _ => {}
        }
        self.path(p, loc)
    }

    /// A fresh exception constructor named `name`.
    pub fn new_extension(&mut self, name: &str) -> Lambda {
        let mut full = self.module_path.join(".");
        if !full.is_empty() {
            full.push('.');
        }
        full.push_str(name);
        Lambda::Prim(
            P::MakeBlock(248, Mutability::Immutable),
            vec![
                Lambda::Const(Constant::String(full.as_bytes().into())),
                Lambda::Prim(P::CCall { name: "caml_fresh_oo_id".into(), arity: 1, alloc: true }, vec![Lambda::int(0)]),
            ],
        )
    }

    /// Is `t` a `format6` (through `format`/`format4` abbreviations)? A string literal of
    /// that type is a format literal.
    fn is_format_type(&self, t: crate::typing::types::TypeExpr) -> bool {
        use crate::typing::types::{desc, TypeDesc};
        let mut t = t;
        for _ in 0..10 {
            if let TypeDesc::Constr(p, _) = desc(t) {
                if p.last() == "format6" {
                    return true;
                }
            }
            match self.env.and_then(|env| crate::typing::ctype::try_expand_once(env, t)) {
                Some(t2) => t = t2,
                None => return false,
            }
        }
        false
    }

    pub fn expr(&mut self, e: &T::Expression) -> R<Lambda> {
        use T::ExpressionDesc as D;
        Ok(match &e.desc {
            D::Ident(p, _, vd) => match &vd.kind {
                ValueKind::Primitive(prim) => self.eta_primitive(prim, e.ty, &e.loc)?,
                ValueKind::Regular | ValueKind::Class(_) => self.path(p, &e.loc)?,
            },
            D::Constant(T::Constant::String(s)) if self.is_format_type(e.ty) => {
                Lambda::Const(super::format_literal::format_value(s).or_else(|m| err(&e.loc, m))?)
            }
            D::Constant(c) => Lambda::Const(constant(c, &e.loc)?),
            D::Let(rf, vbs, body) => {
                let body = self.expr(body)?;
                self.let_bindings(*rf, vbs, body, Some(&e.loc))?
            }
            D::Function { .. } => {
                self.in_function_scope(FunctionScope::Anonymous, |tr| tr.function(e, "fun"))?
            }
            D::Apply(f, args) => {
                let sent = match &f.desc {
                    D::Send(obj, m) => self.send_apply(obj, m, args)?,
                    _ => None,
                };
                let l = match sent {
                    Some(l) => l,
                    None => self.apply(f, args, &e.loc)?,
                };
                let l = self.reraise_caught(l);
                self.at_loc(&e.loc, l)
            }
            D::Match { scrutinee, cases, exn_cases, partial } => match &scrutinee.desc {
                // `match a, b with ...`: OCaml evaluates these components left to right.
                D::Tuple(es) if exn_cases.is_empty() => {
                    let components = es.iter().map(|x| self.expr(x)).collect::<R<Vec<_>>>()?;
                    matching::compile_match_tuple(self, components, cases, *partial, &e.loc)?
                }
                _ => {
                    let s = self.expr(scrutinee)?;
                    matching::compile_match(self, s, cases, exn_cases, *partial, &e.loc)?
                }
            },
            D::Try(body, cases) => {
                let b = self.expr(body)?;
                let exn = self.fresh.var("exn");
                let reraise = self.hidden_loc(Lambda::Prim(P::Raise(RaiseKind::Reraise), vec![Lambda::Var(exn.clone())]));
                let handler = self.with_caught(cases, |tr| matching::compile_cases(tr, &exn, cases, reraise))?;
                Lambda::TryWith(Box::new(b), exn, Box::new(handler))
            }
            D::Tuple(es) => self.block(0, es, Mutability::Immutable)?,
            D::Construct(_, cd, args) => self.construct(cd, args, &e.loc)?,
            // `` `A `` is the tag's hash; `` `A x `` a block [hash; x] (as in OCaml).
            D::Variant(tag, None) => Lambda::int(types::hash_variant(tag)),
            D::Variant(tag, Some(arg)) => {
                let a = self.expr(arg)?;
                Lambda::Prim(P::MakeBlock(0, Mutability::Immutable), vec![Lambda::int(types::hash_variant(tag)), a])
            }
            D::Record { fields, repr, extended } => self.record(fields, *repr, extended.as_deref(), &e.loc)?,
            D::Field(r, _, ld) => {
                let r = self.expr(r)?;
                match ld.repr {
                    RecordRepr::Float => Lambda::Prim(P::FloatField(ld.pos), vec![r]),
                    RecordRepr::Unboxed => r,
                    RecordRepr::Extension => Lambda::Prim(P::Field(ld.pos + 1), vec![r]),
                    _ => Lambda::Prim(P::Field(ld.pos), vec![r]),
                }
            }
            D::Setfield(r, _, ld, v) => {
                let r = self.expr(r)?;
                let imm = is_immediate(v.ty);
                let v = self.expr(v)?;
                match ld.repr {
                    RecordRepr::Float => Lambda::Prim(P::SetFloatField(ld.pos), vec![r, v]),
                    RecordRepr::Extension => Lambda::Prim(P::SetField(ld.pos + 1, !imm), vec![r, v]),
                    _ => Lambda::Prim(P::SetField(ld.pos, !imm), vec![r, v]),
                }
            }
            D::Array(es) => {
                let kind = self.array_kind_of_array(e.ty);
                let args = es.iter().map(|x| self.expr(x)).collect::<R<Vec<_>>>()?;
                Lambda::Prim(P::MakeArray(kind, Mutability::Mutable), args)
            }
            D::IfThenElse(c, a, b) => {
                let c = self.expr(c)?;
                let a = self.expr(a)?;
                let b = match b {
                    Some(b) => self.expr(b)?,
                    None => crate::lambda::UNIT,
                };
                Lambda::if_(c, a, b)
            }
            D::Sequence(a, b) => Lambda::seq(self.expr(a)?, self.expr(b)?),
            D::While(c, b) => Lambda::While(Box::new(self.expr(c)?), Box::new(self.expr(b)?)),
            D::For(id, lo, hi, dir, body) => Lambda::For(
                ident_var(id),
                Box::new(self.expr(lo)?),
                Box::new(self.expr(hi)?),
                if *dir == DirectionFlag::Upto { Direction::Upto } else { Direction::Downto },
                Box::new(self.expr(body)?),
            ),
            D::LetException(id, _, body) => {
                let slot = self.new_extension(id.name());
                Lambda::let_(ident_var(id), slot, self.expr(body)?)
            }
            D::Assert(c) => {
                let (file, line, col) = self.source_location(&e.loc);
                let exn = Lambda::Prim(
                    P::MakeBlock(0, Mutability::Immutable),
                    vec![
                        Lambda::Prim(P::PredefExn("Assert_failure".into()), vec![]),
                        Lambda::Const(Constant::Block(
                            0,
                            vec![Constant::String(file.as_bytes().into()), Constant::Int(line), Constant::Int(col)],
                        )),
                    ],
                );
                let raise = self.at_loc(&e.loc, Lambda::Prim(P::Raise(RaiseKind::Regular), vec![exn]));
                if is_false_constant(c) {
                    raise
                } else {
                    Lambda::if_(self.expr(c)?, crate::lambda::UNIT, raise)
                }
            }
            D::Open(_, body) => self.expr(body)?,
            D::Lazy(inner) => self.lazy_value(inner)?,
            D::LetModule(id, me, body) => self.let_module(id.as_ref(), me, body)?,
            D::Pack(me, target) => {
                let m = self.module_expr(me)?;
                self.coerce(m, &me.mty, target, &e.loc)?
            }
            D::Object(o) => self.object(o)?,
            D::Send(obj, m) => {
                let l = self.send(obj, m, vec![])?;
                let l = self.reraise_caught(l);
                self.at_loc(&e.loc, l)
            }
            D::InstVar(s, i) => self.inst_var(s, *i),
            D::SetInstVar(s, i, v) => self.set_inst_var(s, *i, v)?,
            D::Override(s, fields) => self.override_(s, fields)?,
            D::Unreachable => Lambda::Prim(P::Raise(RaiseKind::Regular), vec![Lambda::Prim(P::PredefExn("Match_failure".into()), vec![])]),
        })
    }

    fn block(&mut self, tag: u8, es: &[T::Expression], m: Mutability) -> R<Lambda> {
        let args = es.iter().map(|x| self.expr(x)).collect::<R<Vec<_>>>()?;
        Ok(make_block(tag, args, m))
    }

    fn construct(&mut self, cd: &ConstructorDescription, args: &[T::Expression], loc: &Location) -> R<Lambda> {
        Ok(match &cd.tag {
            ConstructorTag::Constant(n) => Lambda::int(*n as i64),
            ConstructorTag::Block(t) => {
                let m = if args.len() == 1 && matches!(args[0].desc, T::ExpressionDesc::Record { .. }) {
                    Mutability::Mutable
                } else {
                    Mutability::Immutable
                };
                if let [a] = args {
                    if let T::ExpressionDesc::Record { fields, repr: RecordRepr::Inlined { .. }, extended } = &a.desc {
                        return self.record(fields, RecordRepr::Inlined { tag: *t }, extended.as_deref(), loc);
                    }
                }
                self.block(*t as u8, args, m)?
            }
            ConstructorTag::Unboxed => match args {
                [a] => self.expr(a)?,
                _ => return err(loc, "unboxed constructor without exactly one argument"),
            },
            ConstructorTag::Extension(p) => {
                let slot = self.extension_slot(p, loc)?;
                // An inline record: one block, the constructor's slot then the fields.
                if let [a] = args {
                    if let T::ExpressionDesc::Record { fields, repr: RecordRepr::Extension, extended } = &a.desc {
                        return self.record_with_slot(fields, RecordRepr::Extension, extended.as_deref(), Some(slot), loc);
                    }
                }
                if args.is_empty() {
                    slot
                } else {
                    let mut fields = vec![slot];
                    for a in args {
                        fields.push(self.expr(a)?);
                    }
                    Lambda::Prim(P::MakeBlock(0, Mutability::Immutable), fields)
                }
            }
        })
    }

    fn record(
        &mut self,
        fields: &[(Rc<types::LabelDescription>, T::RecordField)],
        repr: RecordRepr,
        extended: Option<&T::Expression>,
        loc: &Location,
    ) -> R<Lambda> {
        self.record_with_slot(fields, repr, extended, None, loc)
    }

    /// A record; `slot` is the extension constructor heading an extension's inline record.
    fn record_with_slot(
        &mut self,
        fields: &[(Rc<types::LabelDescription>, T::RecordField)],
        repr: RecordRepr,
        extended: Option<&T::Expression>,
        slot: Option<Lambda>,
        loc: &Location,
    ) -> R<Lambda> {
        let base = match extended {
            Some(x) => {
                let v = self.fresh.var("base");
                Some((v, self.expr(x)?))
            }
            None => None,
        };
        let mut vals = Vec::new();
        for (ld, f) in fields {
            vals.push(match f {
                T::RecordField::Overridden(_, e) => self.expr(e)?,
                T::RecordField::Kept(_) => {
                    let Some((b, _)) = &base else { return err(loc, "record field kept without a base record") };
                    let bv = Lambda::Var(b.clone());
                    match repr {
                        RecordRepr::Float => Lambda::Prim(P::FloatField(ld.pos), vec![bv]),
                        RecordRepr::Extension => Lambda::Prim(P::Field(ld.pos + 1), vec![bv]),
                        _ => Lambda::Prim(P::Field(ld.pos), vec![bv]),
                    }
                }
            });
        }
        let m = if fields.iter().any(|(ld, _)| ld.mutable) { Mutability::Mutable } else { Mutability::Immutable };
        let made = match repr {
            RecordRepr::Regular => make_block(0, vals, m),
            RecordRepr::Inlined { tag } => Lambda::Prim(P::MakeBlock(tag as u8, m), vals),
            RecordRepr::Float => Lambda::Prim(P::MakeFloatBlock(m), vals),
            RecordRepr::Unboxed => vals.into_iter().next().unwrap_or(crate::lambda::UNIT),
            RecordRepr::Extension => match slot {
                Some(slot) => Lambda::Prim(P::MakeBlock(0, m), std::iter::once(slot).chain(vals).collect()),
                None => return err(loc, "inline record of an extension constructor outside its constructor"),
            },
        };
        Ok(match base {
            Some((v, e)) => Lambda::let_(v, e, made),
            None => made,
        })
    }

    /// A function: nested one-parameter functions whose parameter is matched irrefutably are
    /// fused into one function of several parameters.
    fn function(&mut self, e: &T::Expression, name: &str) -> R<Lambda> {
        let mut params = Vec::new();
        let mut cur = e;
        let mut wrappers: Vec<(Var, Vec<T::Case>, T::Partial, Location)> = Vec::new();
        loop {
            match &cur.desc {
                T::ExpressionDesc::Function { param, cases, partial, .. } => {
                    let pv = ident_var(param);
                    params.push(pv.clone());
                    let single_total = cases.len() == 1 && cases[0].guard.is_none() && *partial == T::Partial::Total;
                    if single_total && matches!(cases[0].rhs.desc, T::ExpressionDesc::Function { .. }) {
                        wrappers.push((pv, cases.clone(), *partial, cur.loc.clone()));
                        cur = &cases[0].rhs;
                        continue;
                    }
                    wrappers.push((pv, cases.clone(), *partial, cur.loc.clone()));
                    break;
                }
                _ => break,
            }
        }
        // Build the body from the innermost match outwards: each outer (fused) parameter's
        // single case binds its pattern around the inner code.
        let (last_v, last_cases, last_partial, last_loc) = wrappers.pop().expect("a function has a parameter");
        // Modules bound by the outer parameters' `(module M)` patterns are in scope inside.
        let saved = self.scope.clone();
        for (_, cases, _, _) in &wrappers {
            self.add_pattern_modules(&cases[0].lhs);
        }
        let body = matching::compile_function_cases(self, &last_v, &last_cases, last_partial, &last_loc);
        self.scope = saved;
        let mut body = body?;
        while let Some((v, cases, _, _)) = wrappers.pop() {
            body = matching::bind_irrefutable(self, &v, &cases[0].lhs, body)?;
        }
        Ok(Lambda::Function(Rc::new(Function { params, body, name: name.into() })))
    }

    fn apply(&mut self, f: &T::Expression, args: &[(types::ArgLabel, Option<T::Expression>)], loc: &Location) -> R<Lambda> {
        if args.iter().any(|(_, a)| a.is_none()) {
            return self.partial_apply(f, args);
        }
        let mut argl = Vec::new();
        for (_, a) in args {
            if let Some(a) = a {
                argl.push(self.expr(a)?);
            }
        }
        // A primitive applied to all its arguments is the primitive itself.
        if let T::ExpressionDesc::Ident(_, _, vd) = &f.desc {
            if let ValueKind::Primitive(prim) = &vd.kind {
                if argl.len() >= prim.arity && prim.arity > 0 {
                    let rest = argl.split_off(prim.arity);
                    let first_ty = args.first().and_then(|(_, a)| a.as_ref()).map(|a| a.ty);
                    let kind = first_ty.map(operands_of).unwrap_or(Operands::Generic);
                    let array = first_ty.map(|t| self.array_kind_of_array(t)).unwrap_or(ArrayKind::Gen);
                    let call = self.primitive_call(prim, argl, kind, array, loc)?;
                    return Ok(if rest.is_empty() { call } else { Lambda::apply(call, rest) });
                }
            }
        }
        let fl = self.expr(f)?;
        if argl.is_empty() {
            return err(loc, "application without arguments");
        }
        Ok(Lambda::apply(fl, argl))
    }

    /// An application leaving parameters open (`f ~b:1` for `f ~a ~b`): a function of the
    /// open parameters. The evaluation order is OCaml's: the arguments before the first open
    /// parameter are evaluated right to left and, unless they are all optional, applied to
    /// the function at once (the function is evaluated after them); the arguments after it
    /// are evaluated left to right, after the function.
    fn partial_apply(&mut self, f: &T::Expression, args: &[(types::ArgLabel, Option<T::Expression>)]) -> R<Lambda> {
        let first_open = args.iter().position(|(_, a)| a.is_none()).unwrap_or(args.len());
        let (prefix, rest) = args.split_at(first_open);
        // Bindings in evaluation order, wrapped around the result at the end.
        let mut lets: Vec<(Var, Lambda)> = Vec::new();
        let mut bind = |tr: &mut Self, name: &str, l: Lambda| match l {
            Lambda::Var(_) | Lambda::Const(_) => l,
            l => {
                let v = tr.fresh.var(name);
                lets.push((v.clone(), l));
                Lambda::Var(v)
            }
        };
        let fl = self.expr(f)?;
        let mut prefix_l = Vec::new();
        for (_, a) in prefix {
            if let Some(a) = a {
                prefix_l.push(self.expr(a)?);
            }
        }
        let mut call_args = Vec::new();
        let func = if prefix.iter().all(|(l, _)| l.is_optional()) {
            // Only optional arguments before the gap: passed with the others at the call.
            let mut carried: Vec<Lambda> = prefix_l.into_iter().rev().map(|a| bind(self, "arg", a)).collect();
            carried.reverse();
            call_args = carried;
            bind(self, "func", fl)
        } else {
            bind(self, "func", Lambda::apply(fl, prefix_l))
        };
        let mut params = Vec::new();
        for (_, a) in rest {
            match a {
                Some(a) => {
                    let l = self.expr(a)?;
                    call_args.push(bind(self, "arg", l));
                }
                None => {
                    let v = self.fresh.var("param");
                    params.push(v.clone());
                    call_args.push(Lambda::Var(v));
                }
            }
        }
        let inner = Lambda::Function(Rc::new(Function { params, body: Lambda::apply(func, call_args), name: "partial".into() }));
        Ok(lets.into_iter().rev().fold(inner, |acc, (v, e)| Lambda::let_(v, e, acc)))
    }

    /// A primitive used as a value: a function of its arity.
    pub fn primitive_closure(&mut self, prim: &types::Primitive, ty: TypeExpr, loc: &Location) -> R<Lambda> {
        self.eta_primitive(prim, ty, loc)
    }

    fn eta_primitive(&mut self, prim: &types::Primitive, ty: TypeExpr, loc: &Location) -> R<Lambda> {
        if prim.arity == 0 {
            return self.location_primitive(&prim.name, loc);
        }
        let params: Vec<Var> = (0..prim.arity).map(|i| self.fresh.var(&format!("p{}", i))).collect();
        let first_arg_ty = match types::desc(ty) {
            TypeDesc::Arrow(_, a, _) => Some(a),
            _ => None,
        };
        let kind = first_arg_ty.map(operands_of).unwrap_or(Operands::Generic);
        let array = first_arg_ty.map(|t| self.array_kind_of_array(t)).unwrap_or(ArrayKind::Gen);
        let body = self.primitive_call(prim, params.iter().map(|v| Lambda::Var(v.clone())).collect(), kind, array, loc)?;
        Ok(Lambda::Function(Rc::new(Function { params, body, name: prim.name.trim_start_matches('%').into() })))
    }

    /// A primitive applied to its arguments. Forcing a lazy value calls the Stdlib's
    /// `CamlinternalLazy.force`, which returns a computed value at once.
    fn primitive_call(&mut self, prim: &types::Primitive, args: Vec<Lambda>, kind: Operands, array: ArrayKind, loc: &Location) -> R<Lambda> {
        if prim.name.as_ref() == "%lazy_force" {
            let arg = args.into_iter().next().unwrap_or(crate::lambda::UNIT);
            return self.lazy_force(arg, loc);
        }
        // `__LOC_OF__ e`, `__LINE_OF__ e`, `__POS_OF__ e`: the location paired with the value.
        if prim.name.starts_with("%loc_") && args.len() == 1 {
            let where_ = self.location_primitive(&prim.name, loc)?;
            return Ok(make_block(0, std::iter::once(where_).chain(args).collect(), Mutability::Immutable));
        }
        if !primitives::native_left_to_right(prim, kind) {
            return Ok(primitives::translate(prim, args, kind, array));
        }
        // ocamlopt evaluates these operands left to right: bind them in that order (variables
        // and constants are read where used, as ocamlopt does).
        let mut lets = Vec::new();
        let mut operands = Vec::new();
        for a in args {
            match a {
                Lambda::Const(_) | Lambda::Var(_) => operands.push(a),
                a => {
                    let v = self.fresh.var("arg");
                    lets.push((v.clone(), a));
                    operands.push(Lambda::Var(v));
                }
            }
        }
        let call = primitives::translate(prim, operands, kind, array);
        Ok(lets.into_iter().rev().fold(call, |acc, (v, a)| Lambda::let_(v, a, acc)))
    }

    pub fn lazy_force(&mut self, v: Lambda, loc: &Location) -> R<Lambda> {
        let unit = Path::Pident(crate::typing::ident::Ident::global("CamlinternalLazy"));
        let force = self.field_of(&unit, super::module::CompKind::Value, "force", loc)?;
        Ok(Lambda::apply(force, vec![v]))
    }

    /// `lazy e`. As in OCaml, a constant or a function is its own lazy value, a variable is
    /// wrapped in a Forward block unless it is immediate, and anything else is suspended in a
    /// Lazy block holding `fun () -> e`.
    fn lazy_value(&mut self, e: &T::Expression) -> R<Lambda> {
        match &e.desc {
            T::ExpressionDesc::Constant(T::Constant::Float(_)) => {
                Ok(Lambda::Prim(P::MakeBlock(FORWARD_TAG, Mutability::Immutable), vec![self.expr(e)?]))
            }
            T::ExpressionDesc::Constant(_) | T::ExpressionDesc::Function { .. } => self.expr(e),
            T::ExpressionDesc::Construct(_, _, args) if args.is_empty() => self.expr(e),
            T::ExpressionDesc::Ident(..) if is_immediate(e.ty) => self.expr(e),
            T::ExpressionDesc::Ident(..) => Ok(Lambda::Prim(P::MakeBlock(FORWARD_TAG, Mutability::Immutable), vec![self.expr(e)?])),
            _ => {
                let unit = self.fresh.var("unit");
                let body = self.expr(e)?;
                let thunk = Lambda::Function(Rc::new(Function { params: vec![unit], body, name: "lazy".into() }));
                Ok(Lambda::Prim(P::MakeBlock(LAZY_TAG, Mutability::Mutable), vec![thunk]))
            }
        }
    }

    /// `let` bindings around `body`. A refutable pattern that does not match raises
    /// Match_failure at `let_loc` (the `let ... in` expression), or at the pattern when `None`
    /// (structure items), as OCaml does.
    pub fn let_bindings(&mut self, rf: RecFlag, vbs: &[T::ValueBinding], body: Lambda, let_loc: Option<&Location>) -> R<Lambda> {
        if rf == RecFlag::Recursive {
            let mut binds = Vec::new();
            for vb in vbs {
                let id = match &vb.pat.desc {
                    T::PatternDesc::Var(id, _) => id.clone(),
                    T::PatternDesc::Alias(_, id, _) => id.clone(),
                    _ => return err(&vb.loc, "This kind of expression is not allowed as right-hand side of `let rec'"),
                };
                let l = match &vb.expr.desc {
                    T::ExpressionDesc::Function { .. } => {
                        self.in_function_scope(FunctionScope::Named(id.name()), |tr| tr.function(&vb.expr, id.name()))?
                    }
                    _ => self.expr(&vb.expr)?,
                };
                binds.push((ident_var(&id), l));
            }
            if binds.iter().all(|(_, l)| matches!(l, Lambda::Function(_))) {
                return Ok(Lambda::LetRec(binds, Box::new(body)));
            }
            return self.recursive_values(binds, body, &vbs[0].loc);
        }
        let mut result = body;
        for vb in vbs.iter().rev() {
            // A structure-level definition names the code of its expression (`Foo.x`).
            let l = match first_bound_name(&vb.pat) {
                Some(name) if let_loc.is_none() && !matches!(vb.expr.desc, T::ExpressionDesc::Function { .. }) => {
                    self.in_named_scope(name, |tr| tr.binding_expr(vb))?
                }
                _ => self.binding_expr(vb)?,
            };
            result = matching::bind_pattern(self, &vb.pat, l, result, let_loc)?;
        }
        Ok(result)
    }

    /// The right-hand side of a binding, naming functions after the variable they are bound to.
    pub fn binding_expr(&mut self, vb: &T::ValueBinding) -> R<Lambda> {
        match (&vb.pat.desc, &vb.expr.desc) {
            (T::PatternDesc::Var(id, _), T::ExpressionDesc::Function { .. }) => {
                self.in_function_scope(FunctionScope::Named(id.name()), |tr| tr.function(&vb.expr, id.name()))
            }
            _ => self.expr(&vb.expr),
        }
    }
}

const LAZY_TAG: u8 = 246;
const FORWARD_TAG: u8 = 250;

fn make_block(tag: u8, args: Vec<Lambda>, m: Mutability) -> Lambda {
    if m == Mutability::Immutable && !args.is_empty() && args.iter().all(|a| matches!(a, Lambda::Const(_))) {
        let cs = args
            .into_iter()
            .map(|a| match a {
                Lambda::Const(c) => c,
                _ => unreachable!(),
            })
            .collect();
        return Lambda::Const(Constant::Block(tag, cs));
    }
    Lambda::Prim(P::MakeBlock(tag, m), args)
}

fn is_false_constant(e: &T::Expression) -> bool {
    matches!(&e.desc, T::ExpressionDesc::Construct(_, cd, args) if args.is_empty() && &*cd.name == "false")
}

impl<'a> Translator<'a> {
    /// `__LOC__`, `__FILE__`, `__LINE__`, `__POS__`, `__MODULE__`, `__FUNCTION__`: constants
    /// made from the location where they are used.
    fn location_primitive(&self, name: &str, loc: &Location) -> R<Lambda> {
        let (file, line, col) = self.source_location(loc);
        let end = col + (loc.end.cnum as i64 - loc.start.cnum as i64);
        let s = |x: &str| Constant::String(x.as_bytes().into());
        let module = {
            let stem = std::path::Path::new(&file).file_stem().and_then(|x| x.to_str()).unwrap_or("").to_string();
            let mut c = stem.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => stem,
            }
        };
        Ok(Lambda::Const(match name {
            "%loc_FILE" => s(&file),
            "%loc_LINE" => Constant::Int(line),
            "%loc_POS" => Constant::Block(0, vec![s(&file), Constant::Int(line), Constant::Int(col), Constant::Int(end)]),
            "%loc_LOC" => s(&format!("File \"{}\", line {}, characters {}-{}", file, line, col, end)),
            "%loc_MODULE" => s(&module),
            "%loc_FUNCTION" => s(&module),
            _ => return err(loc, format!("constant primitive {} is not supported yet", name)),
        }))
    }

    /// (file, line, column) as OCaml reports them in Assert_failure and Match_failure.
    pub fn source_location(&self, loc: &Location) -> (String, i64, i64) {
        (
            loc.start.fname.to_string(),
            loc.start.line as i64 - self.line_offset,
            loc.start.cnum as i64 - loc.start.bol as i64,
        )
    }
}
