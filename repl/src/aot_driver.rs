//! The ahead-of-time mode: `ocaml-jit -o prog FILE.ml` compiles the program to object code with
//! Cranelift and links it with the precompiled Stdlib (crate `stdlib-native`) and the runtime
//! into an executable. Stdlib units that are not precompiled, and every Stdlib unit a `-shared`
//! plugin (`.cmxs`) uses, are compiled from source into the output.

use compiler::parsing::location::ReportMode;
use crate::warning_flags::WarningFlags;
use compiler::aot::{self, LinkOptions, UnitSource};
use compiler::driver::{self, UnitCode};
use compiler::lambda::Fresh;
use std::path::Path;

fn unit_name_of_file(path: &str) -> String {
    let stem = Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or("Main");
    let mut c = stem.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => "Main".into(),
    }
}

/// Precompiled Stdlib units, in initialisation order, that the program links from the library.
#[derive(Default)]
struct Linked {
    /// The library, when the program uses it.
    library: Option<std::path::PathBuf>,
    units: Vec<String>,
}

impl Linked {
    /// Add `unit` and the units it needs if it is precompiled (and precompiled units are used).
    fn add(&mut self, unit: &str) -> bool {
        if self.units.iter().any(|u| u == unit) {
            return true;
        }
        if self.library.is_none() {
            return false;
        }
        let Some((u, _)) = stdlib_native::find(unit) else { return false };
        for dep in u.requires {
            self.add(dep);
        }
        self.units.push(unit.to_string());
        true
    }
}

/// Add `code`'s dependencies (Stdlib units), then `code`, to `order` (initialisation order).
fn add_with_deps(code: UnitCode, order: &mut Vec<UnitCode>, linked: &mut Linked, fresh: &mut Fresh) -> Result<(), String> {
    for dep in code.requires.clone() {
        if order.iter().any(|u| u.name == dep) || linked.add(&dep) {
            continue;
        }
        let (fname, text) =
            driver::stdlib_unit_source(&dep).ok_or_else(|| format!("Error: no implementation of unit {}\n", dep))?;
        let dep_code = driver::compile_unit(&dep, fname, text, fresh)?;
        add_with_deps(dep_code, order, linked, fresh)?;
    }
    if !order.iter().any(|u| u.name == code.name) {
        order.push(code);
    }
    Ok(())
}

/// Prints the warnings `flags` let through, as ocamlopt does; `true` when one is an error.
fn report_warnings(warnings: &[compiler::typing::Warning], text: &str, flags: &WarningFlags) -> bool {
    let mode = ReportMode::File { src: Some(text.as_bytes()) };
    let mut fatal = false;
    for w in warnings.iter().filter(|w| flags.is_enabled(w.number)) {
        let header = if flags.is_error(w.number) {
            fatal = true;
            w.error_header()
        } else {
            w.header()
        };
        eprint!("{}", mode.report(&w.loc, &header, &w.message, &[]));
    }
    fatal
}

/// `debug`: `-g`, the program's own units carry source locations for backtraces (the Stdlib's
/// always do).
pub fn run(files: &[String], output: &str, shared: bool, flags: &WarningFlags, debug: bool) -> i32 {
    let mut fresh = Fresh::starting_at(1 << 30);
    let mut order: Vec<UnitCode> = Vec::new();
    // Plugins get their own copies of the Stdlib units they use (they are not linked against
    // the loading program's); executables link the precompiled library when there is one.
    let mut linked = Linked { library: if shared { None } else { stdlib_native::archive_path() }, units: Vec::new() };
    // Interfaces given on the command line (`a.mli` before `a.ml`), by unit name.
    let mut interfaces: std::collections::HashMap<String, driver::Interface> = Default::default();
    for f in files.iter().filter(|f| f.ends_with(".ml") || f.ends_with(".mli")) {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(_) => {
                eprintln!("File \"{}\", line 1:\nError: I/O error: {}: No such file or directory", f, f);
                return 2;
            }
        };
        let unit = unit_name_of_file(f);
        if f.ends_with(".mli") {
            match driver::type_interface_file(f, &text) {
                Ok(i) => {
                    // Later files see the interface (its abstract types stay abstract).
                    compiler::typing::initial_env().add_unit(&unit, i.signature.clone());
                    interfaces.insert(unit, i);
                }
                Err(msg) => {
                    eprint!("{}", msg);
                    return 2;
                }
            }
            continue;
        }
        driver::DEBUG_INFO.store(debug, std::sync::atomic::Ordering::Relaxed);
        let compiled = driver::compile_unit_with_interface(&unit, f, &text, interfaces.get(&unit), &mut fresh);
        driver::DEBUG_INFO.store(true, std::sync::atomic::Ordering::Relaxed);
        let code = match compiled {
            Ok(c) => {
                if report_warnings(&c.warnings, &text, flags) {
                    return 2;
                }
                c
            }
            Err(msg) => {
                eprint!("{}", msg);
                return 2;
            }
        };
        // The next files see this unit (`A.f` in b.ml after a.ml).
        compiler::typing::initial_env().add_unit(&code.name, code.interface.clone());
        if let Err(msg) = add_with_deps(code, &mut order, &mut linked, &mut fresh) {
            eprint!("{}", msg);
            return 2;
        }
    }
    let globals: Vec<Vec<(String, usize)>> = order.iter().map(|u| vec![u.block.clone()]).collect();
    let units: Vec<UnitSource> = order
        .iter()
        .zip(&globals)
        .map(|(u, g)| UnitSource { name: &u.name, program: &u.program, globals: g })
        .collect();
    let mut opts = LinkOptions::default();
    if let Some(lib) = linked.library.as_ref().filter(|_| !linked.units.is_empty()) {
        opts.extra_args.push(lib.display().to_string());
        opts.library_units = linked.units.clone();
    }
    let r = if shared {
        aot::build_shared(&units, Path::new(output), &opts)
    } else {
        aot::build_executable(&units, Path::new(output), &opts)
    };
    match r {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("Error: {}", e);
            2
        }
    }
}
