//! Debug information for backtraces: the scope names OCaml prints (`Foo.f`, `Foo.h.inner`,
//! `Foo.M.g`, `Foo.(fun)`, `Foo.f.(fun)`) and the `Lambda::Loc` wrappers that carry them with
//! the source location of each call and raise.
//!
//! The naming follows what ocamlopt 4.13 prints (checked by experiment): the unit, then each
//! module, each named function and each structure-level value definition around the code; an
//! anonymous function adds `(fun)`, and anonymous functions nested directly in one another add
//! only one.

use super::core::Translator;
use crate::lambda::{DebugLoc, Lambda};
use crate::parsing::location::Location;
use crate::typing::typedtree as T;
use std::rc::Rc;

/// The scope the code being translated is in.
#[derive(Clone, Default)]
pub struct DebugScope {
    /// Its name; `None` outside any unit (then no name is recorded).
    name: Option<Rc<str>>,
    /// The name an anonymous function directly inside gets.
    fun_name: Option<Rc<str>>,
}

impl DebugScope {
    /// The interactive toplevel's: no unit name (`f`, `g.inner`; `<unknown>` outside functions).
    pub fn toplevel() -> DebugScope {
        DebugScope { name: None, fun_name: None }
    }

    pub fn unit(name: &str) -> DebugScope {
        DebugScope { name: Some(name.into()), fun_name: Some(format!("{name}.(fun)").into()) }
    }

    /// A named definition (function, value, module) inside this scope.
    fn named(&self, name: &str) -> DebugScope {
        let name = if name.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            name.to_string()
        } else {
            format!("({name})")
        };
        let full: Rc<str> = match &self.name {
            Some(base) => format!("{base}.{name}").into(),
            None => name.into(),
        };
        DebugScope { fun_name: Some(format!("{full}.(fun)").into()), name: Some(full) }
    }

    fn anonymous(&self) -> DebugScope {
        let name = self.fun_name.clone().unwrap_or_else(|| "(fun)".into());
        DebugScope { name: Some(name.clone()), fun_name: Some(name) }
    }
}

/// How a function being translated is named in backtraces.
pub enum FunctionScope<'n> {
    Anonymous,
    Named(&'n str),
}

impl<'a> Translator<'a> {
    /// Run `f` in the scope of a function.
    pub(super) fn in_function_scope<T>(&mut self, kind: FunctionScope, f: impl FnOnce(&mut Self) -> T) -> T {
        let inner = match kind {
            FunctionScope::Anonymous => self.debug_scope.anonymous(),
            FunctionScope::Named(n) => self.debug_scope.named(n),
        };
        self.with_scope(inner, f)
    }

    /// Run `f` in the scope of a named definition (a module, a structure-level value).
    pub(super) fn in_named_scope<T>(&mut self, name: &str, f: impl FnOnce(&mut Self) -> T) -> T {
        let inner = self.debug_scope.named(name);
        self.with_scope(inner, f)
    }

    fn with_scope<T>(&mut self, inner: DebugScope, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = std::mem::replace(&mut self.debug_scope, inner);
        let r = f(self);
        self.debug_scope = saved;
        r
    }

    /// A compiler-made re-raise (a handler without a matching case): it has no location of its
    /// own in backtraces, whatever encloses it.
    pub(crate) fn hidden_loc(&self, l: Lambda) -> Lambda {
        if !self.debug {
            return l;
        }
        Lambda::Loc(Rc::new(DebugLoc::hidden()), Box::new(l))
    }

    /// Run `f` with the variables bound by the exception patterns `cases` known as holding a
    /// caught exception: `raise` of one of them re-raises (OCaml's rule), which continues its
    /// backtrace instead of starting a new one.
    pub(super) fn with_caught<R>(&mut self, cases: &[T::Case], f: impl FnOnce(&mut Self) -> R) -> R {
        let mut added = Vec::new();
        for c in cases {
            exception_names(&c.lhs, &mut added);
        }
        let fresh: Vec<_> = added.into_iter().filter(|v| self.caught.insert(v.clone())).collect();
        let r = f(self);
        for v in fresh {
            self.caught.remove(&v);
        }
        r
    }

