//! Which right-hand sides `let rec` accepts (OCaml manual, "Recursive definitions of values").
//!
//! Two questions decide it, as in OCaml:
//! - how each right-hand side uses the names of the group: each use gets a mode, from
//!   `Ignore` (not used) through `Delay` (under `fun`/`lazy`), `Guard` (stored in a block, or
//!   computed and dropped), `Return` (returned as is) to `Dereference` (inspected);
//! - whether the size of its value is known before computing it (`Static`: constructors,
//!   functions, records...) or not (`Dynamic`: applications, matches...).
//!
//! A right-hand side is accepted if no name of the group is returned or inspected, and, when
//! its size is not known, if it uses no name of the group at all.

use super::path::Path;
use super::typedtree as T;
use super::types::*;
use crate::parsing::asttypes::RecFlag;
use rustc_hash::FxHashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Mode {
    Ignore,
    Delay,
    Guard,
    Return,
    Dereference,
}

/// The mode of a use at `inner` inside a context used at `outer`.
fn compose(outer: Mode, inner: Mode) -> Mode {
    use Mode::*;
    match (outer, inner) {
        (Ignore, _) | (_, Ignore) => Ignore,
        (Dereference, _) => Dereference,
        (Delay, _) => Delay,
        (Guard, Return) => Guard,
        (Guard, m) => m,
        (Return, m) => m,
    }
}

/// The mode of each variable (by stamp) used in an expression.
#[derive(Clone, Default, PartialEq)]
struct Uses(FxHashMap<u32, Mode>);

impl Uses {
    fn single(stamp: u32, m: Mode) -> Uses {
        let mut u = Uses::default();
        if m != Mode::Ignore {
            u.0.insert(stamp, m);
        }
        u
    }
    fn find(&self, stamp: u32) -> Mode {
        self.0.get(&stamp).copied().unwrap_or(Mode::Ignore)
    }
    fn join(mut self, other: Uses) -> Uses {
        for (k, m) in other.0 {
            let e = self.0.entry(k).or_insert(Mode::Ignore);
            *e = (*e).max(m);
        }
        self
    }
    fn compose(self, outer: Mode) -> Uses {
        Uses(self.0.into_iter().map(|(k, m)| (k, compose(outer, m))).filter(|(_, m)| *m != Mode::Ignore).collect())
    }
    fn remove_pattern(mut self, p: &T::Pattern) -> Uses {
        for s in bound_stamps(p) {
            self.0.remove(&s);
        }
        self
    }
}

fn bound_stamps(p: &T::Pattern) -> Vec<u32> {
    fn go(p: &T::Pattern, out: &mut Vec<u32>) {
        use T::PatternDesc as D;
        match &p.desc {
            D::Var(id, _) => out.push(id.stamp),
            D::Alias(q, id, _) => {
                out.push(id.stamp);
                go(q, out)
            }
            D::Tuple(ps) | D::Construct(_, _, ps) | D::Array(ps) => ps.iter().for_each(|q| go(q, out)),
            D::Record(fs, _) => fs.iter().for_each(|(_, _, q)| go(q, out)),
            D::Or(a, _) => go(a, out),
            D::Lazy(q) => go(q, out),
            D::Variant(_, q) => q.iter().for_each(|q| go(q, out)),
            D::Any | D::Constant(_) => {}
        }
    }
    let mut out = Vec::new();
    go(p, &mut out);
    out
}

fn is_destructuring(p: &T::Pattern) -> bool {
    use T::PatternDesc as D;
    match &p.desc {
        D::Any | D::Var(..) => false,
        D::Alias(q, _, _) => is_destructuring(q),
        D::Or(a, b) => is_destructuring(a) || is_destructuring(b),
        _ => true,
    }
}

/// The mode in which a pattern uses the value it matches, given the uses of its variables.
fn pattern_mode(p: &T::Pattern, body: &Uses) -> Mode {
    let own = if is_destructuring(p) { Mode::Dereference } else { Mode::Guard };
    bound_stamps(p).into_iter().map(|s| body.find(s)).fold(own, Mode::max)
}

