//! Compilation units from source to closure-converted code: the part of the pipeline the
//! toplevel (which links units into its JIT image on first use) and the ahead-of-time driver
//! (which writes them to object files) share.

use crate::lambda::{Fresh, Lambda, Primitive};
use crate::middle::clambda::Program;
use crate::middle::closure;
use crate::parsing::location::ReportMode;
use crate::translate::{module as tmod, Translator};
use crate::typing::env::Env;
use crate::typing::ident::Ident;
use crate::typing::path::Path;
use crate::typing::types::Signature;
use std::cell::RefCell;

/// A unit ready for code generation.
pub struct UnitCode {
    pub name: String,
    pub program: Program,
    /// Symbol of the unit's global block and its number of fields.
    pub block: (String, usize),
    /// Units its code refers to, which must be initialised before it.
    pub requires: Vec<String>,
    /// Its interface, as the units compiled after it see it.
    pub interface: crate::typing::types::Signature,
    /// The warnings and alerts of its type checking (the caller's flags choose which to show).
    pub warnings: Vec<crate::typing::Warning>,
}

/// Symbol of a compilation unit's global block (`camlStdlib__List`).
pub fn unit_symbol(unit: &str) -> String {
    format!("caml{}", unit)
}

/// A path to a compilation unit becomes its global block; the unit is recorded in `required`.
pub fn resolve_unit(required: &RefCell<Vec<String>>, p: &Path) -> Option<Lambda> {
    match p {
        Path::Pident(id) if id.is_global() => {
            let mut r = required.borrow_mut();
            if !r.iter().any(|u| u == id.name()) {
                r.push(id.name().to_string());
            }
            Some(Lambda::Prim(Primitive::Global(unit_symbol(id.name()).into()), vec![]))
        }
        _ => None,
    }
}

/// The environment a unit of the Stdlib is typed in (OCaml compiles `Stdlib` and
/// `CamlinternalFormatBasics` with `-nopervasives`, the others with `-open Stdlib`).
pub fn base_env_for(unit: &str) -> Env {
    if unit == "Stdlib" || unit == "CamlinternalFormatBasics" {
        crate::typing::predef_env()
    } else {
        crate::typing::initial_env()
    }
}

/// A unit's interface, typed from its `.mli`.
pub struct Interface {
    pub signature: Signature,
    /// The `.mli` file it comes from.
    pub fname: String,
    /// The compiled interface a mismatch report names: `a.cmi`, as ocamlopt names the one it
    /// writes from `a.mli`, or the `.cji` that `ocaml-jit -c` read.
    pub compiled_name: String,
}

/// Types a unit's `.mli`.
pub fn type_interface_file(fname: &str, text: &str) -> Result<Interface, String> {
    let parsed = crate::parsing::parse_interface(text, fname)
        .map_err(|e| crate::parsing::report_syntax_error(&e, Some(text.as_bytes())))?;
    let (signature, _) = crate::typing::type_interface(&crate::typing::initial_env(), &parsed)
        .map_err(|e| crate::typing::report::report_error(&e, Some(text.as_bytes())))?;
    let base = std::path::Path::new(fname).file_name().and_then(|n| n.to_str()).unwrap_or(fname);
    let compiled_name = base.strip_suffix(".mli").unwrap_or(base).to_string() + ".cmi";
    Ok(Interface { signature, fname: fname.to_string(), compiled_name })
}

/// Whether units are compiled with debug information (source locations of calls and raises,
/// for backtraces): on for the Stdlib and the toplevel, `-g` for AOT programs.
pub static DEBUG_INFO: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Type, translate and closure-convert the unit `unit` from its source `text`. Its block layout
/// is its interface's: the Stdlib's for a Stdlib unit, else its own signature.
pub fn compile_unit(unit: &str, fname: &str, text: &str, fresh: &mut Fresh) -> Result<UnitCode, String> {
    compile_unit_with_interface(unit, fname, text, None, fresh)
}

