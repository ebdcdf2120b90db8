//! Types every unit of the project's Stdlib (`stdlib/*.ml`) with our type checker, in the build
//! order of `stdlib/check.sh`, and checks it against its `.mli` (with typemod's inclusion
//! check). Prints each unit's outcome; units that fail for a reason listed in
//! `EXPECTED_FAILURES` are reported but do not fail the test (an expected failure that now
//! passes is reported too, so the list stays honest).
//!
//! Run: `cargo test -p compiler --test stdlib_units -- --nocapture`.

use compiler::parsing::{parse_implementation, parse_interface, report_syntax_error};
use compiler::typing::path::Path;
use compiler::typing::subst::Subst;
use compiler::typing::types::*;
use compiler::typing::{self, stdlib_sources};
use std::rc::Rc;

/// `stdlib/check.sh`'s UNITS, in order.
const UNITS: &[&str] = &[
    "camlinternalFormatBasics", "stdlib", "std_exit", "either", "seq", "option", "result", "bool", "sys", "list", "char",
    "uchar", "int", "bytes", "string", "unit", "array", "float", "int32", "int64", "nativeint", "obj", "camlinternalLazy",
    "lazy", "stack", "queue", "buffer", "camlinternalFormat", "printf", "printexc", "fun", "digest", "random", "hashtbl",
    "map", "set", "format", "scanf", "complex", "filename", "gc", "camlinternalOO", "oo", "callback", "arg", "in_channel",
    "out_channel", "marshal", "ephemeron", "weak", "atomic", "lexing", "parsing", "listLabels", "arrayLabels",
    "bytesLabels", "stringLabels", "stdLabels", "moreLabels",
];

/// Units that are known not to type-check yet, with the reason (a feature the typer lacks).
const EXPECTED_FAILURES: &[(&str, &str)] = &[
    ("moreLabels", "TODO: aliases to Hashtbl/Map/Set against moreLabels.mli's labelled signatures"),
];

fn unit_name(stem: &str) -> String {
    let mut cap: String = stem[..1].to_ascii_uppercase();
    cap.push_str(&stem[1..]);
    if stem == "stdlib" || stem.starts_with("camlinternal") || stem == "std_exit" {
        cap
    } else {
        format!("Stdlib__{}", cap)
    }
}

/// Types one unit; Err(message) on the first error.
fn check_unit(stem: &str) -> Result<(), String> {
    let unit = unit_name(stem);
    let (fname, src) = stdlib_sources::find_implementation(&unit).ok_or_else(|| format!("no implementation for {}", unit))?;
    let parsed = parse_implementation(src, fname).map_err(|e| report_syntax_error(&e, Some(src.as_bytes())))?;
    let env = if stem == "stdlib" || stem == "camlinternalFormatBasics" { typing::predef_env() } else { typing::initial_env() };
    let (_typed, sig, env_after, _w) =
        typing::type_implementation(&env, &parsed).map_err(|(e, _)| typing::report_error(&e, Some(src.as_bytes())))?;
    if let Some((iname, isrc)) = stdlib_sources::find(&unit) {
        let iparsed = parse_interface(isrc, iname).map_err(|e| report_syntax_error(&e, Some(isrc.as_bytes())))?;
        let (isig, _) = typing::type_interface(&env, &iparsed).map_err(|e| format!("{}: {}", iname, typing::report_error(&e, Some(isrc.as_bytes()))))?;
        let loc = compiler::parsing::location::Location::none();
        let isig = rename_to_impl(&sig, &isig);
        typing::typemod::check_inclusion(&env_after, &loc, &ModuleType::Signature(Rc::new(sig)), &ModuleType::Signature(Rc::new(isig)))
            .map_err(|e| format!("against {}: {}", iname, e.message()))?;
    }
    Ok(())
}

/// The interface's signature with its own types and submodules renamed to the
/// implementation's (of the same names), so that values can be compared.
fn rename_to_impl(impl_sig: &[SignatureItem], intf_sig: &[SignatureItem]) -> Signature {
    let mut sub = Subst::default();
    for item in intf_sig {
        let found = impl_sig.iter().rev().find_map(|x| match (item, x) {
            (SignatureItem::Type(_, d1, _), SignatureItem::Type(id, d2, _)) if id.name() == item.ident().name() && d1.arity == d2.arity => {
                Some(id.clone())
            }
            (SignatureItem::Module(..), SignatureItem::Module(id, _, _)) if id.name() == item.ident().name() => Some(id.clone()),
            _ => None,
        });
        match (item, found) {
            (SignatureItem::Type(iid, _, _), Some(id)) => {
                sub.types.insert(iid.clone(), Path::Pident(id));
            }
            (SignatureItem::Module(iid, _, _), Some(id)) => {
                sub.modules.insert(iid.clone(), Path::Pident(id));
            }
            _ => {}
        }
    }
    sub.signature(&intf_sig.to_vec())
}

#[test]
fn stdlib_units_type_check() {
    let mut unexpected = Vec::new();
    let mut now_pass = Vec::new();
    let mut ok = 0;
    for stem in UNITS {
        let stem: &str = stem;
        let owned = stem.to_string();
        // Each unit on its own thread with a big stack: a fresh type store, as a fresh compiler.
        let r = std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || check_unit(&owned))
            .expect("spawn")
            .join()
            .unwrap_or_else(|_| Err("<panic>".to_string()));
        let expected = EXPECTED_FAILURES.iter().find(|(u, _)| *u == stem);
        match (&r, expected) {
            (Ok(()), None) => {
                ok += 1;
                eprintln!("ok       {}", stem);
            }
            (Ok(()), Some(_)) => {
                ok += 1;
                eprintln!("ok       {} (listed as an expected failure: remove it)", stem);
                now_pass.push(stem.to_string());
            }
            (Err(e), Some((_, why))) => eprintln!("EXPECTED {} ({}):\n{}", stem, why, indent(e)),
            (Err(e), None) => {
                eprintln!("FAIL     {}:\n{}", stem, indent(e));
                unexpected.push(stem.to_string());
            }
        }
    }
    eprintln!("stdlib units: {} of {} type-check; unexpected failures: {:?}", ok, UNITS.len(), unexpected);
    assert!(now_pass.is_empty(), "expected failures that now pass: {:?}", now_pass);
    assert!(unexpected.is_empty(), "stdlib units failing: {:?}", unexpected);
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("    {}\n", l)).collect()
}
