//! Objects to Lambda, in OCaml's representation: a block with Object_tag (248) holding the
//! method table, a unique id (`caml_fresh_oo_id`), then the instance variables. The table is
//! the one `caml_get_public_method` searches by dichotomy: field 0 the index of the last label
//! (2n+1), field 1 unused, then n (closure, label) pairs sorted by label, a label being the
//! hash of the method's name (the hash of a polymorphic variant tag). A method is a closure
//! whose first parameter is self.
//!
//! The table is built each time an immediate object is made (its closures may capture the
//! variables around the object); classes would share one per class.

use super::*;

const OBJECT_TAG: u8 = 248;

/// Field of an object holding its `i`th instance variable.
fn var_field(i: usize) -> usize {
    2 + i
}

fn fresh_id() -> Lambda {
    Lambda::Prim(P::CCall { name: "caml_fresh_oo_id".into(), arity: 1, alloc: true }, vec![Lambda::int(0)])
}

/// The method named `name` of the object in `o`.
fn get_method(o: &Var, name: &str) -> Lambda {
    Lambda::Prim(
        P::CCall { name: "caml_get_public_method".into(), arity: 2, alloc: false },
        vec![Lambda::Var(o.clone()), Lambda::int(types::hash_variant(name))],
    )
}

impl Translator<'_> {
    /// `object (self) ... end`.
    pub(super) fn object(&mut self, o: &T::ObjectExpr) -> R<Lambda> {
        let mut vals = Vec::new();
        for (name, _, e) in &o.vals {
            let v = self.fresh.var(name);
            vals.push((v, self.expr(e)?));
        }
        let mut methods: Vec<(i64, Lambda)> = Vec::new();
        for (name, f) in &o.methods {
            let l = self.in_function_scope(FunctionScope::Named(name), |tr| tr.function(f, name))?;
            methods.push((types::hash_variant(name), l));
        }
        methods.sort_by_key(|(h, _)| *h);
        let mut table = vec![Lambda::int(2 * methods.len() as i64 + 1), Lambda::int(0)];
        for (h, l) in methods {
            table.push(l);
            table.push(Lambda::int(h));
        }
        let table = Lambda::Prim(P::MakeBlock(0, Mutability::Immutable), table);
        let mut fields = vec![table, fresh_id()];
        fields.extend(vals.iter().map(|(v, _)| Lambda::Var(v.clone())));
        let obj = self.fresh.var("obj");
        let mut body = Lambda::Var(obj.clone());
        for init in o.initializers.iter().rev() {
            let f = self.in_function_scope(FunctionScope::Anonymous, |tr| tr.function(init, "initializer"))?;
            body = Lambda::seq(Lambda::apply(f, vec![Lambda::Var(obj.clone())]), body);
        }
        let mut l = Lambda::let_(obj, Lambda::Prim(P::MakeBlock(OBJECT_TAG, Mutability::Mutable), fields), body);
        for (v, e) in vals.into_iter().rev() {
            l = Lambda::let_(v, e, l);
        }
        Ok(l)
    }

    /// `e#m` applied to `args` (none for a bare call): the method gets self then the arguments.
    pub(super) fn send(&mut self, obj: &T::Expression, name: &str, args: Vec<Lambda>) -> R<Lambda> {
        let o = self.fresh.var("obj");
        let ol = self.expr(obj)?;
        let mut all = vec![Lambda::Var(o.clone())];
        all.extend(args);
        Ok(Lambda::let_(o.clone(), ol, Lambda::apply(get_method(&o, name), all)))
    }

    /// `(e#m) a b`: when every argument is given without an optional label, one call.
    pub(super) fn send_apply(&mut self, obj: &T::Expression, name: &str, args: &[(types::ArgLabel, Option<T::Expression>)]) -> R<Option<Lambda>> {
        if args.iter().any(|(l, a)| a.is_none() || l.is_optional()) {
            return Ok(None);
        }
        let mut ls = Vec::new();
        for (_, a) in args {
            if let Some(a) = a {
                ls.push(self.expr(a)?);
            }
        }
        self.send(obj, name, ls).map(Some)
    }

    pub(super) fn inst_var(&mut self, self_param: &Ident, i: usize) -> Lambda {
        Lambda::Prim(P::Field(var_field(i)), vec![Lambda::Var(ident_var(self_param))])
    }

    pub(super) fn set_inst_var(&mut self, self_param: &Ident, i: usize, e: &T::Expression) -> R<Lambda> {
        let imm = is_immediate(e.ty);
        let v = self.expr(e)?;
        Ok(Lambda::Prim(P::SetField(var_field(i), !imm), vec![Lambda::Var(ident_var(self_param)), v]))
    }

    /// `{< x = e >}`: the values first, then a copy of self with a fresh id and those fields.
    pub(super) fn override_(&mut self, self_param: &Ident, fields: &[(usize, T::Expression)]) -> R<Lambda> {
        let mut vals = Vec::new();
        for (i, e) in fields {
            vals.push((*i, self.fresh.var("v"), self.expr(e)?));
        }
        let copy = self.fresh.var("copy");
        let dup = Lambda::Prim(P::CCall { name: "caml_obj_dup".into(), arity: 1, alloc: true }, vec![Lambda::Var(ident_var(self_param))]);
        let mut body = Lambda::Var(copy.clone());
        for (i, v, _) in vals.iter().rev() {
            let set = Lambda::Prim(P::SetField(var_field(*i), true), vec![Lambda::Var(copy.clone()), Lambda::Var(v.clone())]);
            body = Lambda::seq(set, body);
        }
        let set_id = Lambda::Prim(P::SetField(1, false), vec![Lambda::Var(copy.clone()), fresh_id()]);
        let mut l = Lambda::let_(copy, dup, Lambda::seq(set_id, body));
        for (_, v, e) in vals.into_iter().rev() {
            l = Lambda::let_(v, e, l);
        }
        Ok(l)
    }
}
