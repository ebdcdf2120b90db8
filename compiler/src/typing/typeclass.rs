//! Classes (`class c x = let .. in object .. end`, `inherit`, `new c`, `class type`).
//!
//! A child module of `typecore`. A class is compiled as its constructor: a hidden value named
//! `new c` holding the function from the class parameters to a fresh immediate object (a class
//! without parameters takes `()`); class-level `let`s before the parameters are evaluated once,
//! at the definition, as in OCaml. `inherit p args` copies the parent's definition into the
//! child's object (re-typed there): the parent's parameters and `let`s are evaluated once per
//! object into a hidden tuple that the parent's fields read; `as super` keeps the parent's
//! methods under hidden private names that `super#m` calls. The type `c` abbreviates the type of
//! the objects; the value's `ClassInfo` gives what the toplevel prints.

use super::*;
use crate::parsing::asttypes::{OverrideFlag, PrivateFlag, VirtualFlag};
use crate::parsing::parsetree::Payload;

/// The hidden name of a class's constructor value.
pub fn class_value_name(name: &str) -> String {
    format!("new {}", name)
}

/// The hidden name of a class type's descriptor value.
pub fn class_type_value_name(name: &str) -> String {
    format!("class type {}", name)
}

/// The class (or, with `is_type`, the class type) `#show_class` or `#show_class_type` names,
/// as a class value (`new c`) or class type value to print; OCaml's error text otherwise.
pub fn lookup_for_show(env: &Env, lid: &Longident, is_type: bool) -> Result<(Ident, ValueDescription), String> {
    let located = Located { txt: lid.clone(), loc: Location::none() };
    let (_, vd, info) = Typer::lookup_class(env, &located, is_type).map_err(|e| e.message())?;
    let name = lid.last();
    if !is_type {
        return Ok((Ident::create(&class_value_name(name)), (*vd).clone()));
    }
    if info.is_type {
        return Ok((Ident::create(&class_type_value_name(name)), (*vd).clone()));
    }
    // A class also declares the class type of its objects: the same, without parameters.
    let Some((params, ctor, vars, meths)) = ClassInfo::parts(info.sig_ty) else { return Err("Internal error: bad class".into()) };
    let tuple = |ts: Vec<TypeExpr>| ctype::newty(TypeDesc::Tuple(ts.into()));
    let sig_ty = tuple(vec![tuple(params), result_type(ctor, info.has_params), tuple(vars), tuple(meths)]);
    let info = ClassInfo { is_type: true, sig_ty, has_params: false, printed_as: None, decl: None, ..(*info).clone() };
    let vd = ValueDescription { kind: ValueKind::Class(Rc::new(info)), ..(*vd).clone() };
    Ok((Ident::create(&class_type_value_name(name)), vd))
}

/// The name every flattened object binds its self to (for `super#m`).
const SELF_VAR: &str = "self%";
/// The extension that marks a method body in which `alias#m` means a parent's method.
const SUPER_SCOPE: &str = "ocamljit%super";

/// `super#m` in the body being typed: the alias and the hidden prefix of the parent's methods.
pub(super) struct SuperAlias {
    alias: String,
    prefix: String,
}

/// A class body with its `inherit`s expanded.
#[derive(Default)]
struct Flat {
    /// Hidden `let`s evaluated before the object (each parent's parameters and `let`s).
    preludes: Vec<(P::Pattern, P::Expression)>,
    self_names: Vec<String>,
    /// Concrete and virtual `val`s and `method`s, and initializers, overridden ones removed.
    fields: Vec<P::ClassField>,
    constraints: Vec<(P::CoreType, P::CoreType)>,
    counter: usize,
}

/// How the fields of an inherited class reach its parameters: `match hidden with pat -> e`.
#[derive(Clone)]
struct Wrap {
    hidden: String,
    pat: P::Pattern,
}

fn ghost(loc: &Location) -> Location {
    let mut l = loc.clone();
    l.ghost = true;
    l
}

fn pexp(desc: P::ExpressionDesc, loc: &Location) -> P::Expression {
    P::Expression { desc, loc: ghost(loc), attributes: vec![] }
}

fn ppat(desc: P::PatternDesc, loc: &Location) -> P::Pattern {
    P::Pattern { desc, loc: ghost(loc), attributes: vec![] }
}

fn lident(s: &str, loc: &Location) -> Located<Longident> {
    Located { txt: Longident::Lident(s.to_string()), loc: ghost(loc) }
}

fn unit_expr(loc: &Location) -> P::Expression {
    pexp(P::ExpressionDesc::Construct(lident("()", loc), None), loc)
}

fn unit_pat(loc: &Location) -> P::Pattern {
    ppat(P::PatternDesc::Construct(lident("()", loc), None), loc)
}

/// The variables a pattern binds, in order.
fn pattern_vars(p: &P::Pattern, out: &mut Vec<String>) {
    use P::PatternDesc as D;
    match &p.desc {
        D::Var(n) => out.push(n.txt.clone()),
        D::Alias(p, n) => {
            pattern_vars(p, out);
            out.push(n.txt.clone());
        }
        D::Tuple(ps) | D::Array(ps) => ps.iter().for_each(|p| pattern_vars(p, out)),
        D::Construct(_, Some((_, p))) | D::Variant(_, Some(p)) | D::Constraint(p, _) | D::Lazy(p) => pattern_vars(p, out),
        D::Record(fs, _) => fs.iter().for_each(|(_, p)| pattern_vars(p, out)),
        D::Or(p, _) => pattern_vars(p, out),
        _ => {}
    }
}

/// The last binding of each name, in order.
fn dedup_last(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        out.retain(|m| *m != n);
        out.push(n);
    }
    out
}

fn wrap_expr(w: Option<&Wrap>, e: P::Expression) -> P::Expression {
    let Some(w) = w else { return e };
    let loc = e.loc.clone();
    let case = P::Case { lhs: w.pat.clone(), guard: None, rhs: e };
    pexp(P::ExpressionDesc::Match(Box::new(pexp(P::ExpressionDesc::Ident(lident(&w.hidden, &loc)), &loc)), vec![case]), &loc)
}