fn list<'a>(es: impl IntoIterator<Item = &'a T::Expression>, m: Mode) -> Uses {
    es.into_iter().fold(Uses::default(), |u, e| u.join(expression(e, m)))
}

/// A case: the uses of its guard and right-hand side (without its pattern's variables), and
/// the mode in which it uses the matched value.
fn case(c: &T::Case, m: Mode) -> (Uses, Mode) {
    let mut u = expression(&c.rhs, m);
    if let Some(g) = &c.guard {
        u = u.join(expression(g, compose(m, Mode::Dereference)));
    }
    let pm = compose(m, pattern_mode(&c.lhs, &u));
    (u.remove_pattern(&c.lhs), pm)
}

fn is_ref(e: &T::Expression) -> bool {
    matches!(&e.desc, T::ExpressionDesc::Ident(_, _, vd)
        if matches!(&vd.kind, ValueKind::Primitive(p) if &*p.name == "%makemutable" && p.arity == 1))
}

/// The uses of the group's variables by `e`, used in mode `m`.
fn expression(e: &T::Expression, m: Mode) -> Uses {
    use Mode::*;
    use T::ExpressionDesc as D;
    let at = |e: &T::Expression, inner: Mode| expression(e, compose(m, inner));
    match &e.desc {
        D::Ident(Path::Pident(id), _, _) => Uses::single(id.stamp, m),
        D::Ident(..) | D::Constant(_) | D::Unreachable => Uses::default(),
        D::Let(rf, vbs, body) => value_bindings(*rf, vbs, m, expression(body, m)),
        D::Function { cases, .. } => cases.iter().fold(Uses::default(), |u, c| u.join(case(c, compose(m, Delay)).0)),
        D::Apply(f, args) => {
            if let ([(_, Some(a))], true) = (args.as_slice(), is_ref(f)) {
                return at(a, Guard);
            }
            let app = if args.iter().any(|(_, a)| a.is_none()) { Guard } else { Dereference };
            list(std::iter::once(&**f).chain(args.iter().filter_map(|(_, a)| a.as_ref())), compose(m, app))
        }
        D::Match { scrutinee, cases, exn_cases, .. } => {
            let mut u = Uses::default();
            let mut pm = Ignore;
            for c in cases.iter().chain(exn_cases.iter()) {
                let (cu, cm) = case(c, m);
                u = u.join(cu);
                pm = pm.max(cm);
            }
            u.join(expression(scrutinee, pm))
        }
        D::Try(body, cases) => cases.iter().fold(expression(body, m), |u, c| u.join(case(c, m).0)),
        D::Tuple(es) => list(es, compose(m, Guard)),
        D::Array(es) => {
            // Building a float array, or an array that may hold floats, unboxes the elements.
            let mode = match desc(e.ty) {
                TypeDesc::Constr(_, args) if args.len() == 1 && !may_be_float(args[0]) => Guard,
                _ => Dereference,
            };
            list(es, compose(m, mode))
        }
        D::Construct(_, cd, es) => {
            let mode = if matches!(cd.tag, ConstructorTag::Unboxed) { Return } else { Guard };
            list(es, compose(m, mode))
        }
        D::Variant(_, arg) => list(arg.iter().map(|a| &**a), compose(m, Guard)),
        D::Record { fields, repr, extended } => {
            let mode = match repr {
                RecordRepr::Float => Dereference,
                RecordRepr::Unboxed => Return,
                _ => Guard,
            };
            let given = fields.iter().filter_map(|(_, f)| match f {
                T::RecordField::Overridden(_, e) => Some(e),
                T::RecordField::Kept(_) => None,
            });
            let u = list(given, compose(m, mode));
            match extended {
                Some(b) => u.join(at(b, Dereference)),
                None => u,
            }
        }
        D::Field(b, _, _) | D::Assert(b) => at(b, Dereference),
        D::Setfield(a, _, _, b) => at(a, Dereference).join(at(b, Dereference)),
        D::IfThenElse(c, t, f) => {
            let u = at(c, Dereference).join(expression(t, m));
            match f {
                Some(f) => u.join(expression(f, m)),
                None => u,
            }
        }
        D::Sequence(a, b) => at(a, Guard).join(expression(b, m)),
        D::While(c, b) => at(c, Dereference).join(at(b, Guard)),
        D::For(_, lo, hi, _, b) => at(lo, Dereference).join(at(hi, Dereference)).join(at(b, Guard)),
        D::Open(_, b) | D::LetException(_, _, b) => expression(b, m),
        // Modules are not analysed: any use inside is taken as an inspection (OCaml is finer).
        D::LetModule(_, me, b) => module_uses(me, compose(m, Dereference)).join(expression(b, m)),
        D::Pack(me, _) => module_uses(me, compose(m, Dereference)),
        D::Lazy(b) => {
            let immediate = matches!(
                &b.desc,
                D::Constant(_) | D::Function { .. } | D::Ident(..)
            ) || matches!(&b.desc, D::Construct(_, cd, _) if cd.arity == 0);
            at(b, if immediate { Return } else { Delay })
        }
        // Instance variables are computed when the object is made; methods run later.
        D::Object(o) => {
            let vals = list(o.vals.iter().map(|(_, _, e)| e), compose(m, Dereference));
            let inits = list(o.initializers.iter(), compose(m, Dereference));
            o.methods.iter().fold(vals.join(inits), |u, (_, f)| u.join(at(f, Delay)))
        }
        D::Send(o, _) => at(o, Dereference),
        D::InstVar(..) => Uses::default(),
        D::SetInstVar(_, _, v) => at(v, Dereference),
        D::Override(_, fields) => list(fields.iter().map(|(_, e)| e), compose(m, Dereference)),
    }
}

