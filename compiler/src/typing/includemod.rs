//! Module inclusion (signature matching): is a module of type `actual` usable where `expected`
//! is required? Failures carry what OCaml 4.13 reports (`Modules do not match: ...`).

use super::ctype;
use super::env::Env;
use super::format::Formatter;
use super::ident::Ident;
use super::outcome;
use super::path::Path;
use super::printtyp;
use super::subst::Subst;
use super::types::*;
use std::rc::Rc;

/// Why two module types do not match.
#[derive(Clone, Debug)]
pub struct Mismatch {
    pub actual: ModuleType,
    pub expected: ModuleType,
    pub reason: Reason,
}

#[derive(Clone, Debug)]
pub enum Reason {
    /// Items of the expected signature absent from the actual one: (kind, name, where the
    /// expected one is declared).
    Missing(Vec<(&'static str, String, crate::parsing::location::Location)>),
    Value(String, Rc<ValueDescription>, Rc<ValueDescription>),
    Type(String, Rc<TypeDeclaration>, Rc<TypeDeclaration>, TypeDetail),
    Extension(String, Rc<ExtensionConstructor>, Rc<ExtensionConstructor>),
    /// A submodule does not match.
    InModule(String, Box<Mismatch>),
    /// A module type declaration differs.
    ModtypeDecl(String),
    /// A functor was expected (or given) where the other is a structure.
    Shape,
    /// The parameters of two functors do not match (contravariantly).
    FunctorParam(Box<Mismatch>),
    /// The results of two functors do not match.
    FunctorResult(Box<Mismatch>),
}

#[derive(Clone, Debug)]
pub enum TypeDetail {
    None,
    Arity,
    ConstructorName(usize, String, String),
    OnlyInSecond(String),
    OnlyInFirst(String),
    Field(LabelDeclaration, LabelDeclaration),
    Constructor(String),
    Kind,
    Private,
}

type R = Result<(), Box<Mismatch>>;

/// Checks that `actual` is included in `expected`.
pub fn modtypes(env: &Env, actual: &ModuleType, expected: &ModuleType) -> R {
    let a = match actual {
        ModuleType::Alias(p) => env.scrape(actual).map(|m| strengthen(env, &m, p)),
        _ => env.scrape(actual),
    };
    // An alias is shown as the module type it stands for.
    let shown = match actual {
        ModuleType::Alias(_) => env.scrape(actual).unwrap_or_else(|| actual.clone()),
        _ => actual.clone(),
    };
    let fail = |reason| Err(Box::new(Mismatch { actual: shown.clone(), expected: expected.clone(), reason }));
    let (Some(a), Some(e)) = (a, env.scrape(expected)) else {
        return Ok(());
    };
    match (&a, &e) {
        (ModuleType::Signature(s1), ModuleType::Signature(s2)) => match signatures(env, s1, s2) {
            Ok(()) => Ok(()),
            Err(reason) => fail(reason),
        },
        (ModuleType::Functor(p1, r1), ModuleType::Functor(p2, r2)) => match (p1, p2) {
            (None, None) => modtypes(env, r1, r2).or_else(|m| fail(Reason::FunctorResult(m))),
            (Some((id1, m1)), Some((id2, m2))) => {
                modtypes(env, m2, m1).or_else(|m| fail(Reason::FunctorParam(m)))?;
                let mut env2 = env.clone();
                env2.add_module(id2, Rc::new(ModuleDeclaration { mty: (**m2).clone(), loc: super::loc::none() }));
                let mut s = Subst::default();
                s.modules.insert(id1.clone(), Path::Pident(id2.clone()));
                modtypes(&env2, &s.modtype(r1), r2).or_else(|m| fail(Reason::FunctorResult(m)))
            }
            _ => fail(Reason::Shape),
        },
        _ => fail(Reason::Shape),
    }
}

fn kind_name(item: &SignatureItem) -> &'static str {
    match item {
        SignatureItem::Value(..) => "value",
        SignatureItem::Type(..) => "type",
        SignatureItem::TypeExt(_, _, ExtStatus::Exception) => "exception",
        SignatureItem::TypeExt(..) => "extension constructor",
        SignatureItem::Module(..) => "module",
        SignatureItem::ModType(..) => "module type",
    }
}

fn same_namespace(a: &SignatureItem, b: &SignatureItem) -> bool {
    matches!(
        (a, b),
        (SignatureItem::Value(..), SignatureItem::Value(..))
            | (SignatureItem::Type(..), SignatureItem::Type(..))
            | (SignatureItem::TypeExt(..), SignatureItem::TypeExt(..))
            | (SignatureItem::Module(..), SignatureItem::Module(..))
            | (SignatureItem::ModType(..), SignatureItem::ModType(..))
    )
}

/// The actual signature as the comparison sees it: aliased submodules are replaced by their
/// (strengthened) types, so that their abstract types are known equal to the originals.
fn unalias_signature(env: &Env, sg: &Signature) -> Signature {
    sg.iter()
        .map(|it| match it {
            SignatureItem::Module(id, md, rs) => match &md.mty {
                ModuleType::Alias(p) => match env.scrape(&md.mty) {
                    Some(m) => SignatureItem::Module(id.clone(), Rc::new(ModuleDeclaration { mty: strengthen(env, &m, p), loc: md.loc.clone() }), *rs),
                    None => it.clone(),
                },
                _ => it.clone(),
            },
            _ => it.clone(),
        })
        .collect()
}

fn signatures(env: &Env, s1: &Signature, s2: &Signature) -> Result<(), Reason> {
    let s1 = unalias_signature(env, s1);
    // Pair each expected item with the actual one of the same name (the last one wins).
    let mut pairs = Vec::new();
    let mut missing = Vec::new();
    let mut subst = Subst::default();
    for it2 in s2 {
        let name = it2.ident().name();
        match s1.iter().rev().find(|it1| same_namespace(it1, it2) && it1.ident().name() == name) {
            Some(it1) => {
                let target = Path::Pident(it1.ident().clone());
                match it2 {
                    SignatureItem::Type(..) => {
                        subst.types.insert(it2.ident().clone(), target);
                    }
                    SignatureItem::Module(..) => {
                        subst.modules.insert(it2.ident().clone(), target);
                    }
                    SignatureItem::ModType(..) => {
                        subst.modtypes.insert(it2.ident().clone(), target);
                    }
                    _ => {}
                }
                pairs.push((it1.clone(), it2.clone()));
            }
            None => missing.push((kind_name(it2), name.to_string(), it2.loc().clone())),
        }
    }
    if !missing.is_empty() {
        return Err(Reason::Missing(missing));
    }
    let mut env2 = env.clone();
    env2.add_signature(&s1);
    for (it1, it2) in pairs {
        let it2 = subst.signature(&vec![it2]).pop().ok_or(Reason::Shape)?;
        item(&env2, &it1, &it2)?;
    }
    Ok(())
}

fn item(env: &Env, it1: &SignatureItem, it2: &SignatureItem) -> Result<(), Reason> {
    let name = it2.ident().name().to_string();
    match (it1, it2) {
        (SignatureItem::Value(_, v1), SignatureItem::Value(_, v2)) => {
            let prim_ok = match (&v1.kind, &v2.kind) {
                (_, ValueKind::Regular) => true,
                (ValueKind::Primitive(p1), ValueKind::Primitive(p2)) => p1.name == p2.name && p1.arity == p2.arity,
                (ValueKind::Class(c1), ValueKind::Class(c2)) => c1.is_type == c2.is_type && (c2.virt || !c1.virt),
                _ => false,
            };
            if prim_ok && ctype::moregeneral(env, v1.ty, v2.ty) {
                Ok(())
            } else {
                Err(Reason::Value(name, v1.clone(), v2.clone()))
            }
        }
        (SignatureItem::Type(id1, d1, _), SignatureItem::Type(_, d2, _)) => match type_decls(env, id1, d1, d2) {
            Ok(()) => Ok(()),
            Err(detail) => Err(Reason::Type(name, d1.clone(), d2.clone(), detail)),
        },
        (SignatureItem::TypeExt(_, e1, _), SignatureItem::TypeExt(_, e2, _)) => {
            if extensions(env, e1, e2) {
                Ok(())
            } else {
                Err(Reason::Extension(name, e1.clone(), e2.clone()))
            }
        }
        (SignatureItem::Module(id1, m1, _), SignatureItem::Module(_, m2, _)) => {
            let actual = match &m1.mty {
                ModuleType::Alias(_) => m1.mty.clone(),
                m => strengthen(env, m, &Path::Pident(id1.clone())),
            };
            modtypes(env, &actual, &m2.mty).map_err(|m| Reason::InModule(name, m))
        }
        (SignatureItem::ModType(_, m1), SignatureItem::ModType(_, m2)) => match (&m1.mty, &m2.mty) {
            (_, None) => Ok(()),
            (Some(a), Some(b)) => {
                if modtypes(env, a, b).is_ok() && modtypes(env, b, a).is_ok() {
                    Ok(())
                } else {
                    Err(Reason::ModtypeDecl(name))
                }
            }
            (None, Some(_)) => Err(Reason::ModtypeDecl(name)),
        },
        _ => Err(Reason::Shape),
    }
}

/// Fresh rigid types standing for the parameters of two declarations compared together.
fn rigid_params(n: usize) -> Vec<TypeExpr> {
    (0..n)
        .map(|_| ctype::newty(TypeDesc::Constr(Path::Pident(Ident::create("$param")), Rc::from(vec![]))))
        .collect()
}

/// Are two types equal once the parameters of their declarations are identified?
fn equal_under(env: &Env, p1: &[TypeExpr], t1: &[TypeExpr], p2: &[TypeExpr], t2: &[TypeExpr]) -> bool {
    if t1.len() != t2.len() {
        return false;
    }
    let snap = snapshot();
    ctype::begin_def();
    let rigid = rigid_params(p1.len());
    let mut c1 = ctype::Copier::new();
    let mut c2 = ctype::Copier::new();
    for (i, r) in rigid.iter().enumerate() {
        c1.bind(p1[i], *r);
        c2.bind(p2[i], *r);
    }
    let a: Vec<TypeExpr> = t1.iter().map(|t| c1.copy(*t)).collect();
    let b: Vec<TypeExpr> = t2.iter().map(|t| c2.copy(*t)).collect();
    ctype::end_def();
    let ok = a.iter().zip(b.iter()).all(|(x, y)| ctype::unify(env, *x, *y).is_ok());
    backtrack(snap);
    ok
}

fn args_types(a: &ConstructorArgs) -> Vec<TypeExpr> {
    match a {
        ConstructorArgs::Tuple(ts) => ts.clone(),
        ConstructorArgs::Record(ls) => ls.iter().map(|l| l.ty).collect(),
    }
}

fn type_decls(env: &Env, id1: &Ident, d1: &TypeDeclaration, d2: &TypeDeclaration) -> Result<(), TypeDetail> {
    if d1.arity != d2.arity {
        return Err(TypeDetail::Arity);
    }
    if let Some(m2) = d2.manifest {
        // `type t = ..` in the expected signature: the actual type must be equal to it.
        // Generic, like the declarations' own types (so that expansion copies it).
        let t1 = match d1.manifest {
            Some(m1) => m1,
            None => new_generic(TypeDesc::Constr(Path::Pident(id1.clone()), Rc::from(d1.params.clone()))),
        };
        if !equal_under(env, &d1.params, &[t1], &d2.params, &[m2]) {
            return Err(TypeDetail::None);
        }
    }
    if d1.private && !d2.private && (d2.manifest.is_some() || !matches!(d2.kind, TypeKind::Abstract)) {
        return Err(TypeDetail::Private);
    }
    match (&d1.kind, &d2.kind) {
        (_, TypeKind::Abstract) => Ok(()),
        (TypeKind::Variant(c1), TypeKind::Variant(c2)) => {
            for (i, (a, b)) in c1.iter().zip(c2.iter()).enumerate() {
                if a.id.name() != b.id.name() {
                    return Err(TypeDetail::ConstructorName(i + 1, a.id.name().to_string(), b.id.name().to_string()));
                }
                let ta = args_types(&a.args);
                let tb = args_types(&b.args);
                let same_shape = matches!((&a.args, &b.args), (ConstructorArgs::Tuple(_), ConstructorArgs::Tuple(_)) | (ConstructorArgs::Record(_), ConstructorArgs::Record(_)));
                if !same_shape || !equal_under(env, &d1.params, &ta, &d2.params, &tb) {
                    return Err(TypeDetail::Constructor(a.id.name().to_string()));
                }
            }
            if c1.len() < c2.len() {
                return Err(TypeDetail::OnlyInSecond(c2[c1.len()].id.name().to_string()));
            }
            if c1.len() > c2.len() {
                return Err(TypeDetail::OnlyInFirst(c1[c2.len()].id.name().to_string()));
            }
            Ok(())
        }
        (TypeKind::Record(l1, _), TypeKind::Record(l2, _)) => {
            for (a, b) in l1.iter().zip(l2.iter()) {
                if a.id.name() != b.id.name() || a.mutable != b.mutable || !equal_under(env, &d1.params, &[a.ty], &d2.params, &[b.ty]) {
                    return Err(TypeDetail::Field(a.clone(), b.clone()));
                }
            }
            if l1.len() != l2.len() {
                return Err(TypeDetail::Kind);
            }
            Ok(())
        }
        (TypeKind::Open, TypeKind::Open) => Ok(()),
        _ => Err(TypeDetail::Kind),
    }
}

fn extensions(env: &Env, e1: &ExtensionConstructor, e2: &ExtensionConstructor) -> bool {
    env.same_type_path(&e1.type_path, &e2.type_path)
        && equal_under(env, &e1.type_params, &args_types(&e1.args), &e2.type_params, &args_types(&e2.args))
}

/// The module type of the module at `p`, with its abstract types made equal to `p`'s
/// (`type t` becomes `type t = p.t`), recursively in submodules.
pub fn strengthen(env: &Env, mty: &ModuleType, p: &Path) -> ModuleType {
    match env.scrape(mty) {
        Some(ModuleType::Signature(sg)) => ModuleType::Signature(Rc::new(strengthen_sig(env, &sg, p))),
        Some(m) => m,
        None => mty.clone(),
    }
}

pub fn strengthen_sig(env: &Env, sg: &Signature, p: &Path) -> Signature {
    sg.iter()
        .map(|it| match it {
            SignatureItem::Type(id, d, rs) if d.manifest.is_none() => {
                let params = d.params.clone();
                // Generic, as declarations are: expanding an abbreviation copies its body.
                let m = new_generic(TypeDesc::Constr(Path::dot(p, id.name()), Rc::from(params)));
                SignatureItem::Type(id.clone(), Rc::new(TypeDeclaration { manifest: Some(m), ..(**d).clone() }), *rs)
            }
            SignatureItem::Module(id, md, rs) => match &md.mty {
                ModuleType::Alias(_) => it.clone(),
                m => SignatureItem::Module(id.clone(), Rc::new(ModuleDeclaration { mty: strengthen(env, m, &Path::dot(p, id.name())), loc: md.loc.clone() }), *rs),
            },
            SignatureItem::ModType(id, mtd) if mtd.mty.is_none() => SignatureItem::ModType(
                id.clone(),
                Rc::new(ModtypeDeclaration { mty: Some(ModuleType::Ident(Path::dot(p, id.name()))), loc: mtd.loc.clone() }),
            ),
            _ => it.clone(),
        })
        .collect()
}

// -- error messages, laid out as OCaml 4.13 does ---------------------------------------------

fn print_mty(f: &mut Formatter, m: &ModuleType) {
    outcome::print_module_type(f, &printtyp::tree_of_modtype(m));
}

fn print_item(f: &mut Formatter, it: &SignatureItem) {
    outcome::print_sig_item(f, &printtyp::tree_of_sig_item(it));
}

/// `Modules do not match: A is not included in B` followed by the reason.
pub fn print_mismatch(f: &mut Formatter, m: &Mismatch) {
    print_mismatch_in(f, m, &[]);
}

/// An implementation against its own interface: OCaml shows the differing items only, not
/// the two whole signatures.
pub fn print_unit_mismatch(f: &mut Formatter, m: &Mismatch) {
    match &m.reason {
        Reason::InModule(name, inner) => print_mismatch_in(f, inner, std::slice::from_ref(name)),
        Reason::Shape => print_mismatch(f, m),
        r => print_reason(f, r),
    }
}

fn in_modules(f: &mut Formatter, ctx: &[String]) {
    if !ctx.is_empty() {
        f.string(&format!("In module {}:", ctx.join(".")));
        f.p("@ ");
    }
}

fn print_mismatch_in(f: &mut Formatter, m: &Mismatch, ctx: &[String]) {
    if let (Reason::FunctorParam(inner), ModuleType::Functor(Some((x1, p1)), _), ModuleType::Functor(Some((x2, p2)), _)) =
        (&m.reason, &m.actual, &m.expected)
    {
        in_modules(f, ctx);
        return print_functor_param_mismatch(f, inner, (x1.name(), p1), (x2.name(), p2));
    }
    if super::marshal_size::is_big(&m.actual, &m.expected) {
        // OCaml elides big module types, and the context with them.
        f.string("...");
    } else {
        in_modules(f, ctx);
        f.p("@[<hv 2>Modules do not match:@ ");
        print_mty(f, &m.actual);
        f.p("@;<1 -2>is not included in@ ");
        print_mty(f, &m.expected);
        f.p("@]");
    }
    match &m.reason {
        Reason::Shape => {}
        Reason::InModule(name, inner) => {
            f.p("@ ");
            let mut c = ctx.to_vec();
            c.push(name.clone());
            print_mismatch_in(f, inner, &c);
        }
        r => {
            f.p("@ ");
            in_modules(f, ctx);
            print_reason(f, r);
        }
    }
}

/// Functors whose parameters do not match, as OCaml shows them: the results elided, the
/// actual parameter's type named `$S1` and spelt out below.
fn print_functor_param_mismatch(f: &mut Formatter, inner: &Mismatch, actual: (&str, &ModuleType), expected: (&str, &ModuleType)) {
    f.p("@[<hv 2>Modules do not match:@ ");
    f.string(&format!("functor ({} : $S1) -> ...", actual.0));
    f.p("@;<1 -2>is not included in@ ");
    f.string(&format!("functor ({} : ", expected.0));
    print_mty(f, expected.1);
    f.string(") -> ...");
    f.p("@]@ @[<hv 2>Module types do not match:@ ");
    f.string("$S1 = ");
    print_mty(f, actual.1);
    f.p("@;<1 -2>does not include@ ");
    print_mty(f, expected.1);
    f.p("@]");
    if !matches!(inner.reason, Reason::Shape) {
        f.p("@ ");
        print_reason(f, &inner.reason);
    }
}

fn print_reason(f: &mut Formatter, r: &Reason) {
    match r {
        Reason::Missing(items) => {
            for (i, (kind, name, loc)) in items.iter().enumerate() {
                if i > 0 {
                    f.p("@ ");
                }
                f.string(&format!("The {} `{}' is required but not provided", kind, name));
                show_loc(f, "Expected declaration", loc);
            }
        }
        Reason::Value(name, v1, v2) => {
            let id = Ident::create(name);
            f.p("@[<hv 2>Values do not match:@ ");
            print_item(f, &SignatureItem::Value(id.clone(), v1.clone()));
            f.p("@;<1 -2>is not included in@ ");
            print_item(f, &SignatureItem::Value(id, v2.clone()));
            f.p("@]");
            show_loc(f, "Expected declaration", &v2.loc);
            show_loc(f, "Actual declaration", &v1.loc);
        }
        Reason::Type(name, d1, d2, detail) => {
            let id = Ident::create(name);
            f.p("@[<v>@[<hv>Type declarations do not match:@;<1 2>");
            print_item(f, &SignatureItem::Type(id.clone(), d1.clone(), RecStatus::First));
            f.p("@ is not included in@;<1 2>");
            print_item(f, &SignatureItem::Type(id, d2.clone(), RecStatus::First));
            f.p("@]");
            let text = match detail {
                TypeDetail::None => None,
                TypeDetail::Arity => Some("They have different arities.".to_string()),
                TypeDetail::ConstructorName(n, a, b) => Some(format!("Constructors number {} have different names, {} and {}.", n, a, b)),
                TypeDetail::OnlyInSecond(c) => Some(format!("The constructor {} is only present in the second declaration.", c)),
                TypeDetail::OnlyInFirst(c) => Some(format!("The constructor {} is only present in the first declaration.", c)),
                TypeDetail::Field(a, b) if a.id.name() == b.id.name() && a.mutable == b.mutable => {
                    f.p("@ ");
                    print_field_mismatch(f, a, b);
                    None
                }
                TypeDetail::Field(a, _) => Some(format!("The types for field {} are not equal.", a.id.name())),
                TypeDetail::Constructor(c) => Some(format!("The types for constructor {} are not equal.", c)),
                TypeDetail::Kind => Some("Their kinds differ.".to_string()),
                TypeDetail::Private => Some("A private type would be revealed.".to_string()),
            };
            if let Some(t) = text {
                f.p("@ ");
                f.string(&t);
            }
            f.p("@]");
        }
        Reason::Extension(name, e1, e2) => {
            let id = Ident::create(name);
            f.p("@[<v>@[<hv>Extension declarations do not match:@;<1 2>");
            print_item(f, &SignatureItem::TypeExt(id.clone(), e1.clone(), ExtStatus::First));
            f.p("@ is not included in@;<1 2>");
            print_item(f, &SignatureItem::TypeExt(id, e2.clone(), ExtStatus::First));
            f.p("@]@ @[<v>@[<hv>Constructors do not match:@;<1 2>");
            outcome::print_constructor(f, &printtyp::tree_of_extension(name, e1));
            f.p("@ is not compatible with:@;<1 2>");
            outcome::print_constructor(f, &printtyp::tree_of_extension(name, e2));
            f.p("@]@ The types are not equal.@]@]");
        }
        Reason::ModtypeDecl(name) => {
            f.string(&format!("Module type declarations do not match for {}", name));
        }
        Reason::FunctorParam(m) | Reason::FunctorResult(m) => print_mismatch(f, m),
        Reason::InModule(_, m) => print_mismatch(f, m),
        Reason::Shape => {}
    }
}

/// The error for a functor argument that does not match the parameter.
pub fn print_arg_mismatch(f: &mut Formatter, m: &Mismatch) {
    f.p("@[<v>@[Modules do not match:@ ");
    print_mty(f, &m.actual);
    f.p("@ is not included in@ ");
    print_mty(f, &m.expected);
    f.p("@]");
    if !matches!(m.reason, Reason::Shape) {
        f.p("@;<1 -2>");
        print_reason(f, &m.reason);
    }
    f.p("@]");
}

/// `Fields do not match: x : int; is not compatible with: x : string; The types are not equal.`
fn print_field_mismatch(f: &mut Formatter, a: &LabelDeclaration, b: &LabelDeclaration) {
    let show = |l: &LabelDeclaration| {
        let mut n = printtyp::Names::new();
        let t = outcome::type_to_string(&n.tree_of_type(l.ty, false));
        format!("{}{} : {};", if l.mutable { "mutable " } else { "" }, l.id.name(), t)
    };
    f.p("@[<v>@[<v>Fields do not match:@;<1 2>");
    f.string(&show(a));
    f.p("@ is not compatible with:@;<1 2>");
    f.string(&show(b));
    f.p("@]@ The types are not equal.@]");
}

/// `File "f.ml", line 1, characters 4-9: Expected declaration` under a mismatch, as OCaml
/// prints it for compiled files (not in the toplevel).
fn show_loc(f: &mut Formatter, what: &str, loc: &crate::parsing::location::Location) {
    let Some(at) = super::report::file_location(loc) else { return };
    f.p("@\n@[<2>");
    f.string(&at);
    f.space();
    f.string(what);
    f.p("@]");
}