fn super_scope(supers: &[(String, String)], e: P::Expression) -> P::Expression {
    supers.iter().rev().fold(e, |e, (alias, prefix)| {
        let loc = e.loc.clone();
        let name = Located { txt: format!("{}:{}:{}", SUPER_SCOPE, alias, prefix), loc: ghost(&loc) };
        let item = P::StructureItem { desc: P::StructureItemDesc::Eval(e, vec![]), loc: ghost(&loc) };
        pexp(P::ExpressionDesc::Extension((name, Payload::Str(vec![item]))), &loc)
    })
}

impl Typer {
    /// The class (or class type) a path names, through its hidden value.
    fn find_class(env: &Env, lid: &Longident, is_type: bool) -> Option<(Path, Rc<ValueDescription>, Rc<ClassInfo>)> {
        let hidden = |n: &str| if is_type { class_type_value_name(n) } else { class_value_name(n) };
        let vlid = match lid {
            Longident::Lident(n) => Longident::Lident(hidden(n)),
            Longident::Ldot(m, n) => Longident::Ldot(m.clone(), hidden(n)),
            Longident::Lapply(..) => return None,
        };
        env.lookup_value(&vlid).ok().and_then(|e| match &e.desc.kind {
            ValueKind::Class(c) => Some((e.path.clone(), e.desc.clone(), c.clone())),
            _ => None,
        })
    }

    /// The class a path names (`is_type`: a class type, or a class where one is expected).
    fn lookup_class(env: &Env, lid: &Located<Longident>, is_type: bool) -> R<(Path, Rc<ValueDescription>, Rc<ClassInfo>)> {
        if let Some(f) = Self::find_class(env, &lid.txt, is_type) {
            return Ok(f);
        }
        if let Longident::Ldot(m, _) = &lid.txt {
            if let Err(e) = env.lookup_module(m) {
                return Err(typetexp::unbound(env, e.kind, &e.lid, &lid.loc));
            }
        }
        if is_type {
            return Self::find_class(env, &lid.txt, false).ok_or_else(|| TypeError::new(&lid.loc, ErrorKind::Message(format!("Unbound class type {}", lid.txt))));
        }
        let hint = if Self::find_class(env, &lid.txt, true).is_some() {
            format!("@\nHint: There is a class type named {}, but classes are not class types", lid.txt.last())
        } else {
            String::new()
        };
        err(&lid.loc, ErrorKind::Message(format!("@[Unbound class {}@]{}", lid.txt, hint)))
    }

    /// `new c`.
    pub(super) fn type_new(&mut self, env: &Env, loc: &Location, lid: &Located<Longident>, expected: TypeExpr) -> R<T::Expression> {
        let (path, vd, info) = Self::lookup_class(env, lid, false)?;
        if info.virt {
            return err(loc, ErrorKind::Message(format!("Cannot instantiate the virtual class {}", lid.txt)));
        }
        let Some((params, ctor, _, _)) = ClassInfo::parts(ctype::instance(info.sig_ty)) else {
            return err(loc, ErrorKind::Message("Internal error: bad class".into()));
        };
        let _ = vd;
        let vlid = match &lid.txt {
            Longident::Ldot(m, n) => Longident::Ldot(m.clone(), class_value_name(n)),
            l => Longident::Lident(class_value_name(l.last())),
        };
        let ident = pexp(P::ExpressionDesc::Ident(Located { txt: vlid, loc: lid.loc.clone() }), loc);
        let pe = if info.has_params { ident } else { pexp(P::ExpressionDesc::Apply(Box::new(ident), vec![(PLabel::Nolabel, unit_expr(loc))]), loc) };
        let te = self.expr_no_expect(env, &pe)?;
        // The objects' type is the abbreviation `c` (same prefix as the value).
        let type_path = match &path {
            Path::Pdot(m, _) => Path::Pdot(m.clone(), Rc::from(lid.txt.last())),
            _ => match env.lookup_type(&lid.txt) {
                Ok(t) => t.path,
                Err(_) => return err(&lid.loc, ErrorKind::Message(format!("Unbound class {}", lid.txt))),
            },
        };
        let obj = ctype::newty(TypeDesc::Constr(type_path, params.into()));
        fn rebuild(t: TypeExpr, obj: TypeExpr) -> TypeExpr {
            match desc(t) {
                TypeDesc::Arrow(l, a, r) => ctype::newty(TypeDesc::Arrow(l, a, rebuild(r, obj))),
                _ => obj,
            }
        }
        let ty = if info.has_params {
            let _ = ctype::unify(env, te.ty, ctor);
            rebuild(ctor, obj)
        } else {
            let _ = ctype::unify(env, te.ty, result_type(ctor, false));
            obj
        };
        self.unify_exp(env, loc, ty, expected)?;
        Ok(T::Expression { ty, ..te })
    }

    /// `alias#m` where `alias` names an inherited class (`inherit p as alias`).
    pub(super) fn super_send(&self, obj: &P::Expression, meth: &Located<String>) -> Option<P::Expression> {
        let P::ExpressionDesc::Ident(Located { txt: Longident::Lident(n), .. }) = &obj.desc else { return None };
        let s = self.supers.iter().rev().find(|s| s.alias == *n)?;
        let me = pexp(P::ExpressionDesc::Ident(lident(SELF_VAR, &obj.loc)), &obj.loc);
        let name = Located { txt: format!("{}{}", s.prefix, meth.txt), loc: meth.loc.clone() };
        Some(pexp(P::ExpressionDesc::Send(Box::new(me), name), &obj.loc))
    }

    /// The hidden extension that scopes a `super` alias over a method body, if it is one.
    pub(super) fn type_super_scope(&mut self, env: &Env, name: &str, payload: &Payload, expected: TypeExpr) -> Option<R<T::Expression>> {
        let rest = name.strip_prefix(SUPER_SCOPE)?.strip_prefix(':')?;
        let (alias, prefix) = rest.split_once(':')?;
        let Payload::Str(items) = payload else { return None };
        let [P::StructureItem { desc: P::StructureItemDesc::Eval(e, _), .. }] = &items[..] else { return None };
        self.supers.push(SuperAlias { alias: alias.to_string(), prefix: prefix.to_string() });
        let r = self.expr(env, e, expected);
        self.supers.pop();
        Some(r)
    }