/// Could values of type `t` be floats (then an array of them is a flat float array)?
fn may_be_float(t: TypeExpr) -> bool {
    const NOT_FLOAT: &[&str] =
        &["int", "char", "bool", "unit", "string", "bytes", "list", "option", "array", "exn", "int32", "int64", "nativeint"];
    match desc(t) {
        TypeDesc::Constr(Path::Pident(id), _) => !NOT_FLOAT.contains(&id.name()),
        TypeDesc::Tuple(_) | TypeDesc::Arrow(..) => false,
        _ => true,
    }
}

/// Every use of a variable inside a module expression, in mode `m` (functors delay).
fn module_uses(me: &T::ModuleExpr, m: Mode) -> Uses {
    use T::ModuleExprDesc as D;
    match &me.desc {
        D::Ident(_) => Uses::default(),
        D::Structure(s) => s.items.iter().fold(Uses::default(), |u, it| u.join(item_uses(it, m))),
        D::Constraint(b, _) => module_uses(b, m),
        D::Unpack(e) => expression(e, m),
        D::Functor(_, b) => module_uses(b, compose(m, Mode::Delay)),
        D::Apply(f, a, _) => {
            let u = module_uses(f, m);
            match a {
                Some(a) => u.join(module_uses(a, m)),
                None => u,
            }
        }
    }
}

fn item_uses(it: &T::StructureItem, m: Mode) -> Uses {
    use T::StructureItemDesc as D;
    match &it.desc {
        D::Eval(e) => expression(e, m),
        D::Value(_, vbs) => list(vbs.iter().map(|vb| &vb.expr), m),
        D::Module(_, me) | D::Include(me, _) => module_uses(me, m),
        D::RecModule(ms) => ms.iter().fold(Uses::default(), |u, (_, me, _)| u.join(module_uses(me, m))),
        _ => Uses::default(),
    }
}

