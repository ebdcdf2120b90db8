//! The type checker: Parsetree -> Typedtree, with OCaml's inference, errors and warnings.
//!
//! Entry points:
//! - [`initial_env`]: predefined types plus the Stdlib's interface, opened.
//! - [`type_implementation`]: a whole `.ml` file.
//! - [`type_toplevel_phrase`]: one toplevel phrase against the session environment.
//! - [`report_error`], [`report_warning`]: OCaml's texts (with the location header and excerpt).

pub mod clflags;
pub mod ctype;
pub mod datarepr;
pub mod driver;
pub mod env;
pub mod errors;
pub mod format;
pub mod formats;
pub mod ident;
pub mod includemod;
pub mod loc;
pub mod marshal_size;
pub mod outcome;
pub mod parmatch;
pub mod parse;
pub mod path;
pub mod predef;
pub mod principal;
pub mod printtyp;
pub mod rec_check;
pub mod report;
pub mod short_paths;
pub mod signature_names;
pub mod sigfile;
pub mod spell;
pub mod stdlib_sources;
pub mod subst;
pub mod typecore;
pub mod typedecl;
pub mod typedtree;
pub mod typemod;
pub mod types;
pub mod typetexp;

pub use env::Env;
pub use errors::{TypeError, Warning};
pub use typedtree::Structure as TypedStructure;
pub use types::Signature;

use crate::parsing::parsetree as P;
use ident::Ident;
use path::Path;
use std::rc::Rc;

/// The Stdlib's interfaces encoded at build time (by `stdlib-native`'s build script, with
/// [`sigfile::encode`]): (unit name, bytes).
pub type SerializedInterfaces = &'static [(&'static str, &'static [u8])];

static SERIALIZED_INTERFACES: std::sync::OnceLock<SerializedInterfaces> = std::sync::OnceLock::new();

/// Makes the unit loader decode these interfaces instead of typing the `.mli` sources. Call it
/// before the first environment is built; a second call is ignored.
pub fn use_serialized_interfaces(table: SerializedInterfaces) {
    let _ = SERIALIZED_INTERFACES.set(table);
}

/// Loads the interface of a compilation unit of the Stdlib by name (`Stdlib`, `Stdlib__List`):
/// decoded from its serialized form when there is one, else typed from its `.mli`.
fn stdlib_unit_loader(name: &str) -> Option<Result<types::Signature, String>> {
    let encoded = SERIALIZED_INTERFACES.get().and_then(|t| t.iter().find(|(u, _)| *u == name));
    if let Some((_, bytes)) = encoded {
        // Bytes this build wrote: a failure is a bug, and the source below still works.
        if let Ok(sg) = sigfile::decode(bytes) {
            return Some(Ok(sg));
        }
    }
    type_stdlib_interface(name)
}

/// Types the `.mli` of a Stdlib unit (what the build serializes).
pub fn type_stdlib_interface(name: &str) -> Option<Result<types::Signature, String>> {
    let (fname, src) = stdlib_sources::find(name)?;
    let parsed = match parse::interface(src, fname) {
        Ok(s) => s,
        Err(e) => return Some(Err(format!("{}: {}", fname, e))),
    };
    // The Stdlib itself is typed with only the predefined environment; the other units see
    // the Stdlib opened.
    let env = if name == "Stdlib" { predef_env() } else { initial_env() };
    let mut typer = typecore::Typer::new();
    Some(
        typemod::type_signature(&mut typer, &env, &parsed)
            .map(|(sg, _)| sg)
            .map_err(|e| format!("{}: {}", fname, e.message())),
    )
}

thread_local! {
    static PREDEF_ENV: std::cell::RefCell<Option<Env>> = const { std::cell::RefCell::new(None) };
    static INITIAL_ENV: std::cell::RefCell<Option<Env>> = const { std::cell::RefCell::new(None) };
}

