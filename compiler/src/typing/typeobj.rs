//! Immediate objects (`object (self) val x = e method m = e end`), method calls `e#m`,
//! instance variables (`x`, `x <- e`) and `{< x = e >}`.
//!
//! A child module of `typecore` (it extends the `Typer`). Classes are not typed yet.

use super::*;
use crate::parsing::asttypes::{MutableFlag, PrivateFlag};

/// An object being typed, seen from its methods.
pub(super) struct ObjectScope {
    vars: Vec<InstVarInfo>,
    /// The self parameter of the method being typed (None while typing instance variables).
    self_param: Option<Ident>,
    /// The type of self (what `{< .. >}` returns).
    self_ty: TypeExpr,
}

struct InstVarInfo {
    /// The identifier the methods' environment binds the variable to.
    id: Ident,
    name: String,
    index: usize,
    mutable: bool,
    ty: TypeExpr,
}

/// What a class needs of the object its constructor makes.
pub(super) struct ObjectSig {
    /// Instance variables: name, mutable, type.
    pub vars: Vec<(Rc<str>, bool, TypeExpr)>,
    /// Methods: name, private, type (a `Poly`).
    pub methods: Vec<(Rc<str>, bool, TypeExpr)>,
}

/// A method's field in the parse tree.
struct MethodSrc<'a> {
    name: &'a Located<String>,
    private: bool,
    body: &'a P::Expression,
}

impl Typer {
    /// `object (self) ... end`.
    pub(super) fn type_object(&mut self, env: &Env, loc: &Location, cs: &P::ClassStructure, expected: TypeExpr) -> R<T::Expression> {
        let mut vals: Vec<(&Located<String>, bool, &P::Expression)> = Vec::new();
        let mut methods: Vec<MethodSrc> = Vec::new();
        let mut inits: Vec<&P::Expression> = Vec::new();
        for f in &cs.fields {
            match &f.desc {
                P::ClassFieldDesc::Val(name, m, P::ClassFieldKind::Concrete(_, e)) => {
                    vals.push((name, *m == MutableFlag::Mutable, e));
                }
                P::ClassFieldDesc::Method(name, p, P::ClassFieldKind::Concrete(_, e)) => {
                    if methods.iter().any(|m| m.name.txt == name.txt) {
                        return err(&f.loc, ErrorKind::Message(format!("The method `{}' has multiple definitions in this object", name.txt)));
                    }
                    methods.push(MethodSrc { name, private: *p == PrivateFlag::Private, body: e });
                }
                P::ClassFieldDesc::Initializer(e) => inits.push(e),
                P::ClassFieldDesc::Attribute(_) => {}
                P::ClassFieldDesc::Val(_, _, P::ClassFieldKind::Virtual(_)) | P::ClassFieldDesc::Method(_, _, P::ClassFieldKind::Virtual(_)) => {
                    return err(&f.loc, ErrorKind::Message("This object has virtual methods or instance variables".into()));
                }
                P::ClassFieldDesc::Inherit(..) => return err(&f.loc, ErrorKind::NotSupported("inherit".into())),
                P::ClassFieldDesc::Constraint(..) => return err(&f.loc, ErrorKind::NotSupported("constraint in objects".into())),
                P::ClassFieldDesc::Extension((name, _)) => {
                    return err(&name.loc, ErrorKind::Message(format!("Uninterpreted extension '{}'.", name.txt)));
                }
            }
        }

        // The type of self: every method (private ones too), closed as an immediate object
        // cannot be extended. Annotated methods get their declared (maybe polymorphic) type.
        let mut fields: Vec<(Rc<str>, TypeExpr)> = Vec::new();
        for m in &methods {
            let ft = match &m.body.desc {
                P::ExpressionDesc::Poly(_, Some(sty)) => typetexp::method_type(self.transl_annot(env, sty)?),
                _ => typetexp::method_type(ctype::newvar()),
            };
            fields.push((Rc::from(m.name.txt.as_str()), ft));
        }
        let mut sorted = fields.clone();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let self_ty = ctype::newty(TypeDesc::Object(Rc::new(Methods { fields: sorted, closed: true })));

        // Instance variables: typed outside the object (they cannot see self nor each other).
        let mut tvals = Vec::new();
        let mut infos = Vec::new();
        for (i, (name, mutable, e)) in vals.iter().enumerate() {
            let te = self.expr_no_expect(env, e)?;
            infos.push(InstVarInfo { id: Ident::create(&name.txt), name: name.txt.clone(), index: i, mutable: *mutable, ty: te.ty });
            tvals.push((Rc::from(name.txt.as_str()), *mutable, te));
        }
        let mut menv = env.clone();
        for v in &infos {
            menv.add_local_value(&v.id, Rc::new(ValueDescription { ty: v.ty, kind: ValueKind::Regular, loc: loc.clone(), deprecated: None }));
        }
        self.objects.push(ObjectScope { vars: infos, self_param: None, self_ty });
        let result = self.type_methods(&menv, cs, &methods, &fields, &inits);
        self.objects.pop();
        let (tmethods, tinits) = result?;

        // The object's type: the public methods. As OCaml does, self's own type loses the
        // private ones (so a method returning self has the object's type).
        if methods.iter().any(|m| m.private) && matches!(desc(self_ty), TypeDesc::Object(_)) {
            let mut public: Vec<(Rc<str>, TypeExpr)> =
                methods.iter().zip(fields.iter()).filter(|(m, _)| !m.private).map(|(_, f)| f.clone()).collect();
            public.sort_by(|a, b| a.0.cmp(&b.0));
            set_desc(repr(self_ty), TypeDesc::Object(Rc::new(Methods { fields: public, closed: true })));
        }
        let obj_ty = self_ty;
        self.last_object = Some(ObjectSig {
            vars: tvals.iter().map(|(n, m, e): &(Rc<str>, bool, T::Expression)| (n.clone(), *m, e.ty)).collect(),
            methods: methods.iter().zip(fields.iter()).map(|(m, (n, t))| (n.clone(), m.private, *t)).collect(),
        });
        self.unify_exp(env, loc, obj_ty, expected)?;
        let obj = T::ObjectExpr { vals: tvals, methods: tmethods, initializers: tinits };
        Ok(mk(T::ExpressionDesc::Object(Rc::new(obj)), loc, obj_ty))
    }