    /// Expands a class structure's `inherit`s into `flat`; `wrap` gives an inherited class's
    /// fields access to its parameters.
    fn flatten(&mut self, env: &Env, cs: &P::ClassStructure, wrap: Option<&Wrap>, flat: &mut Flat, depth: usize) -> R<()> {
        if depth > 64 {
            return err(&cs.self_.loc, ErrorKind::Message("This class inherits itself too deeply".into()));
        }
        let mut names = Vec::new();
        pattern_vars(&cs.self_, &mut names);
        for n in names {
            if !flat.self_names.contains(&n) {
                flat.self_names.push(n);
            }
        }
        // The aliases first: `super` is in scope in every method of the class.
        let mut prefixes = vec![None; cs.fields.len()];
        let mut scope = Vec::new();
        for (i, f) in cs.fields.iter().enumerate() {
            if let P::ClassFieldDesc::Inherit(_, _, Some(alias)) = &f.desc {
                flat.counter += 1;
                let prefix = format!("{}%{}#", alias.txt, flat.counter);
                prefixes[i] = Some(prefix.clone());
                scope.push((alias.txt.clone(), prefix));
            }
        }
        let mut own_methods: Vec<&str> = Vec::new();
        for (i, f) in cs.fields.iter().enumerate() {
            match &f.desc {
                P::ClassFieldDesc::Inherit(_, ce, _) => {
                    let (parent, args) = self.resolve_inherit(env, ce, Vec::new())?;
                    let (fun, pcs, vars) = parent_function(&parent)?;
                    flat.counter += 1;
                    let hidden = format!("inh%{}", flat.counter);
                    let loc = &ce.loc;
                    let call = if args.is_empty() { fun } else { pexp(P::ExpressionDesc::Apply(Box::new(fun), args), loc) };
                    let var = |n: &str| ppat(P::PatternDesc::Var(Located { txt: n.to_string(), loc: ghost(loc) }), loc);
                    let (pat, inner_pat) = match vars.len() {
                        0 => (unit_pat(loc), unit_pat(loc)),
                        1 => (var(&hidden), var(&vars[0])),
                        _ => (var(&hidden), ppat(P::PatternDesc::Tuple(vars.iter().map(|v| var(v)).collect()), loc)),
                    };
                    flat.preludes.push((pat, wrap_expr(wrap, call)));
                    let inner = if vars.is_empty() { None } else { Some(Wrap { hidden, pat: inner_pat }) };
                    let mut sub = Flat { counter: flat.counter, ..Flat::default() };
                    self.flatten(env, &pcs, inner.as_ref(), &mut sub, depth + 1)?;
                    flat.counter = sub.counter;
                    flat.preludes.extend(sub.preludes);
                    for n in sub.self_names {
                        if !flat.self_names.contains(&n) {
                            flat.self_names.push(n);
                        }
                    }
                    flat.constraints.extend(sub.constraints);
                    let mut copies = Vec::new();
                    if let Some(prefix) = &prefixes[i] {
                        for f in &sub.fields {
                            if let P::ClassFieldDesc::Method(n, _, k @ P::ClassFieldKind::Concrete(..)) = &f.desc {
                                let hidden = Located { txt: format!("{}{}", prefix, n.txt), loc: n.loc.clone() };
                                copies.push(P::ClassField { desc: P::ClassFieldDesc::Method(hidden, PrivateFlag::Private, k.clone()), ..f.clone() });
                            }
                        }
                    }
                    for fld in sub.fields.into_iter().chain(copies) {
                        add_field(flat, fld);
                    }
                }
                _ => self.flatten_own(f, wrap, &scope, flat, &mut own_methods)?,
            }
        }
        Ok(())
    }