/// `compile_unit`, with the unit's `.mli` when it has one: the implementation must match it,
/// and the block has its layout.
pub fn compile_unit_with_interface(
    unit: &str,
    fname: &str,
    text: &str,
    mli: Option<&Interface>,
    fresh: &mut Fresh,
) -> Result<UnitCode, String> {
    let parsed = crate::parsing::parse_implementation(text, fname)
        .map_err(|e| crate::parsing::report_syntax_error(&e, Some(text.as_bytes())))?;
    let base = base_env_for(unit);
    // Warnings OCaml enables by default, printed as ocamlopt prints them (before an error).
    let render = |ws: &[crate::typing::Warning]| -> String {
        ws.iter()
            .filter(|w| crate::typing::errors::enabled_by_default(w.number))
            .map(|w| crate::typing::report::report_warning(w, Some(text.as_bytes())))
            .collect()
    };
    let (typed, own_sig, env, warnings) = crate::typing::type_implementation(&base, &parsed)
        .map_err(|(e, ws)| render(&ws) + &crate::typing::report::report_error(&e, Some(text.as_bytes())))?;

    let interface = match mli {
        Some(mli) => {
            check_against_interface(&env, fname, &own_sig, mli)?;
            mli.signature.clone()
        }
        None if crate::typing::stdlib_sources::find(unit).is_some() => {
            tmod::signature_of(&crate::typing::initial_env(), &Path::Pident(Ident::global(unit)))
                .map(|s| (*s).clone())
                .unwrap_or(own_sig)
        }
        None => {
            // Without an interface, no value of the unit may keep a weak type (as ocamlopt).
            crate::typing::check_nongen(&own_sig)
                .map_err(|e| render(&warnings) + &crate::typing::report::report_error(&e, Some(text.as_bytes())))?;
            own_sig
        }
    };
    let nfields = tmod::components(&interface).len().max(1);
    let sym = unit_symbol(unit);
    let required = RefCell::new(Vec::new());
    let lambda = {
        let req = &required;
        let resolve = move |p: &Path| resolve_unit(req, p);
        let mut tr = Translator::new(fresh, &resolve);
        tr.env = Some(&env);
        tr.module_path = vec![unit.replace("__", ".")];
        tr.debug = DEBUG_INFO.load(std::sync::atomic::Ordering::Relaxed);
        tr.debug_scope = crate::translate::debug_scope::DebugScope::unit(unit);
        let block: std::rc::Rc<str> = sym.clone().into();
        tr.structure(&typed, &interface, &mut |_tr, fields| {
            let mut body = crate::lambda::UNIT;
            for (i, f) in fields.into_iter().enumerate().rev() {
                let store = Lambda::Prim(
                    Primitive::SetField(i, false),
                    vec![Lambda::Prim(Primitive::Global(block.clone()), vec![]), f],
                );
                body = Lambda::seq(store, body);
            }
            Ok(body)
        })
        .map_err(|e| ReportMode::File { src: Some(text.as_bytes()) }.report(&e.loc, "Error", &e.msg, &e.notes))?
    };
    let program = closure::convert(&lambda, unit, fresh).map_err(|e| format!("Error: {}\n", e.0))?;
    let requires = required.take().into_iter().filter(|u| u != unit).collect();
    Ok(UnitCode { name: unit.to_string(), program, block: (sym, nfields), requires, interface, warnings })
}

/// OCaml's check that an implementation provides its interface, with its report
/// (`The implementation a.ml does not match the interface a.cmi: ...`).
fn check_against_interface(env: &Env, fname: &str, own: &Signature, mli: &Interface) -> Result<(), String> {
    use crate::typing::errors::{ErrorKind, TypeError};
    use crate::typing::types::ModuleType;
    let actual = ModuleType::Signature(std::rc::Rc::new(own.clone()));
    let expected = ModuleType::Signature(std::rc::Rc::new(mli.signature.clone()));
    crate::typing::includemod::modtypes(env, &actual, &expected).map_err(|m| {
        let base = |f: &str| std::path::Path::new(f).file_name().and_then(|n| n.to_str()).unwrap_or(f).to_string();
        let kind = ErrorKind::InterfaceMismatch(base(fname), mli.compiled_name.clone(), m);
        let e = TypeError::new(&crate::parsing::location::Location::none(), kind);
        format!("File \"{}\", line 1:\nError: {}\n", fname, e.message())
    })
}

/// The source of a unit of the Stdlib.
pub fn stdlib_unit_source(unit: &str) -> Option<(&'static str, &'static str)> {
    crate::typing::stdlib_sources::find_implementation(unit)
}
