//! Compiles the Stdlib (`stdlib/*.ml`) ahead of time with the project's own compiler, in object
//! mode (`compiler::aot`, the code generator AOT executables use), into a static library
//! `libocaml_stdlib.a` linked into every crate that depends on this one. Writes
//! `$OUT_DIR/precompiled.rs`: the table of the units it holds (names, dependencies, descriptor
//! symbols), the primitives the runtime lacks (stubbed in the library), and the units left out
//! with the reason.
//!
//! A unit that does not compile, or that needs such a unit, is left out; the toplevel then
//! compiles it from source at run time as before.
//!
//! Also writes every unit's typed interface (`compiler::typing::sigfile`), taken from the
//! environment the compilation above loaded them into, so the toplevel need not type any `.mli`.

use compiler::aot::{self, UnitSource};
use compiler::driver::{self, UnitCode};
use compiler::lambda::Fresh;
use cranelift_object::object::read::elf::ElfFile64;
use cranelift_object::object::{Endianness, Object, ObjectSymbol};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

/// A unit compiled to an object.
struct Compiled {
    code: UnitCode,
    object: Vec<u8>,
}

fn compile(unit: &str, fresh: &mut Fresh) -> Result<Compiled, String> {
    let (fname, text) = driver::stdlib_unit_source(unit).ok_or("no source")?;
    let code = driver::compile_unit(unit, fname, text, fresh)?;
    let globals = vec![code.block.clone()];
    let object = aot::compile_unit(&UnitSource { name: &code.name, program: &code.program, globals: &globals })
        .map_err(|e| e.to_string())?;
    Ok(Compiled { code, object })
}

/// Drop the units that need a unit that is not there, until none does.
fn keep_complete(units: &mut BTreeMap<String, Compiled>, left_out: &mut Vec<(String, String)>) {
    loop {
        let names: BTreeSet<String> = units.keys().cloned().collect();
        let broken: Vec<(String, String)> = units
            .values()
            .filter_map(|c| {
                let missing = c.code.requires.iter().find(|r| !names.contains(*r))?;
                Some((c.code.name.clone(), format!("needs {}, which is not precompiled", missing)))
            })
            .collect();
        if broken.is_empty() {
            return;
        }
        for (name, why) in broken {
            units.remove(&name);
            left_out.push((name, why));
        }
    }
}

/// Units in an order where each comes after the units it requires.
fn init_order(units: &BTreeMap<String, Compiled>) -> Vec<&Compiled> {
    fn visit<'a>(n: &str, units: &'a BTreeMap<String, Compiled>, seen: &mut BTreeSet<String>, out: &mut Vec<&'a Compiled>) {
        if !seen.insert(n.to_string()) {
            return;
        }
        if let Some(c) = units.get(n) {
            for r in &c.code.requires {
                visit(r, units, seen, out);
            }
            out.push(c);
        }
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for n in units.keys() {
        visit(n, units, &mut seen, &mut out);
    }
    out
}

/// Symbols the objects use but do not define (runtime functions and data, other units).
fn undefined_symbols(units: &[&Compiled]) -> Result<BTreeSet<String>, String> {
    let mut defined = BTreeSet::new();
    let mut undefined = BTreeSet::new();
    for c in units {
        let file = ElfFile64::<Endianness>::parse(&*c.object).map_err(|e| format!("{}: {}", c.code.name, e))?;
        for s in file.symbols() {
            let Ok(name) = s.name() else { continue };
            if s.is_undefined() {
                undefined.insert(name.to_string());
            } else if s.is_global() {
                defined.insert(name.to_string());
            }
        }
    }
    Ok(undefined.difference(&defined).filter(|s| !s.is_empty()).cloned().collect())
}

fn rust_string_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{:?}", s)).collect();
    format!("&[{}]", quoted.join(", "))
}

/// Encodes the interface of every Stdlib unit that has one into `dir` (one file per unit);
/// returns (unit, file). Units whose interface does not type are left to the run-time loader.
fn encode_interfaces(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    use compiler::typing::{ident::Ident, path::Path as TPath, types::ModuleType};
    let env = compiler::typing::initial_env();
    let mut files = Vec::new();
    for unit in compiler::typing::stdlib_sources::interface_units() {
        // Loaded (typed) already while compiling the units; loading it again is a lookup.
        let sg = match env.find_module(&TPath::Pident(Ident::global(unit))).map(|d| d.mty.clone()) {
            Some(ModuleType::Signature(sg)) => sg,
            _ => {
                println!("cargo:warning=Stdlib interface {} is not serialized: it does not type", unit);
                continue;
            }
        };
        let bytes = compiler::typing::sigfile::encode(&sg).map_err(|e| format!("{}: {}", unit, e))?;
        let p = dir.join(format!("{}.sig", unit));
        std::fs::write(&p, bytes).map_err(|e| e.to_string())?;
        files.push((unit.to_string(), p));
    }
    Ok(files)
}