    /// A field of the class itself (not inherited).
    fn flatten_own<'a>(&mut self, f: &'a P::ClassField, wrap: Option<&Wrap>, supers: &[(String, String)], flat: &mut Flat, own_methods: &mut Vec<&'a str>) -> R<()> {
        let field = |desc| P::ClassField { desc, ..f.clone() };
        match &f.desc {
            P::ClassFieldDesc::Val(name, m, P::ClassFieldKind::Concrete(ov, e)) => {
                add_field(flat, field(P::ClassFieldDesc::Val(name.clone(), *m, P::ClassFieldKind::Concrete(*ov, wrap_expr(wrap, e.clone())))));
            }
            P::ClassFieldDesc::Method(name, p, P::ClassFieldKind::Concrete(ov, body)) => {
                if own_methods.contains(&name.txt.as_str()) {
                    return err(&f.loc, ErrorKind::Message(format!("The method `{}' has multiple definitions in this object", name.txt)));
                }
                own_methods.push(&name.txt);
                let body = match &body.desc {
                    P::ExpressionDesc::Poly(e, t) => {
                        P::Expression { desc: P::ExpressionDesc::Poly(Box::new(wrap_expr(wrap, super_scope(supers, (**e).clone()))), t.clone()), ..body.clone() }
                    }
                    _ => wrap_expr(wrap, super_scope(supers, body.clone())),
                };
                add_field(flat, field(P::ClassFieldDesc::Method(name.clone(), *p, P::ClassFieldKind::Concrete(*ov, body))));
            }
            P::ClassFieldDesc::Val(_, _, P::ClassFieldKind::Virtual(_)) | P::ClassFieldDesc::Method(_, _, P::ClassFieldKind::Virtual(_)) => add_field(flat, f.clone()),
            P::ClassFieldDesc::Initializer(e) => flat.fields.push(field(P::ClassFieldDesc::Initializer(wrap_expr(wrap, super_scope(supers, e.clone()))))),
            P::ClassFieldDesc::Constraint(a, b) => flat.constraints.push((a.clone(), b.clone())),
            P::ClassFieldDesc::Attribute(_) => {}
            P::ClassFieldDesc::Inherit(..) => {}
            P::ClassFieldDesc::Extension((name, _)) => {
                return err(&name.loc, ErrorKind::Message(format!("Uninterpreted extension '{}'.", name.txt)));
            }
        }
        Ok(())
    }

    /// The class an `inherit` names and the arguments it is applied to.
    fn resolve_inherit(&mut self, env: &Env, ce: &P::ClassExpr, mut args: Vec<(PLabel, P::Expression)>) -> R<(P::ClassExpr, Vec<(PLabel, P::Expression)>)> {
        match &ce.desc {
            P::ClassExprDesc::Constr(lid, _) => {
                let (_, _, info) = Self::lookup_class(env, lid, false)?;
                match &info.decl {
                    Some(d) => Ok(((**d).clone(), args)),
                    None => err(&lid.loc, ErrorKind::NotSupported("Inheriting a class of a compiled interface".into())),
                }
            }
            P::ClassExprDesc::Apply(c, a) => {
                let mut all = a.clone();
                all.append(&mut args);
                self.resolve_inherit(env, c, all)
            }
            P::ClassExprDesc::Constraint(c, _) => self.resolve_inherit(env, c, args),
            _ => Ok((ce.clone(), args)),
        }
    }

    /// `class c = ... and d = ...`: the typed constructors, the signature items and the
    /// environment after them.
    pub fn type_class_decls(&mut self, env: &Env, decls: &[P::ClassDeclaration]) -> R<(Vec<T::ValueBinding>, Signature, Env)> {
        let mut env = env.clone();
        let mut tvbs = Vec::new();
        let mut sig = Vec::new();
        for d in decls {
            let (vb, items, env2) = self.type_class_decl(&env, d)?;
            tvbs.push(vb);
            sig.extend(items);
            env = env2;
        }
        Ok((tvbs, sig, env))
    }

    fn type_class_decl(&mut self, env: &Env, d: &P::ClassDeclaration) -> R<(T::ValueBinding, Signature, Env)> {
        // One level more than the definition: the class parameters are generalized with the
        // rest of its types.
        ctype::begin_def();
        let saved = self.global_level;
        self.global_level = ctype::current_level();
        let r = self.type_class_decl_at(env, d);
        self.global_level = saved;
        ctype::end_def();
        let (tvb, sig, env2, sig_ty, nonexpansive) = r?;
        if nonexpansive {
            ctype::generalize(sig_ty);
        } else {
            ctype::generalize_expansive(env, sig_ty);
        }
        if let Some(SignatureItem::Value(id, vd)) = sig.last() {
            if let ValueKind::Class(c) = &vd.kind {
                unbound_vars_check(&d.loc, id.name(), c)?;
            }
        }
        Ok((tvb, sig, env2))
    }

    #[allow(clippy::type_complexity)]
    fn type_class_decl_at(&mut self, env: &Env, d: &P::ClassDeclaration) -> R<(T::ValueBinding, Signature, Env, TypeExpr, bool)> {
        let loc = &d.loc;
        let mut params = Vec::new();
        for (p, _) in &d.params {
            params.push(self.transl_annot(env, p)?);
        }
        let mut constraint_ct: Option<&P::ClassType> = None;
        let mut flat = Flat::default();
        let (body, has_params) = self.class_body_expr(env, &d.expr, false, &mut flat, &mut constraint_ct)?;
        for (a, b) in std::mem::take(&mut flat.constraints) {
            let ta = self.transl_annot(env, &a)?;
            let tb = self.transl_annot(env, &b)?;
            ctype::unify(env, ta, tb).map_err(|e| TypeError::new(&a.loc, ErrorKind::ExprTypeClash(e, None)).with_env(env))?;
        }
        // Virtual fields left undefined.
        let mut virt_methods = Vec::new();
        let mut virt_vars = Vec::new();
        for f in &flat.fields {
            match &f.desc {
                P::ClassFieldDesc::Method(n, _, P::ClassFieldKind::Virtual(_)) => virt_methods.push(n.txt.clone()),
                P::ClassFieldDesc::Val(n, _, P::ClassFieldKind::Virtual(_)) => virt_vars.push(n.txt.clone()),
                _ => {}
            }
        }
        if d.virt == VirtualFlag::Concrete && !(virt_methods.is_empty() && virt_vars.is_empty()) {
            return err(loc, ErrorKind::Message(virtual_error(&virt_methods, &virt_vars)));
        }
        let name = &d.name.txt;
        let vname = class_value_name(name);
        let vb = P::ValueBinding { pat: ppat(P::PatternDesc::Var(Located { txt: vname.clone(), loc: d.name.loc.clone() }), loc), expr: body, attributes: vec![], loc: loc.clone() };
        self.last_object = None;
        let (mut tvbs, env2, _) = self.type_let(env, RecFlag::Nonrecursive, std::slice::from_ref(&vb), None)?;
        let Some(obj) = self.last_object.take() else {
            return err(loc, ErrorKind::Message("Internal error: class without object".into()));
        };
        let tvb = tvbs.remove(0);
        let ctor = tvb.pat.ty;
        // The instance variables and methods, virtual ones with their declared types.
        let mut vars = Vec::new();
        let mut var_tys = Vec::new();
        for (n, m, t) in &obj.vars {
            let virt = virt_vars.iter().any(|v| **v == **n);
            vars.push((n.clone(), *m, virt));
            var_tys.push(*t);
        }
        let mut methods = Vec::new();
        let mut meth_tys = Vec::new();
        for (n, p, t) in &obj.methods {
            if n.contains('#') {
                continue;
            }
            let virt = virt_methods.iter().any(|v| **v == **n);
            methods.push((n.clone(), *p, virt));
            meth_tys.push(*t);
        }
        let tuple = |ts: Vec<TypeExpr>| ctype::newty(TypeDesc::Tuple(ts.into()));
        let sig_ty = tuple(vec![tuple(params.clone()), ctor, tuple(var_tys), tuple(meth_tys)]);
        let nonexpansive = is_nonexpansive(&tvb.expr);
        let mut printed_as = None;
        if let Some(ct) = constraint_ct {
            if let P::ClassTypeDesc::Constr(lid, _) = &ct.desc {
                printed_as = Some(Rc::from(lid.txt.to_string().as_str()));
            }
        }
        let info = ClassInfo {
            is_type: false,
            virt: d.virt == VirtualFlag::Virtual,
            sig_ty,
            has_params,
            vars,
            methods,
            printed_as,
            decl: Some(Rc::new(d.expr.clone())),
        };
        let obj_ty = ClassInfo::parts(sig_ty).map(|(_, c, _, _)| result_type(c, has_params)).unwrap_or(ctor);
        if let Some(ct) = constraint_ct {
            self.check_class_constraint(env, ct, obj_ty)?;
        }
        // The objects' type, `c`.
        let mut decl = TypeDeclaration::abstract_type(params.clone(), vec![(true, true); params.len()], loc.clone());
        decl.manifest = Some(obj_ty);
        let tid = Ident::create(name);
        let mut env3 = env2.clone();
        env3.add_type(&tid, Rc::new(decl.clone()));
        // The constructor, marked as a class.
        let entry = env2.lookup_value(&Longident::Lident(vname)).map_err(|_| TypeError::new(loc, ErrorKind::Message("Internal error: class value".into())))?;
        let Path::Pident(vid) = entry.path else {
            return err(loc, ErrorKind::Message("Internal error: class value path".into()));
        };
        let vd = Rc::new(ValueDescription { ty: ctor, kind: ValueKind::Class(Rc::new(info)), loc: loc.clone(), deprecated: None });
        env3.add_value(&vid, vd.clone());
        let sig = vec![SignatureItem::Type(tid, Rc::new(decl), RecStatus::NotRec), SignatureItem::Value(vid, vd)];
        Ok((tvb, sig, env3, sig_ty, nonexpansive))
    }

    /// The constructor's expression for a class expression. `under_fun`: a parameter was seen.
    fn class_body_expr<'a>(
        &mut self,
        env: &Env,
        ce: &'a P::ClassExpr,
        under_fun: bool,
        flat: &mut Flat,
        constraint: &mut Option<&'a P::ClassType>,
    ) -> R<(P::Expression, bool)> {
        let loc = &ce.loc;
        match &ce.desc {
            P::ClassExprDesc::Fun(l, def, pat, body) => {
                let (b, _) = self.class_body_expr(env, body, true, flat, constraint)?;
                Ok((pexp(P::ExpressionDesc::Fun(l.clone(), def.clone().map(Box::new), Box::new(pat.clone()), Box::new(b)), loc), true))
            }
            P::ClassExprDesc::Let(rf, vbs, body) => {
                let (b, hp) = self.class_body_expr(env, body, under_fun, flat, constraint)?;
                Ok((pexp(P::ExpressionDesc::Let(*rf, vbs.clone(), Box::new(b)), loc), hp))
            }
            P::ClassExprDesc::Constraint(body, ct) => {
                *constraint = Some(ct);
                self.class_body_expr(env, body, under_fun, flat, constraint)
            }
            P::ClassExprDesc::Structure(cs) => {
                let obj = self.object_expr(env, cs, loc, flat)?;
                Ok(if under_fun { (obj, false) } else { (pexp(P::ExpressionDesc::Fun(PLabel::Nolabel, None, Box::new(unit_pat(loc)), Box::new(obj)), loc), false) })
            }
            P::ClassExprDesc::Constr(..) | P::ClassExprDesc::Apply(..) => {
                // `class c = d args`: an object that inherits it.
                let inherit = P::ClassField { desc: P::ClassFieldDesc::Inherit(OverrideFlag::Fresh, ce.clone(), None), loc: loc.clone(), attributes: vec![] };
                let cs = P::ClassStructure { self_: ppat(P::PatternDesc::Any, loc), fields: vec![inherit] };
                let obj = self.object_expr(env, &cs, loc, flat)?;
                Ok(if under_fun { (obj, false) } else { (pexp(P::ExpressionDesc::Fun(PLabel::Nolabel, None, Box::new(unit_pat(loc)), Box::new(obj)), loc), false) })
            }
            P::ClassExprDesc::Open(..) => err(loc, ErrorKind::NotSupported("let open in classes".into())),
            P::ClassExprDesc::Extension((name, _)) => err(&name.loc, ErrorKind::Message(format!("Uninterpreted extension '{}'.", name.txt))),
        }
    }

    /// `let inh%1 = .. in object (self as self%) <fields> end`.
    fn object_expr(&mut self, env: &Env, cs: &P::ClassStructure, loc: &Location, flat: &mut Flat) -> R<P::Expression> {
        self.flatten(env, cs, None, flat, 0)?;
        let mut self_pat = cs.self_.clone();
        for n in &flat.self_names {
            let mut own = Vec::new();
            pattern_vars(&cs.self_, &mut own);
            if !own.contains(n) {
                self_pat = ppat(P::PatternDesc::Alias(Box::new(self_pat), Located { txt: n.clone(), loc: ghost(loc) }), loc);
            }
        }
        self_pat = ppat(P::PatternDesc::Alias(Box::new(self_pat), Located { txt: SELF_VAR.into(), loc: ghost(loc) }), loc);
        // Virtual fields: typed as declared, never run (a virtual class makes no object).
        let fields = flat
            .fields
            .iter()
            .map(|f| match &f.desc {
                P::ClassFieldDesc::Method(n, p, P::ClassFieldKind::Virtual(t)) => {
                    let body = pexp(P::ExpressionDesc::Poly(Box::new(pexp(P::ExpressionDesc::Assert(Box::new(false_expr(&f.loc))), &f.loc)), Some(Box::new(t.clone()))), &f.loc);
                    P::ClassField { desc: P::ClassFieldDesc::Method(n.clone(), *p, P::ClassFieldKind::Concrete(OverrideFlag::Fresh, body)), ..f.clone() }
                }
                P::ClassFieldDesc::Val(n, m, P::ClassFieldKind::Virtual(t)) => {
                    let e = pexp(P::ExpressionDesc::Constraint(Box::new(pexp(P::ExpressionDesc::Assert(Box::new(false_expr(&f.loc))), &f.loc)), Box::new(t.clone())), &f.loc);
                    P::ClassField { desc: P::ClassFieldDesc::Val(n.clone(), *m, P::ClassFieldKind::Concrete(OverrideFlag::Fresh, e)), ..f.clone() }
                }
                _ => f.clone(),
            })
            .collect();
        let obj = pexp(P::ExpressionDesc::Object(P::ClassStructure { self_: self_pat, fields }), loc);
        Ok(flat.preludes.iter().rev().fold(obj, |body, (pat, e)| {
            let vb = P::ValueBinding { pat: pat.clone(), expr: e.clone(), attributes: vec![], loc: ghost(loc) };
            pexp(P::ExpressionDesc::Let(RecFlag::Nonrecursive, vec![vb], Box::new(body)), loc)
        }))
    }
}