    /// `raise x` of a caught exception `x` becomes a re-raise.
    pub(super) fn reraise_caught(&self, l: Lambda) -> Lambda {
        use crate::lambda::{Primitive as P, RaiseKind};
        match l {
            Lambda::Prim(P::Raise(RaiseKind::Regular), args)
                if matches!(&args[..], [Lambda::Var(v)] if self.caught.contains(v)) =>
            {
                Lambda::Prim(P::Raise(RaiseKind::Reraise), args)
            }
            other => other,
        }
    }

    /// `l` marked as happening at `loc` (for its calls and raises), when compiling with debug
    /// information.
    pub(super) fn at_loc(&self, loc: &Location, l: Lambda) -> Lambda {
        if !self.debug || !may_call_or_raise(&l) {
            return l;
        }
        let scope = self.debug_scope.name.clone().unwrap_or_else(|| "<unknown>".into());
        let (file, line, start) = self.source_location(loc);
        let end = loc.end.cnum as i64 - loc.start.bol as i64;
        let d = DebugLoc {
            scope,
            file: file.into(),
            line: line.max(0) as u32,
            start: start.max(0) as u32,
            end: end.max(0) as u32,
        };
        Lambda::Loc(Rc::new(d), Box::new(l))
    }
}

/// Whether `l` (a translated application) calls a function or may raise: only those need a
/// location, and leaving inline primitives (`a +. b`, `x < y`) unwrapped keeps them visible to
/// the code generator's pattern matching (unboxing, branches on comparisons).
fn may_call_or_raise(l: &Lambda) -> bool {
    use crate::lambda::{BoxedOp, Primitive as P};
    match l {
        Lambda::Apply(..) => true,
        Lambda::Prim(p, _) => matches!(
            p,
            P::Raise(_)
                | P::CCall { .. }
                | P::DivInt
                | P::ModInt
                | P::BoxedOp(_, BoxedOp::Div | BoxedOp::Mod)
                | P::StringRef { safe: true }
                | P::BytesRef { safe: true }
                | P::BytesSet { safe: true }
                | P::ArrayRef(_, true)
                | P::ArraySet(_, true)
        ),
        _ => false,
    }
}

/// Variables a handler pattern binds to the whole exception (`e`, `E _ as e`).
fn exception_names(p: &T::Pattern, out: &mut Vec<crate::lambda::Var>) {
    match &p.desc {
        T::PatternDesc::Var(id, _) => out.push(super::core::ident_var(id)),
        T::PatternDesc::Alias(inner, id, _) => {
            out.push(super::core::ident_var(id));
            exception_names(inner, out);
        }
        T::PatternDesc::Or(a, b) => {
            exception_names(a, out);
            exception_names(b, out);
        }
        _ => {}
    }
}

/// The first variable a pattern binds (OCaml names a structure-level value definition after it).
pub(super) fn first_bound_name(p: &T::Pattern) -> Option<&str> {
    match &p.desc {
        T::PatternDesc::Var(id, _) | T::PatternDesc::Alias(_, id, _) => Some(id.name()),
        T::PatternDesc::Tuple(ps) | T::PatternDesc::Array(ps) | T::PatternDesc::Construct(_, _, ps) => {
            ps.iter().find_map(first_bound_name)
        }
        T::PatternDesc::Record(fields, _) => fields.iter().find_map(|(_, _, p)| first_bound_name(p)),
        T::PatternDesc::Or(a, _) | T::PatternDesc::Lazy(a) => first_bound_name(a),
        T::PatternDesc::Variant(_, Some(a)) => first_bound_name(a),
        _ => None,
    }
}