/// The predefined types and exceptions only (`-nopervasives`).
pub fn predef_env() -> Env {
    if let Some(e) = PREDEF_ENV.with(|c| c.borrow().clone()) {
        return e;
    }
    let mut env = Env::empty();
    for item in predef::items() {
        env.add_signature_item(&item);
    }
    env.set_unit_loader(Rc::new(stdlib_unit_loader));
    PREDEF_ENV.with(|c| *c.borrow_mut() = Some(env.clone()));
    env
}

/// Forgets the environments built so far and the units they loaded: the next compilation starts
/// afresh, as each file of `ocaml-jit -c a.ml b.ml` does (b.ml sees the `a.cji` just written).
pub fn reset_environments() {
    PREDEF_ENV.with(|c| *c.borrow_mut() = None);
    INITIAL_ENV.with(|c| *c.borrow_mut() = None);
}

/// Units that are not in the Stdlib are looked up with `loader` (compiled interfaces on the
/// load path) until the environments are reset.
pub fn set_user_unit_loader(loader: Rc<env::UnitLoader>) {
    predef_env().set_unit_loader(Rc::new(move |name: &str| stdlib_unit_loader(name).or_else(|| loader(name))));
}

/// The environment programs start in: predefined types and the Stdlib, opened.
pub fn initial_env() -> Env {
    if let Some(e) = INITIAL_ENV.with(|c| c.borrow().clone()) {
        return e;
    }
    let mut env = predef_env();
    env.open_module(&Path::Pident(Ident::global("Stdlib")));
    INITIAL_ENV.with(|c| *c.borrow_mut() = Some(env.clone()));
    env
}

/// Types a compilation unit: the typed structure, its signature, the environment after it
/// and the warnings (in source order).
/// On error, the warnings emitted before it come with the error.
pub fn type_implementation(env: &Env, structure: &P::Structure) -> Result<(TypedStructure, Signature, Env, Vec<Warning>), (TypeError, Vec<Warning>)> {
    type_structure_as(env, structure, false)
}

fn type_structure_as(env: &Env, structure: &P::Structure, toplevel: bool) -> Result<(TypedStructure, Signature, Env, Vec<Warning>), (TypeError, Vec<Warning>)> {
    let mut typer = typecore::Typer::new();
    match typemod::type_structure(&mut typer, env, structure, toplevel) {
        Ok((ts, env2)) => {
            let sig = ts.signature.clone();
            Ok((ts, sig, env2, typer.take_warnings()))
        }
        Err(e) => {
            typer.deferred.clear();
            Err((e, typer.take_warnings()))
        }
    }
}

/// Types an interface (`.mli`).
pub fn type_interface(env: &Env, sig: &P::Signature) -> Result<(Signature, Env), TypeError> {
    let mut typer = typecore::Typer::new();
    typemod::type_signature(&mut typer, env, sig)
}

/// The result of typing one toplevel phrase.
pub struct PhraseResult {
    pub structure: TypedStructure,
    /// Signature items to print (`val x : int`, `type t = ...`), in order.
    pub signature: Signature,
    pub env: Env,
    pub warnings: Vec<Warning>,
}

/// Types one toplevel phrase (a structure) against the session environment. Each item's
/// values are printed by the toplevel with `printtyp::tree_of_sig_item` (weak type
/// variables keep their `'_weakN` names for the whole session).
pub fn type_toplevel_phrase(env: &Env, phrase: &P::Structure) -> Result<PhraseResult, (TypeError, Vec<Warning>)> {
    let (structure, signature, env, warnings) = type_structure_as(env, phrase, true)?;
    Ok(PhraseResult { structure, signature, env, warnings })
}

/// ocamlopt's check that no value of a unit compiled without an interface keeps a weak type;
/// the error is at the first such value's name.
pub fn check_nongen(signature: &Signature) -> Result<(), TypeError> {
    for item in signature {
        if let types::SignatureItem::Value(_, vd) = item {
            if !ctype::closed_schema(vd.ty) {
                return Err(TypeError::new(&vd.loc, errors::ErrorKind::NonGeneralizable(vd.ty)));
            }
        }
    }
    Ok(())
}

pub use report::{report_error, report_warning};