    /// Types each method (and initializer) as a function of self.
    #[allow(clippy::type_complexity)]
    fn type_methods(
        &mut self,
        env: &Env,
        cs: &P::ClassStructure,
        methods: &[MethodSrc],
        fields: &[(Rc<str>, TypeExpr)],
        inits: &[&P::Expression],
    ) -> R<(Vec<(Rc<str>, T::Expression)>, Vec<T::Expression>)> {
        let self_ty = self.objects.last().map(|s| s.self_ty).unwrap_or_else(ctype::newvar);
        let mut out = Vec::new();
        for (m, (name, ft)) in methods.iter().zip(fields.iter()) {
            let body = match &m.body.desc {
                P::ExpressionDesc::Poly(e, _) => &**e,
                _ => m.body,
            };
            let f = self.method_function(env, cs, self_ty, body, *ft, &m.body.loc)?;
            out.push((name.clone(), f));
        }
        let mut tinits = Vec::new();
        for e in inits {
            let unit = typetexp::method_type(predef::type_unit());
            tinits.push(self.method_function(env, cs, self_ty, e, unit, &e.loc)?);
        }
        Ok((out, tinits))
    }

    /// `fun self -> body`, the body typed against the method's type `ft` (a `Poly`).
    fn method_function(&mut self, env: &Env, cs: &P::ClassStructure, self_ty: TypeExpr, body: &P::Expression, ft: TypeExpr, loc: &Location) -> R<T::Expression> {
        let param = Ident::create("self");
        if let Some(s) = self.objects.last_mut() {
            s.self_param = Some(param.clone());
        }
        let mut vars = Vec::new();
        let pat = self.pattern(env, &cs.self_, self_ty, &mut vars)?;
        let env2 = Self::add_vars(env, &vars);
        let tbody = match desc(ft) {
            TypeDesc::Poly(b, vs) if vs.is_empty() => self.expr(&env2, body, b)?,
            _ => {
                // A polymorphic method: its body must be as general as declared.
                let scheme = poly_to_scheme(ft);
                ctype::begin_def();
                let inst = ctype::instance(scheme);
                let r = self.expr(&env2, body, inst);
                ctype::end_def();
                let tbody = r?;
                check_poly_instance(env, &body.loc, inst, scheme, ft)?;
                tbody
            }
        };
        let ty = ctype::newty(TypeDesc::Arrow(ArgLabel::Nolabel, self_ty, tbody.ty));
        let case = T::Case { lhs: pat, guard: None, rhs: tbody };
        Ok(mk(T::ExpressionDesc::Function { arg_label: ArgLabel::Nolabel, param, cases: vec![case], partial: T::Partial::Total }, loc, ty))
    }

    /// An identifier that is an instance variable of an enclosing object: its read.
    pub(super) fn instance_variable(&self, id: &Ident, loc: &Location) -> Option<T::Expression> {
        for s in self.objects.iter().rev() {
            if let Some(v) = s.vars.iter().find(|v| v.id.stamp == id.stamp) {
                let param = s.self_param.clone()?;
                return Some(mk(T::ExpressionDesc::InstVar(param, v.index), loc, v.ty));
            }
        }
        None
    }