/// A concrete class with undefined (virtual) fields.
fn virtual_error(methods: &[String], vars: &[String]) -> String {
    let what = match (methods.is_empty(), vars.is_empty()) {
        (false, true) => "methods",
        (true, false) => "instance variables",
        _ => "methods and instance variables",
    };
    // OCaml lists them from the last declared.
    let names: String = methods.iter().rev().chain(vars.iter().rev()).map(|n| format!("@ {}", n)).collect();
    format!("@[This class should be virtual.@ @[<2>The following {} are undefined :{}@]@]", what, names)
}

/// OCaml refuses a class whose types have variables that are not its parameters.
fn unbound_vars_check(loc: &Location, hidden: &str, c: &ClassInfo) -> R<()> {
    let Some((params, ctor, var_tys, meth_tys)) = ClassInfo::parts(c.sig_ty) else { return Ok(()) };
    let params: Vec<TypeExpr> = params.iter().map(|p| repr(*p)).collect();
    let unbound = |t: TypeExpr| {
        let mut stack = vec![t];
        let mut seen = FxHashSet::default();
        while let Some(t) = stack.pop() {
            let t = repr(t);
            if !seen.insert(t) {
                continue;
            }
            match desc(t) {
                TypeDesc::Var(_) if !params.contains(&t) => return true,
                d => stack.extend(children(&d)),
            }
        }
        false
    };
    let culprit = c
        .methods
        .iter()
        .zip(meth_tys.iter())
        .map(|((n, _, _), t)| ("method", n, *t))
        .chain(c.vars.iter().zip(var_tys.iter()).map(|((n, _, _), t)| ("instance variable", n, *t)))
        .find(|(_, _, t)| unbound(*t));
    let Some((kind, name, ty)) = culprit else {
        let _ = ctor;
        return Ok(());
    };
    let item = crate::typing::printtyp::tree_of_sig_item(&SignatureItem::Value(
        Ident::create(hidden),
        Rc::new(ValueDescription { ty: ctor, kind: ValueKind::Class(Rc::new(c.clone())), loc: loc.clone(), deprecated: None }),
    ));
    // The class as printed, at the message's indentation (9 columns).
    let mut f = crate::typing::format::Formatter::new(78 - 9);
    f.p("@[");
    crate::typing::outcome::print_sig_item(&mut f, &item);
    f.p("@]");
    f.flush();
    let text = f.take();
    let mut n = crate::typing::printtyp::Names::new();
    let t = n.tree_of_type(ty, true);
    let tys = crate::typing::outcome::type_to_string(&t);
    let var = first_var(ty, &params).map(|v| format!("'{}", n.name_of(v))).unwrap_or_default();
    let msg = format!(
        "@[<v>@[<hv>Some type variables are unbound in this type:@;<1 2>@[<v>{}@]@]@ The {} {} has type {} where {} is unbound@]",
        text.lines().collect::<Vec<_>>().join("@,"),
        kind,
        name,
        tys,
        var
    );
    err(loc, ErrorKind::Message(msg))
}

