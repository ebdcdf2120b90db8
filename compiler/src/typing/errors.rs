//! Type errors and warnings, and their messages exactly as OCaml 4.13 words and lays them out.

use super::ctype::{UnifyError, UnifyFailure};
use super::env::{Env, Kind};
use super::format::Formatter;
use super::printtyp::Names;
use super::types::*;
use super::{ctype, spell};
use crate::parsing::location::Location;
use crate::parsing::longident::Longident;

#[derive(Clone, Debug)]
pub enum ErrorKind {
    /// Unbound name, with "Did you mean" candidates.
    Unbound(Kind, Longident, Vec<String>),
    /// `This expression has type .. but an expression was expected of type ..` + explanation.
    ExprTypeClash(UnifyError, Option<&'static str>),
    /// `t as 'a` where `'a` is already bound to another type.
    AliasTypeClash(UnifyError),
    /// A binding operator (`let*`, `and*`) whose type is not a function of the right shape.
    LetopTypeClash(String, UnifyError),
    PatternTypeClash(UnifyError),
    /// `Type .. is not a subtype of ..`: a coercion `(e :> t)` that does not hold.
    NotSubtype(ctype::SubtypeError),
    OrPatternTypeClash(String, UnifyError),
    ConstructorArity(Longident, usize, usize),
    TypeArity(Longident, usize, usize),
    /// The expected type, the path of its expansion, the constructor, `expression` or `pattern`.
    NoConstructorInType(TypeExpr, String, String, &'static str),
    NoLabelInType(TypeExpr, String),
    LabelMultiplyDefined(String),
    LabelsMissing(Vec<String>),
    LabelNotMutable(Longident),
    LabelMixed(String, TypeExpr, TypeExpr),
    NotAFunction(TypeExpr, bool),
    TooManyArguments(TypeExpr),
    WrongLabel(TypeExpr, ArgLabel),
    MultiplyBoundVariable(String),
    OrPatternVars(String),
    IllegalLetRec,
    IntegerOverflow(&'static str),
    UnboundTypeVariable(String),
    /// A type, module, module type or extension constructor (the kind) defined twice.
    DuplicateName(&'static str, String),
    /// A type of an `open struct .. end` (its name and stamp) in the type of a value that
    /// stays in the signature (its name and location).
    OpenEscape(String, String, Location),
    DuplicateConstructor(String),
    DuplicateLabel(String),
    CyclicAbbrev(String),
    NonGeneralizable(TypeExpr),
    /// A value less general than the polymorphic type it must have: what it is (`field
    /// value`), its type (generalized) and that type.
    LessGeneral(&'static str, TypeExpr, TypeExpr),
    LetRecPattern,
    NotSupported(String),
    /// `e#m` where the type of `e` has no method `m`: the type, the method, the methods it has.
    UndefinedMethod(TypeExpr, String, Vec<String>),
    Message(String),
    /// A module does not match the signature required of it (`true` when it is a functor's
    /// argument).
    ModuleMismatch(Box<super::includemod::Mismatch>, bool),
    /// A unit's implementation does not match its interface: the file names as OCaml prints
    /// them (`a.ml`, `a.cmi`).
    InterfaceMismatch(String, String, Box<super::includemod::Mismatch>),
}

#[derive(Clone, Debug)]
pub struct TypeError {
    pub loc: Location,
    pub kind: ErrorKind,
    /// The environment at the error, for printing paths (not needed for now).
    pub env: Option<Env>,
}

impl TypeError {
    pub fn new(loc: &Location, kind: ErrorKind) -> TypeError {
        TypeError { loc: loc.clone(), kind, env: None }
    }

    pub fn with_env(mut self, env: &Env) -> TypeError {
        self.env = Some(env.clone());
        self
    }

    /// The message after `Error: ` (may span several lines), laid out as OCaml does.
    pub fn message(&self) -> String {
        let mut f = Formatter::new(78);
        // "Error: " is already on the line.
        f.string("Error: ");
        self.format_body(&mut f);
        f.flush();
        let s = f.take();
        s.strip_prefix("Error: ").map(|x| x.to_string()).unwrap_or(s)
    }

    fn format_body(&self, f: &mut Formatter) {
        match &self.env {
            // `-short-paths` names types as the environment of the error allows.
            Some(env) => super::short_paths::with_env(env, || self.format_body_in(f)),
            None => self.format_body_in(f),
        }
    }

    fn format_body_in(&self, f: &mut Formatter) {
        let env = self.env.clone().unwrap_or_default();
        match &self.kind {
            ErrorKind::Unbound(kind, lid, cands) => {
                let what = match kind {
                    Kind::Value => "value",
                    Kind::Type => "type constructor",
                    Kind::Constructor => "constructor",
                    Kind::Label => "record field",
                    Kind::Module => "module",
                    Kind::ModuleType => "module type",
                };
                f.p("@[");
                f.string(&format!("Unbound {} {}", what, lid));
                f.p("@]");
                if let Some(h) = spell::hint(lid.last(), cands) {
                    f.force_newline();
                    f.string(&h);
                }
            }
            ErrorKind::ExprTypeClash(e, expl) => {
                unification_error(f, &env, e, "This expression has type", "but an expression was expected of type", *expl);
            }
            ErrorKind::LessGeneral(what, got, expected) => {
                let e = UnifyError { trace: vec![(*got, *expected)], failure: UnifyFailure::Mismatch, nested: false };
                unification_error(f, &env, &e, &format!("This {} has type", what), "which is less general than", None);
            }
            ErrorKind::LetopTypeClash(name, e) => {
                unification_error(f, &env, e, &format!("The operator {} has type", name), "but it was expected to have type", None);
            }
            ErrorKind::AliasTypeClash(e) => {
                unification_error(f, &env, e, "This alias is bound to type", "but is used as an instance of type", None);
            }
            ErrorKind::NotSubtype(e) => subtype_error(f, &env, e),
            ErrorKind::UndefinedMethod(ty, m, valid) => {
                let mut n = Names::new();
                n.add_named_vars(*ty);
                f.p("@[<v>@[This expression has type");
                f.brk(1, 2);
                print_type_box(f, &mut n, *ty);
                f.p("@]@,");
                f.string(&format!("It has no method {}", m));
                f.p("@]");
                if let Some(h) = spell::hint(m, valid) {
                    f.force_newline();
                    f.string(&h);
                }
            }
            ErrorKind::PatternTypeClash(e) => {
                unification_error(f, &env, e, "This pattern matches values of type", "but a pattern was expected which matches values of type", None);
            }
            ErrorKind::OrPatternTypeClash(name, e) => {
                let t1 = format!("The variable {} on the left-hand side of this or-pattern has type", name);
                unification_error(f, &env, e, &t1, "but on the right-hand side it has type", None);
            }
            ErrorKind::ConstructorArity(lid, exp, got) => {
                f.p("@[");
                f.string(&format!("The constructor {}", lid));
                f.p("@ expects ");
                f.string(&format!("{} argument(s),", exp));
                f.p("@ but is applied here to ");
                f.string(&format!("{} argument(s)", got));
                f.p("@]");
            }
            ErrorKind::TypeArity(lid, exp, got) => {
                f.p("@[");
                f.string(&format!("The type constructor {}", lid));
                f.p("@ expects ");
                f.string(&format!("{} argument(s),", exp));
                f.p("@ but is here applied to ");
                f.string(&format!("{} argument(s)", got));
                f.p("@]");
            }
            ErrorKind::NoConstructorInType(ty, path, name, what) => {
                let mut n = Names::new();
                f.p("@[<v>@[");
                f.string(&format!("This variant {} is expected to have type", what));
                f.p("@ ");
                print_type_box(f, &mut n, *ty);
                f.p("@]@,");
                f.string(&format!("There is no constructor {} within type {}", name, path));
                f.p("@]");
            }
            ErrorKind::NoLabelInType(ty, name) => {
                let mut n = Names::new();
                f.p("@[@[<2>This expression has type@ ");
                print_type_box(f, &mut n, *ty);
                f.p("@]@ ");
                f.string(&format!("There is no field {} within type ", name));
                print_type_box(f, &mut n, *ty);
                f.p("@]");
            }
            ErrorKind::LabelMultiplyDefined(s) => f.string(&format!("The record field label {} is defined several times", s)),
            ErrorKind::LabelsMissing(ls) => {
                f.p("@[<hov>Some record fields are undefined:");
                for l in ls {
                    f.p("@ ");
                    f.string(l);
                }
                f.p("@]");
            }
            ErrorKind::LabelNotMutable(lid) => f.string(&format!("The record field {} is not mutable", lid)),
            ErrorKind::LabelMixed(name, t1, t2) => {
                let mut n = Names::new();
                f.p("@[");
                f.string(&format!("The record field {} belongs to the type", name));
                f.p("@ ");
                print_type_box(f, &mut n, *t1);
                f.p("@ but is mixed here with fields of type@ ");
                print_type_box(f, &mut n, *t2);
                f.p("@]");
            }
            ErrorKind::NotAFunction(ty, explicit_arity) => {
                let _ = explicit_arity;
                let mut n = Names::new();
                f.p("@[<v>@[<2>This expression has type@ ");
                print_type_box(f, &mut n, *ty);
                f.p("@]@ This is not a function; it cannot be applied.@]");
            }
            ErrorKind::TooManyArguments(ty) => {
                let mut n = Names::new();
                f.p("@[<v>@[<2>This function has type@ ");
                print_type_box(f, &mut n, *ty);
                f.p("@]@ @[It is applied to too many arguments;@ maybe you forgot a `;'.@]@]");
            }
            ErrorKind::WrongLabel(ty, l) => {
                let mut n = Names::new();
                let lab = match l {
                    ArgLabel::Nolabel => "without label".to_string(),
                    ArgLabel::Labelled(s) => format!("with label ~{}", s),
                    ArgLabel::Optional(s) => format!("with label ?{}", s),
                };
                f.p("@[<v>@[<2>The function applied to this argument has type@ ");
                print_type_box(f, &mut n, *ty);
                f.p("@]@.");
                f.string(&format!("This argument cannot be applied {}", lab));
                f.p("@]");
            }
            ErrorKind::MultiplyBoundVariable(s) => f.string(&format!("Variable {} is bound several times in this matching", s)),
            ErrorKind::OrPatternVars(s) => f.string(&format!("Variable {} must occur on both sides of this | pattern", s)),
            ErrorKind::IllegalLetRec => f.p("This kind of expression is not allowed as right-hand side of `let rec'"),
            ErrorKind::IntegerOverflow(ty) => f.string(&format!("Integer literal exceeds the range of representable integers of type {}", ty)),
            ErrorKind::UnboundTypeVariable(s) => f.string(&format!("The type variable '{} is unbound in this type declaration. ", s)),
            ErrorKind::OpenEscape(ty, value, loc) => {
                f.p("@[<v>");
                f.string(&format!("The type {} introduced by this open appears in the signature", ty));
                if let Some(at) = super::report::file_location(loc) {
                    f.p("@ ");
                    f.string(&at);
                }
                f.p("@;<1 2>");
                f.string(&format!("The value {} has no valid type if {} is hidden", value, ty));
                f.p("@]");
            }
            ErrorKind::DuplicateName(kind, s) => {
                f.p("@[");
                f.string(&format!("Multiple definition of the {} name {}.", kind, s));
                f.p("@ Names must be unique in a given structure or signature.@]");
            }
            ErrorKind::DuplicateConstructor(s) => f.string(&format!("Two constructors are named {}", s)),
            ErrorKind::DuplicateLabel(s) => f.string(&format!("Two labels are named {}", s)),
            ErrorKind::CyclicAbbrev(s) => f.string(&format!("The type abbreviation {} is cyclic", s)),
            ErrorKind::NonGeneralizable(ty) => {
                let s = super::printtyp::scheme_to_string(*ty);
                f.p("@[");
                f.string(&format!("The type of this expression, {},", s));
                f.p("@ contains type variables that cannot be generalized@]");
            }
            ErrorKind::LetRecPattern => f.p("Only variables are allowed as left-hand side of `let rec'"),
            ErrorKind::NotSupported(s) => f.string(&format!("{} is not supported yet by ocaml-jit", s)),
            ErrorKind::Message(s) => f.p(s),
            ErrorKind::ModuleMismatch(m, false) => {
                f.p("@[<v>Signature mismatch:@ ");
                super::includemod::print_mismatch(f, m);
                f.p("@]");
            }
            ErrorKind::ModuleMismatch(m, true) => super::includemod::print_arg_mismatch(f, m),
            ErrorKind::InterfaceMismatch(implementation, interface, m) => {
                f.p("@[<v>");
                f.string(&format!("The implementation {} does not match the interface {}: ", implementation, interface));
                f.cut();
                super::includemod::print_unit_mismatch(f, m);
                f.p("@]");
            }
        }
    }
}

fn print_type_box(f: &mut Formatter, n: &mut Names, t: TypeExpr) {
    let o = n.tree_of_type(t, false);
    super::outcome::print_type(f, &o);
}

/// `t` or `t = expansion` when `t` is an abbreviation.
fn print_expansion(f: &mut Formatter, env: &Env, n: &mut Names, t: TypeExpr) {
    let e = ctype::expand_head_unif(env, t);
    let o = n.tree_of_type(t, false);
    // An abbreviation of a polymorphic variant or object type prints alone (as OCaml does:
    // the expansion keeps the abbreviation's name).
    if repr(e) != repr(t) && matches!(desc(t), TypeDesc::Constr(..)) && !matches!(desc(e), TypeDesc::Variant(_) | TypeDesc::Object(_)) {
        let oe = n.tree_of_type(e, false);
        let s1 = super::outcome::type_to_string(&o);
        let s2 = super::outcome::type_to_string(&oe);
        if s1 != s2 {
            f.p("@[<2>");
            super::outcome::print_type(f, &o);
            f.p("@ =@ ");
            super::outcome::print_type(f, &oe);
            f.p("@]");
            return;
        }
    }
    super::outcome::print_type(f, &o);
}

fn unification_error(f: &mut Formatter, env: &Env, e: &UnifyError, txt1: &str, txt2: &str, expl: Option<&str>) {
    let mut n = Names::new();
    let Some(&(got, expected)) = e.trace.first() else { return };
    for (a, b) in &e.trace {
        n.add_named_vars(*a);
        n.add_named_vars(*b);
    }
    f.p("@[<v>@[");
    f.p(txt1);
    f.brk(1, 2);
    print_expansion(f, env, &mut n, got);
    f.p("@ ");
    f.p(txt2);
    f.brk(1, 2);
    print_expansion(f, env, &mut n, expected);
    f.p("@]");
    if let Some(x) = expl {
        f.p("@,");
        f.p(x);
    }
    match &e.failure {
        UnifyFailure::Occur(v, t) => {
            f.p("@,@[<hov>The type variable ");
            print_type_box(f, &mut n, *v);
            f.p(" occurs inside");
            f.p("@ ");
            print_type_box(f, &mut n, *t);
            f.p("@]");
        }
        failure => {
            if e.nested && e.trace.len() > 1 {
                if let Some(&(a, b)) = e.trace.last() {
                    f.p("@,@[<hov>Type");
                    f.brk(1, 2);
                    print_type_box(f, &mut n, a);
                    f.p("@ is not compatible with type");
                    f.brk(1, 2);
                    print_type_box(f, &mut n, b);
                    f.p(" @]");
                }
            }
            variant_note(f, failure);
        }
    }
    f.p("@]");
}

/// OCaml's report of a failed coercion: the outermost and the innermost pair of types, then
/// the tags a closed variant type lacks.
fn subtype_error(f: &mut Formatter, env: &Env, e: &ctype::SubtypeError) {
    let mut n = Names::new();
    for (a, b) in &e.trace {
        n.add_named_vars(*a);
        n.add_named_vars(*b);
    }
    let mut pairs: Vec<(TypeExpr, TypeExpr)> = e.trace.first().copied().into_iter().collect();
    if e.trace.len() > 1 {
        pairs.extend(e.trace.last().copied());
    }
    f.p("@[<v>");
    for (i, (a, b)) in pairs.into_iter().enumerate() {
        if i > 0 {
            f.p("@,");
        }
        f.p("@[Type");
        f.brk(1, 2);
        print_expansion(f, env, &mut n, a);
        f.p("@ is not a subtype of");
        f.brk(1, 2);
        print_expansion(f, env, &mut n, b);
        f.p("@] ");
    }
    if !e.missing_tags.is_empty() {
        variant_note(f, &UnifyFailure::VariantTags(false, e.missing_tags.clone()));
    }
    if let Some(m) = &e.missing_method {
        variant_note(f, &UnifyFailure::MissingMethod(true, m.clone()));
    }
    f.p("@]");
}

/// The explanation OCaml adds when two polymorphic variant types do not unify.
fn variant_note(f: &mut Formatter, failure: &UnifyFailure) {
    match failure {
        UnifyFailure::VariantTags(first, tags) => {
            f.p("@,@[The ");
            f.string(if *first { "first" } else { "second" });
            f.p(" variant type does not allow tag(s)@ @[<hov>");
            for (i, t) in tags.iter().enumerate() {
                if i > 0 {
                    f.string(",");
                    f.space();
                }
                f.string(&format!("`{}", t));
            }
            f.p("@]@]");
        }
        UnifyFailure::NoIntersection => f.p("@,These two variant types have no intersection"),
        UnifyFailure::TagIncompatible(tag) => {
            f.p("@,Types for tag ");
            f.string(&format!("`{}", tag));
            f.p(" are incompatible");
        }
        UnifyFailure::MissingMethod(first, m) => {
            f.p("@,@[The ");
            f.string(if *first { "first" } else { "second" });
            f.p(" object type has no method ");
            f.string(m);
            f.p("@]");
        }
        UnifyFailure::MethodIncompatible(m) => {
            f.p("@,Types for method ");
            f.string(m);
            f.p(" are incompatible");
        }
        _ => {}
    }
}

/// The number under which the `deprecated` alert is enabled and disabled (`-w -3`).
pub const ALERT_DEPRECATED: u32 = 3;

/// A warning: its number, its name and its message.
#[derive(Clone, Debug)]

pub struct Warning {
    pub loc: Location,
    pub number: u32,
    pub message: String,
}

impl Warning {
    pub fn name(&self) -> &'static str {
        match self.number {
            5 => "ignored-partial-application",
            6 => "labels-omitted",
            8 => "partial-match",
            10 => "non-unit-statement",
            11 => "redundant-case",
            12 => "redundant-subpat",
            16 => "unerasable-optional-argument",
            18 => "not-principal",
            19 => "non-principal-labels",
            23 => "useless-record-with",
            26 => "unused-var",
            27 => "unused-var-strict",
            _ => "unknown",
        }
    }

    /// `Warning 8 [partial-match]: ...`, or `Alert deprecated: ...`.
    pub fn header_and_message(&self) -> String {
        format!("{}: {}", self.header(), self.message)
    }

    /// `Warning 8 [partial-match]`; `Alert deprecated` for the deprecated alert, which OCaml
    /// also controls as warning 3.
    pub fn header(&self) -> String {
        match self.number {
            ALERT_DEPRECATED => "Alert deprecated".to_string(),
            n => format!("Warning {} [{}]", n, self.name()),
        }
    }

    /// The header when the warning is made an error: `Error (warning 8 [partial-match])`.
    pub fn error_header(&self) -> String {
        match self.number {
            ALERT_DEPRECATED => "Error (alert deprecated)".to_string(),
            n => format!("Error (warning {} [{}])", n, self.name()),
        }
    }
}

/// Warnings enabled by default in OCaml 4.13 (`+a-4-6-7-9-27-29-32..42-44-45-48-50-60`).
pub fn enabled_by_default(n: u32) -> bool {
    !matches!(n, 4 | 7 | 9 | 27 | 29 | 32..=42 | 44 | 45 | 48 | 50 | 60 | 66..=70)
}