    /// `x <- e`.
    pub(super) fn type_setinstvar(&mut self, env: &Env, loc: &Location, name: &Located<String>, e: &P::Expression, expected: TypeExpr) -> R<T::Expression> {
        let Ok(value) = env.lookup_value(&Longident::Lident(name.txt.clone())) else {
            return err(loc, ErrorKind::Message(format!("Unbound instance variable {}", name.txt)));
        };
        let found = Some(value).and_then(|v| match v.path {
            Path::Pident(id) => self.objects.iter().rev().find_map(|s| {
                let v = s.vars.iter().find(|v| v.id.stamp == id.stamp)?;
                Some((s.self_param.clone(), v.index, v.mutable, v.ty))
            }),
            _ => None,
        });
        let Some((Some(param), index, mutable, ty)) = found else {
            return err(loc, ErrorKind::Message(format!("The value {} is not an instance variable", name.txt)));
        };
        if !mutable {
            return err(loc, ErrorKind::Message(format!("The instance variable {} is not mutable", name.txt)));
        }
        let te = self.expr(env, e, ty)?;
        self.unify_exp(env, loc, predef::type_unit(), expected)?;
        Ok(mk(T::ExpressionDesc::SetInstVar(param, index, Box::new(te)), loc, predef::type_unit()))
    }

    /// `{< x = e; .. >}`: in a method, a copy of self.
    pub(super) fn type_override(&mut self, env: &Env, loc: &Location, fields: &[(Located<String>, P::Expression)], expected: TypeExpr) -> R<T::Expression> {
        let Some(scope) = self.objects.last() else {
            return err(loc, ErrorKind::Message("This object duplication occurs outside a method definition".into()));
        };
        let Some(param) = scope.self_param.clone() else {
            return err(loc, ErrorKind::Message("This object duplication occurs outside a method definition".into()));
        };
        let self_ty = scope.self_ty;
        let targets: Vec<Option<(usize, TypeExpr)>> =
            fields.iter().map(|(n, _)| scope.vars.iter().find(|v| v.name == n.txt).map(|v| (v.index, v.ty))).collect();
        let mut out = Vec::new();
        for ((name, e), target) in fields.iter().zip(targets) {
            let Some((index, ty)) = target else {
                return err(&name.loc, ErrorKind::Message(format!("Unbound instance variable {}", name.txt)));
            };
            out.push((index, self.expr(env, e, ty)?));
        }
        self.unify_exp(env, loc, self_ty, expected)?;
        Ok(mk(T::ExpressionDesc::Override(param, out), loc, self_ty))
    }

    /// `e#m`.
    pub(super) fn type_send(&mut self, env: &Env, loc: &Location, obj: &P::Expression, meth: &Located<String>, expected: TypeExpr) -> R<T::Expression> {
        if let Some(P::Expression { desc: P::ExpressionDesc::Send(o, m), .. }) = self.super_send(obj, meth) {
            return self.type_send(env, loc, &o, &m, expected);
        }
        let start = principal::on().then(principal::start);
        let tobj = self.expr_no_expect(env, obj)?;
        if let Some(s) = start {
            principal::mark_new(tobj.ty, s);
        }
        let name: Rc<str> = Rc::from(meth.txt.as_str());
        let undefined = |valid: Vec<String>| err(&obj.loc, ErrorKind::UndefinedMethod(tobj.ty, meth.txt.clone(), valid));
        let ft = match desc(ctype::expand_head(env, tobj.ty)) {
            TypeDesc::Object(m) => match m.field(&name) {
                Some(ft) => ft,
                None if m.closed => return undefined(m.fields.iter().map(|(l, _)| l.to_string()).collect()),
                None => self.extend_object(env, &tobj, &name)?,
            },
            TypeDesc::Var(_) => self.extend_object(env, &tobj, &name)?,
            _ => return undefined(vec![]),
        };
        let ty = match desc(ft) {
            TypeDesc::Poly(b, vs) if vs.is_empty() => b,
            TypeDesc::Poly(..) => {
                if !principal::known_head(env, tobj.ty) {
                    self.warn(loc, 18, "this use of a polymorphic method is not principal.");
                }
                ctype::instance_poly(ft)
            }
            _ => ft,
        };
        self.unify_exp(env, loc, ty, expected)?;
        Ok(mk(T::ExpressionDesc::Send(Box::new(tobj), name), loc, ty))
    }

    /// `(e :> < m : t >)` where the type of `e` is not known yet: as OCaml does, `e` gets the
    /// open version of the target type (`< m : t; .. >`). Returns false when it does not apply.
    pub(super) fn open_coercion_source(&mut self, env: &Env, source: TypeExpr, target: TypeExpr) -> bool {
        if !matches!(desc(ctype::expand_head(env, source)), TypeDesc::Var(_)) {
            return false;
        }
        let TypeDesc::Object(m) = desc(ctype::expand_head(env, target)) else { return false };
        let open = ctype::newty(TypeDesc::Object(Rc::new(Methods { fields: m.fields.clone(), closed: false })));
        ctype::unify(env, source, open).is_ok()
    }

    /// The object's type gets the method (a fresh monomorphic type): returns its field type.
    fn extend_object(&mut self, env: &Env, tobj: &T::Expression, name: &Rc<str>) -> R<TypeExpr> {
        let ft = typetexp::method_type(ctype::newvar());
        let obj = ctype::newty(TypeDesc::Object(Rc::new(Methods { fields: vec![(name.clone(), ft)], closed: false })));
        self.unify_exp(env, &tobj.loc, tobj.ty, obj)?;
        Ok(ft)
    }
}