/// `let [rec] p1 = e1 and ... in body` used in mode `m`, where `body` uses variables as
/// given: the uses of the whole.
fn value_bindings(rf: RecFlag, vbs: &[T::ValueBinding], m: Mode, body: Uses) -> Uses {
    let outer = vbs.iter().fold(body.clone(), |u, vb| u.remove_pattern(&vb.pat));
    let remove_all = |u: Uses| vbs.iter().fold(u, |u, vb| u.remove_pattern(&vb.pat));
    let bindings = match rf {
        RecFlag::Nonrecursive => vbs.iter().fold(Uses::default(), |u, vb| {
            let mb = compose(m, pattern_mode(&vb.pat, &body));
            u.join(expression(&vb.expr, mb).remove_pattern(&vb.pat))
        }),
        RecFlag::Recursive => {
            // Each definition's own uses, then the uses it makes through the others it
            // mentions (a fixpoint: `let rec x = ref y and y = ref z in f x` inspects `z`).
            let mut own = Vec::new();
            let mut through = Vec::new();
            for vb in vbs {
                let rhs = expression(&vb.expr, compose(m, pattern_mode(&vb.pat, &body)));
                through.push(vbs.iter().map(|other| pattern_mode(&other.pat, &rhs)).collect::<Vec<_>>());
                own.push(remove_all(rhs));
            }
            let mut env = own.clone();
            loop {
                let next: Vec<Uses> = (0..vbs.len())
                    .map(|i| {
                        (0..vbs.len()).fold(own[i].clone(), |u, j| u.join(env[j].clone().compose(through[i][j])))
                    })
                    .collect();
                if next == env {
                    break;
                }
                env = next;
            }
            env.into_iter().fold(Uses::default(), Uses::join)
        }
    };
    bindings.join(outer)
}

/// Whether the size of `e`'s value is known before computing it.
#[derive(Clone, Copy, PartialEq)]
enum Size {
    Static,
    Dynamic,
}

fn classify(e: &T::Expression, sizes: &FxHashMap<u32, Size>) -> Size {
    use Size::*;
    use T::ExpressionDesc as D;
    match &e.desc {
        D::Let(_, vbs, body) => {
            let mut inner = sizes.clone();
            for vb in vbs {
                if let T::PatternDesc::Var(id, _) = &vb.pat.desc {
                    inner.insert(id.stamp, classify(&vb.expr, sizes));
                }
            }
            classify(body, &inner)
        }
        D::Ident(Path::Pident(id), _, _) => sizes.get(&id.stamp).copied().unwrap_or(Dynamic),
        D::Ident(..) => Dynamic,
        D::Open(_, b) | D::LetModule(_, _, b) | D::Sequence(_, b) | D::LetException(_, _, b) => classify(b, sizes),
        D::Construct(_, cd, es) if matches!(cd.tag, ConstructorTag::Unboxed) && es.len() == 1 => classify(&es[0], sizes),
        D::Construct(..) => Static,
        D::Record { repr: RecordRepr::Unboxed, fields, .. } => match fields.as_slice() {
            [(_, T::RecordField::Overridden(_, e))] => classify(e, sizes),
            _ => Static,
        },
        D::Record { .. } => Static,
        D::Apply(f, _) if is_ref(f) => Static,
        D::Apply(_, args) if args.iter().any(|(_, a)| a.is_none()) => Static,
        D::Apply(..) => Dynamic,
        D::For(..)
        | D::Constant(_)
        | D::Tuple(_)
        | D::Array(_)
        | D::Variant(..)
        | D::Setfield(..)
        | D::While(..)
        | D::Pack(..)
        | D::Function { .. }
        | D::Lazy(_)
        | D::Unreachable => Static,
        D::SetInstVar(..) => Static,
        D::Match { .. } | D::IfThenElse(..) | D::Field(..) | D::Assert(_) | D::Try(..) => Dynamic,
        // As OCaml: an object cannot be made before its own value is known.
        D::Object(_) | D::Send(..) | D::InstVar(..) | D::Override(..) => Dynamic,
    }
}

/// Is `e` an acceptable right-hand side of a `let rec` binding the variables `group`?
pub fn is_valid_rhs(e: &T::Expression, group: &[u32]) -> bool {
    let uses = expression(e, Mode::Return);
    let unguarded = group.iter().any(|s| uses.find(*s) > Mode::Guard);
    let dependent = group.iter().any(|s| uses.find(*s) > Mode::Ignore);
    !unguarded && (!dependent || classify(e, &FxHashMap::default()) == Size::Static)
}