/// The first type variable of `t` (left to right) that is not one of `params`.
fn first_var(t: TypeExpr, params: &[TypeExpr]) -> Option<TypeExpr> {
    let t = repr(t);
    match desc(t) {
        TypeDesc::Var(_) if !params.contains(&t) => Some(t),
        TypeDesc::Var(_) => None,
        d => children(&d).into_iter().find_map(|c| first_var(c, params)),
    }
}

fn false_expr(loc: &Location) -> P::Expression {
    pexp(P::ExpressionDesc::Construct(lident("false", loc), None), loc)
}

/// The type of the objects a constructor makes.
fn result_type(ctor: TypeExpr, has_params: bool) -> TypeExpr {
    let mut t = ctor;
    loop {
        match desc(t) {
            TypeDesc::Arrow(_, _, r) => {
                t = r;
                if !has_params {
                    return t;
                }
            }
            _ => return t,
        }
    }
}

/// Adds a field, replacing an earlier definition of the same method or variable (a virtual
/// declaration never replaces a definition).
fn add_field(flat: &mut Flat, f: P::ClassField) {
    let key = |f: &P::ClassField| match &f.desc {
        P::ClassFieldDesc::Method(n, _, k) => Some((true, n.txt.clone(), matches!(k, P::ClassFieldKind::Virtual(_)))),
        P::ClassFieldDesc::Val(n, _, k) => Some((false, n.txt.clone(), matches!(k, P::ClassFieldKind::Virtual(_)))),
        _ => None,
    };
    if let Some((is_m, n, virt)) = key(&f) {
        if let Some(i) = flat.fields.iter().position(|g| key(g).map(|(m2, n2, _)| m2 == is_m && n2 == n).unwrap_or(false)) {
            let old_virt = key(&flat.fields[i]).map(|k| k.2).unwrap_or(false);
            if virt && !old_virt {
                return;
            }
            flat.fields.remove(i);
        }
    }
    flat.fields.push(f);
}