fn generate_table(
    order: &[&Compiled],
    missing_prims: &BTreeSet<String>,
    left_out: &[(String, String)],
    interfaces: &[(String, PathBuf)],
) -> String {
    let mut s = String::from("// Generated by stdlib-native/build.rs.\n\n");
    s.push_str("#[allow(improper_ctypes)]\nextern \"C\" {\n");
    for (i, c) in order.iter().enumerate() {
        let _ = writeln!(s, "    #[link_name = \"caml{}__unit\"]\n    static UNIT_{}: runtime::startup::UnitDescr;", c.code.name, i);
    }
    s.push_str("}\n\n/// The precompiled units, each after the units it requires.\npub static UNITS: &[Unit] = &[\n");
    for c in order {
        let _ = writeln!(s, "    Unit {{ name: {:?}, requires: {} }},", c.code.name, rust_string_list(&c.code.requires));
    }
    s.push_str("];\n\nfn descriptor_at(i: usize) -> *const runtime::startup::UnitDescr {\n    match i {\n");
    for i in 0..order.len() {
        let _ = writeln!(s, "        {} => std::ptr::addr_of!(UNIT_{}),", i, i);
    }
    s.push_str("        _ => std::ptr::null(),\n    }\n}\n\n");
    s.push_str("/// Units compiled from source at run time instead, and why.\npub static NOT_PRECOMPILED: &[(&str, &str)] = &[\n");
    for (n, why) in left_out {
        let _ = writeln!(s, "    ({:?}, {:?}),", n, why);
    }
    s.push_str("];\n\n");
    s.push_str("/// Every unit's typed interface, encoded by `compiler::typing::sigfile`.\npub static INTERFACES: &[(&str, &[u8])] = &[\n");
    for (n, p) in interfaces {
        let _ = writeln!(s, "    ({:?}, include_bytes!({:?})),", n, p.display().to_string());
    }
    s.push_str("];\n\n");
    s.push_str("/// Primitives the Stdlib names that the runtime lacks (stubs that raise `Failure`).\npub static MISSING_PRIMITIVES: &[&str] = ");
    s.push_str(&rust_string_list(&missing_prims.iter().cloned().collect::<Vec<_>>()));
    s.push_str(";\n");
    s
}

fn archive(objects: &[PathBuf], lib: &Path) -> Result<(), String> {
    let _ = std::fs::remove_file(lib);
    let ar = std::env::var("AR").unwrap_or_else(|_| "ar".into());
    let status = std::process::Command::new(&ar)
        .arg("crs")
        .arg(lib)
        .args(objects)
        .status()
        .map_err(|e| format!("cannot run {}: {}", ar, e))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed: {}", ar, status))
    }
}

fn main() -> Result<(), String> {
    let stdlib_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../stdlib");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", stdlib_dir.display());
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let obj_dir = out.join("units");
    std::fs::create_dir_all(&obj_dir).map_err(|e| e.to_string())?;

    let mut fresh = Fresh::starting_at(1);
    let mut units = BTreeMap::new();
    let mut left_out = Vec::new();
    let names: Vec<&str> = compiler::typing::stdlib_sources::implementation_units().collect();
    for unit in names {
        // A compiler bug on one unit must not fail the build: that unit stays source-only.
        match std::panic::catch_unwind(AssertUnwindSafe(|| compile(unit, &mut fresh))) {
            Ok(Ok(c)) => {
                units.insert(unit.to_string(), c);
            }
            Ok(Err(e)) => left_out.push((unit.to_string(), e.lines().take(3).collect::<Vec<_>>().join(" "))),
            Err(_) => left_out.push((unit.to_string(), "the compiler panicked".into())),
        }
    }
    keep_complete(&mut units, &mut left_out);
    for (n, why) in &left_out {
        println!("cargo:warning=Stdlib unit {} is not precompiled: {}", n, why);
    }
    let order = init_order(&units);

    let mut objects = Vec::new();
    for c in &order {
        let p = obj_dir.join(format!("{}.o", c.code.name));
        std::fs::write(&p, &c.object).map_err(|e| e.to_string())?;
        objects.push(p);
    }
    let missing_prims: BTreeSet<String> = undefined_symbols(&order)?
        .into_iter()
        // Only names of primitives (`caml_*`, and `%...` ones the compiler does not implement
        // yet): C library functions (libcalls) come from the system.
        .filter(|s| (s.starts_with("caml") || s.starts_with('%')) && runtime::symbols::lookup(s).is_none())
        .collect();
    if !missing_prims.is_empty() {
        let names: Vec<&str> = missing_prims.iter().map(String::as_str).collect();
        let stubs = aot::compile_stubs(&names, "caml_missing_symbol").map_err(|e| e.to_string())?;
        let p = obj_dir.join("caml_missing_stubs.o");
        std::fs::write(&p, stubs).map_err(|e| e.to_string())?;
        objects.push(p);
    }
    let lib = out.join("libocaml_stdlib.a");
    archive(&objects, &lib)?;
    let sig_dir = out.join("interfaces");
    std::fs::create_dir_all(&sig_dir).map_err(|e| e.to_string())?;
    let interfaces = encode_interfaces(&sig_dir)?;
    let table = generate_table(&order, &missing_prims, &left_out, &interfaces);
    std::fs::write(out.join("precompiled.rs"), table).map_err(|e| e.to_string())?;
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=ocaml_stdlib");
    Ok(())
}