/// An inherited class as a function from its parameters to the tuple of the variables its
/// parameters and `let`s bind; its structure; those variables.
fn parent_function(ce: &P::ClassExpr) -> R<(P::Expression, P::ClassStructure, Vec<String>)> {
    fn go(ce: &P::ClassExpr, vars: &mut Vec<String>) -> R<(P::Expression, P::ClassStructure, Vec<String>)> {
        let loc = &ce.loc;
        match &ce.desc {
            P::ClassExprDesc::Fun(l, def, pat, body) => {
                pattern_vars(pat, vars);
                let (b, cs, vs) = go(body, vars)?;
                Ok((pexp(P::ExpressionDesc::Fun(l.clone(), def.clone().map(Box::new), Box::new(pat.clone()), Box::new(b)), loc), cs, vs))
            }
            P::ClassExprDesc::Let(rf, vbs, body) => {
                for vb in vbs {
                    pattern_vars(&vb.pat, vars);
                }
                let (b, cs, vs) = go(body, vars)?;
                Ok((pexp(P::ExpressionDesc::Let(*rf, vbs.clone(), Box::new(b)), loc), cs, vs))
            }
            P::ClassExprDesc::Constraint(body, _) => go(body, vars),
            P::ClassExprDesc::Structure(cs) => {
                let vs = dedup_last(vars.clone());
                let tuple = match vs.len() {
                    0 => unit_expr(loc),
                    1 => pexp(P::ExpressionDesc::Ident(lident(&vs[0], loc)), loc),
                    _ => pexp(P::ExpressionDesc::Tuple(vs.iter().map(|v| pexp(P::ExpressionDesc::Ident(lident(v, loc)), loc)).collect()), loc),
                };
                Ok((tuple, cs.clone(), vs))
            }
            P::ClassExprDesc::Constr(..) | P::ClassExprDesc::Apply(..) => {
                let inherit = P::ClassField { desc: P::ClassFieldDesc::Inherit(OverrideFlag::Fresh, ce.clone(), None), loc: loc.clone(), attributes: vec![] };
                let cs = P::ClassStructure { self_: ppat(P::PatternDesc::Any, loc), fields: vec![inherit] };
                let vs = dedup_last(vars.clone());
                let tuple = match vs.len() {
                    0 => unit_expr(loc),
                    1 => pexp(P::ExpressionDesc::Ident(lident(&vs[0], loc)), loc),
                    _ => pexp(P::ExpressionDesc::Tuple(vs.iter().map(|v| pexp(P::ExpressionDesc::Ident(lident(v, loc)), loc)).collect()), loc),
                };
                Ok((tuple, cs, vs))
            }
            P::ClassExprDesc::Open(..) | P::ClassExprDesc::Extension(..) => err(loc, ErrorKind::NotSupported("this class expression".into())),
        }
    }
    go(ce, &mut Vec::new())
}

/// A class type read from its declaration: parameters, instance variables, methods.
struct ClassTypeParts {
    args: Vec<(ArgLabel, TypeExpr)>,
    /// name, mutable, virtual, type.
    vars: Vec<(Rc<str>, bool, bool, TypeExpr)>,
    /// name, private, virtual, type (a `Poly`).
    methods: Vec<(Rc<str>, bool, bool, TypeExpr)>,
    /// Its name when it is one (`class c : ct`).
    name: Option<Rc<str>>,
}

impl Typer {
    /// `class type ct = ...` (`is_type`) or, in a signature, `class c : ...`: the signature
    /// items (the type abbreviation, the hidden class value) and the environment after them.
    pub fn type_class_type_decls(&mut self, env: &Env, decls: &[P::ClassTypeDeclaration], is_type: bool) -> R<(Signature, Env)> {
        let mut env = env.clone();
        let mut sig = Vec::new();
        for d in decls {
            self.reset_type_vars();
            ctype::begin_def();
            let saved = self.global_level;
            self.global_level = ctype::current_level();
            let r = self.class_type_decl_at(&env, d, is_type);
            self.global_level = saved;
            ctype::end_def();
            let (items, sig_ty) = r?;
            ctype::generalize(sig_ty);
            for it in &items {
                match it {
                    SignatureItem::Type(id, decl, _) => env.add_type(id, decl.clone()),
                    SignatureItem::Value(id, vd) => env.add_value(id, vd.clone()),
                    _ => {}
                }
            }
            sig.extend(items);
        }
        Ok((sig, env))
    }

    fn class_type_decl_at(&mut self, env: &Env, d: &P::ClassTypeDeclaration, is_type: bool) -> R<(Signature, TypeExpr)> {
        let loc = &d.loc;
        let mut params = Vec::new();
        for (p, _) in &d.params {
            params.push(self.transl_annot(env, p)?);
        }
        let parts = self.transl_class_type(env, &d.expr)?;
        let virt = d.virt == VirtualFlag::Virtual;
        let virt_methods: Vec<String> = parts.methods.iter().filter(|m| m.2).map(|m| m.0.to_string()).collect();
        if !virt && !virt_methods.is_empty() {
            let what = if is_type { "class type" } else { "class" };
            return err(loc, ErrorKind::Message(format!("This {} should be virtual. The following methods are undefined : {}", what, virt_methods.join(" "))));
        }
        let obj = object_of_methods(&parts.methods);
        let has_params = !parts.args.is_empty();
        let mut ctor = obj;
        for (l, t) in parts.args.iter().rev() {
            ctor = ctype::newty(TypeDesc::Arrow(l.clone(), *t, ctor));
        }
        if !has_params && !is_type {
            ctor = ctype::newty(TypeDesc::Arrow(ArgLabel::Nolabel, predef::type_unit(), obj));
        }
        let tuple = |ts: Vec<TypeExpr>| ctype::newty(TypeDesc::Tuple(ts.into()));
        let sig_ty = tuple(vec![
            tuple(params.clone()),
            ctor,
            tuple(parts.vars.iter().map(|v| v.3).collect()),
            tuple(parts.methods.iter().map(|m| m.3).collect()),
        ]);
        let info = ClassInfo {
            is_type,
            virt,
            sig_ty,
            has_params,
            vars: parts.vars.iter().map(|v| (v.0.clone(), v.1, v.2)).collect(),
            methods: parts.methods.iter().map(|m| (m.0.clone(), m.1, m.2)).collect(),
            printed_as: parts.name.clone(),
            decl: None,
        };
        let name = &d.name.txt;
        let mut decl = TypeDeclaration::abstract_type(params.clone(), vec![(true, true); params.len()], loc.clone());
        decl.manifest = Some(obj);
        let vname = if is_type { class_type_value_name(name) } else { class_value_name(name) };
        let vd = Rc::new(ValueDescription { ty: ctor, kind: ValueKind::Class(Rc::new(info)), loc: loc.clone(), deprecated: None });
        Ok((vec![SignatureItem::Type(Ident::create(name), Rc::new(decl), RecStatus::NotRec), SignatureItem::Value(Ident::create(&vname), vd)], sig_ty))
    }

    /// A class type expression.
    fn transl_class_type(&mut self, env: &Env, ct: &P::ClassType) -> R<ClassTypeParts> {
        match &ct.desc {
            P::ClassTypeDesc::Constr(lid, args) => {
                let mut parts = self.class_type_instance(env, lid, args)?;
                parts.name = Some(Rc::from(lid.txt.to_string().as_str()));
                Ok(parts)
            }
            P::ClassTypeDesc::Arrow(l, t, rest) => {
                let l = typetexp::label(l);
                let ta = self.transl_annot(env, t)?;
                let ta = if l.is_optional() { predef::type_option(ta) } else { ta };
                let mut parts = self.transl_class_type(env, rest)?;
                parts.args.insert(0, (l, ta));
                parts.name = None;
                Ok(parts)
            }
            P::ClassTypeDesc::Signature(cs) => {
                let mut parts = ClassTypeParts { args: vec![], vars: vec![], methods: vec![], name: None };
                for f in &cs.fields {
                    match &f.desc {
                        P::ClassTypeFieldDesc::Inherit(ct) => {
                            let p = self.transl_class_type(env, ct)?;
                            for v in p.vars {
                                parts.vars.retain(|w| w.0 != v.0);
                                parts.vars.push(v);
                            }
                            for m in p.methods {
                                add_method_type(&mut parts.methods, m);
                            }
                        }
                        P::ClassTypeFieldDesc::Val(n, m, v, t) => {
                            let t = self.transl_annot(env, t)?;
                            let name: Rc<str> = Rc::from(n.txt.as_str());
                            parts.vars.retain(|w| w.0 != name);
                            parts.vars.push((name, *m == crate::parsing::asttypes::MutableFlag::Mutable, *v == VirtualFlag::Virtual, t));
                        }
                        P::ClassTypeFieldDesc::Method(n, p, v, t) => {
                            let t = typetexp::method_type(self.transl_annot(env, t)?);
                            add_method_type(&mut parts.methods, (Rc::from(n.txt.as_str()), *p == PrivateFlag::Private, *v == VirtualFlag::Virtual, t));
                        }
                        P::ClassTypeFieldDesc::Constraint(a, b) => {
                            let ta = self.transl_annot(env, a)?;
                            let tb = self.transl_annot(env, b)?;
                            ctype::unify(env, ta, tb).map_err(|e| TypeError::new(&f.loc, ErrorKind::ExprTypeClash(e, None)).with_env(env))?;
                        }
                        P::ClassTypeFieldDesc::Attribute(_) => {}
                        P::ClassTypeFieldDesc::Extension((name, _)) => {
                            return err(&name.loc, ErrorKind::Message(format!("Uninterpreted extension '{}'.", name.txt)));
                        }
                    }
                }
                Ok(parts)
            }
            P::ClassTypeDesc::Open(..) => err(&ct.loc, ErrorKind::NotSupported("let open in class types".into())),
            P::ClassTypeDesc::Extension((name, _)) => err(&name.loc, ErrorKind::Message(format!("Uninterpreted extension '{}'.", name.txt))),
        }
    }

    /// A fresh instance of a named class type (or class), applied to `args`.
    fn class_type_instance(&mut self, env: &Env, lid: &Located<Longident>, args: &[P::CoreType]) -> R<ClassTypeParts> {
        let (_, _, info) = Self::lookup_class(env, lid, true)?;
        let Some((params, ctor, var_tys, meth_tys)) = ClassInfo::parts(ctype::instance(info.sig_ty)) else {
            return err(&lid.loc, ErrorKind::Message("Internal error: bad class".into()));
        };
        if !args.is_empty() && args.len() != params.len() {
            return err(
                &lid.loc,
                ErrorKind::Message(format!(
                    "The class constructor {} expects {} type argument(s),@ but is here applied to {} type argument(s)",
                    lid.txt,
                    params.len(),
                    args.len()
                )),
            );
        }
        for (a, p) in args.iter().zip(params.iter()) {
            let ta = self.transl_annot(env, a)?;
            ctype::unify(env, ta, *p).map_err(|e| TypeError::new(&a.loc, ErrorKind::ExprTypeClash(e, None)).with_env(env))?;
        }
        let mut out = ClassTypeParts { args: vec![], vars: vec![], methods: vec![], name: None };
        let mut t = ctor;
        if info.has_params {
            while let TypeDesc::Arrow(l, a, r) = desc(t) {
                out.args.push((l, a));
                t = r;
            }
        }
        out.vars = info.vars.iter().zip(var_tys).map(|((n, m, v), t)| (n.clone(), *m, *v, t)).collect();
        out.methods = info.methods.iter().zip(meth_tys).map(|((n, p, v), t)| (n.clone(), *p, *v, t)).collect();
        Ok(out)
    }

    /// `class c : ct = ...`: the objects of the class must have the class type's type.
    fn check_class_constraint(&mut self, env: &Env, ct: &P::ClassType, obj: TypeExpr) -> R<()> {
        let parts = self.transl_class_type(env, ct)?;
        let expected = object_of_methods(&parts.methods);
        ctype::unify(env, obj, expected).map_err(|e| TypeError::new(&ct.loc, ErrorKind::ExprTypeClash(e, None)).with_env(env))
    }
}

/// Adds a method of a class type, a later declaration replacing an earlier one (a virtual one
/// never replaces a concrete one).
fn add_method_type(methods: &mut Vec<(Rc<str>, bool, bool, TypeExpr)>, m: (Rc<str>, bool, bool, TypeExpr)) {
    if let Some(i) = methods.iter().position(|x| x.0 == m.0) {
        if m.2 && !methods[i].2 {
            return;
        }
        methods.remove(i);
    }
    methods.push(m);
}

/// The (closed) type of objects with these public methods.
fn object_of_methods(methods: &[(Rc<str>, bool, bool, TypeExpr)]) -> TypeExpr {
    let mut fields: Vec<(Rc<str>, TypeExpr)> = methods.iter().filter(|m| !m.1).map(|m| (m.0.clone(), m.3)).collect();
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    ctype::newty(TypeDesc::Object(Rc::new(Methods { fields, closed: true })))
}
