//! `ocaml-jit -o PROG FILES`: the sources among FILES are compiled in memory in the order
//! given (an `a.mli` before `a.ml` gives `A` its interface; each unit sees the ones before it),
//! then the units, with those compiled before (`a.cjx` and the `a.o` beside it), are checked
//! as ocamlopt checks them (`link_checks.rs`) and linked in that order with the Stdlib units
//! they use: the precompiled ones from the library, the others compiled from source into the
//! output. Plugins (`-shared`) get their own copies of the Stdlib units they use.
//!
//! A source with an `.mli` beside it that is not on the command line is checked against the
//! `.cji` of its unit on the load path, as ocamlopt checks it against the `.cmi`.
//! Unlike ocamlopt, this mode writes no `.cji`/`.cjx`/`.o` beside the sources.

use super::link_checks::{self, LinkedUnit};
use super::load_path::{LoadPath, Session};
use super::{is_stdlib_unit, messages, read_source, remove_extension, report_warnings, unit_name_of_file, AotOptions};
use compiler::aot::unit_files::{CompiledInterface, Digest, FileError, UnitInfo};
use compiler::aot::{self, LinkOptions, LinkUnit, StartupKind, UnitSource};
use compiler::driver::{self, UnitCode};
use compiler::lambda::Fresh;
use std::path::{Path, PathBuf};

/// Precompiled Stdlib units, in initialisation order, that the program links from the library.
#[derive(Default)]
struct Linked {
    /// The library, when the program uses it.
    library: Option<PathBuf>,
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

/// A unit's code: compiled by this command, or an object compiled before.
enum Code {
    Compiled(UnitCode),
    Object(PathBuf),
}

/// A unit in run order.
struct Entry {
    name: String,
    code: Code,
}

/// Add the Stdlib units `requires` names that are not linked yet, then `entry`, to `order`
/// (initialisation order).
fn add_with_deps(entry: Entry, requires: &[String], order: &mut Vec<Entry>, linked: &mut Linked, fresh: &mut Fresh) -> Result<(), String> {
    for dep in requires {
        if order.iter().any(|u| u.name == *dep) || linked.add(dep) || !is_stdlib_unit(dep) {
            continue;
        }
        let (fname, text) = driver::stdlib_unit_source(dep).ok_or_else(|| format!("Error: no implementation of unit {}\n", dep))?;
        let dep_code = driver::compile_unit(dep, fname, text, fresh)?;
        let dep_requires = dep_code.requires.clone();
        add_with_deps(Entry { name: dep.clone(), code: Code::Compiled(dep_code) }, &dep_requires, order, linked, fresh)?;
    }
    if !order.iter().any(|u| u.name == entry.name) {
        order.push(entry);
    }
    Ok(())
}

/// A unit given to the link, before the checks.
struct Given {
    unit: LinkedUnit,
    code: Code,
}

pub fn run(opts: &AotOptions) -> i32 {
    match link(opts) {
        Ok(()) => 0,
        Err(msg) => {
            eprint!("{}", msg);
            2
        }
    }
}

/// Compiles one source of the program; the message of a failure is already printed.
fn compile_source(
    session: &Session,
    file: &str,
    interfaces: &std::collections::HashMap<String, (driver::Interface, Digest)>,
    opts: &AotOptions,
    fresh: &mut Fresh,
) -> Result<Given, String> {
    let text = read_source(file).ok_or_else(String::new)?;
    let unit = unit_name_of_file(file);
    session.continue_with_unit(&unit);
    // An `a.mli` given before it, else the compiled interface of an `a.mli` beside it.
    let beside = match interfaces.get(&unit) {
        Some(_) => None,
        None => super::compile::compiled_interface_for(session, file, &unit)?,
    };
    let mli = interfaces.get(&unit).or(beside.as_ref());
    driver::DEBUG_INFO.store(opts.debug, std::sync::atomic::Ordering::Relaxed);
    let compiled = driver::compile_unit_with_interface(&unit, file, &text, mli.map(|(i, _)| i), fresh);
    driver::DEBUG_INFO.store(true, std::sync::atomic::Ordering::Relaxed);
    if let Some(body) = session.take_error() {
        return Err(messages::error_at(file, &body));
    }
    let code = compiled?;
    if report_warnings(&code.warnings, &text, opts.warnings) {
        return Err(String::new());
    }
    // The next files see this unit (`A.f` in b.ml after a.ml).
    compiler::typing::initial_env().add_unit(&code.name, code.interface.clone());
    let interface_digest = match mli {
        Some((_, d)) => *d,
        None => CompiledInterface::digest_of(&unit, &code.interface).map_err(|e| messages::error_at(file, &messages::escape(&e)))?,
    };
    let unit = LinkedUnit {
        name: unit.clone(),
        file: format!("{}.cjx", remove_extension(file)),
        interface_digest,
        imports: session.imports_except(&unit),
        requires: code.requires.clone(),
    };
    Ok(Given { unit, code: Code::Compiled(code) })
}

/// Reads a unit compiled before (`a.cjx`, its object `a.o` beside it).
fn read_compiled(file: &str) -> Result<Given, String> {
    let not_found = || messages::link_error(&format!("Cannot find file {}", messages::escape(file)));
    let bytes = std::fs::read(file).map_err(|_| not_found())?;
    let bad = || messages::link_error(&format!("@[The file {}@ is not a compilation unit description@]", messages::escape(file)));
    let info = UnitInfo::from_bytes(&bytes).map_err(|e| match e {
        FileError::WrongKind | FileError::OtherVersion | FileError::Corrupted => bad(),
    })?;
    if info.tables_version != aot::TABLES_VERSION {
        return Err(bad());
    }
    let object = PathBuf::from(format!("{}.o", remove_extension(file)));
    if !object.is_file() {
        return Err(messages::link_error(&format!("Cannot find file {}", messages::escape(&object.display().to_string()))));
    }
    let unit = LinkedUnit {
        name: info.name,
        file: file.to_string(),
        interface_digest: info.interface_digest,
        imports: info.imports,
        requires: info.requires,
    };
    Ok(Given { unit, code: Code::Object(object) })
}

fn link(opts: &AotOptions) -> Result<(), String> {
    let output = opts.output.unwrap_or("a.out");
    let session = Session::new(LoadPath::new(opts.include_dirs));
    session.install();
    let mut fresh = Fresh::starting_at(1 << 30);
    // Interfaces given on the command line (`a.mli` before `a.ml`), by unit name.
    let mut interfaces: std::collections::HashMap<String, (driver::Interface, Digest)> = Default::default();
    // Sources are compiled first, in order; compiled units are read at link time (ocamlopt's
    // order of errors).
    let mut given: Vec<Result<Given, String>> = Vec::new();
    for f in opts.files {
        if f.ends_with(".mli") {
            let text = read_source(f).ok_or_else(String::new)?;
            let unit = unit_name_of_file(f);
            session.continue_with_unit(&unit);
            let typed = driver::type_interface_file(f, &text);
            if let Some(body) = session.take_error() {
                return Err(messages::error_at(f, &body));
            }
            let i = typed?;
            // Later files see the interface (its abstract types stay abstract).
            compiler::typing::initial_env().add_unit(&unit, i.signature.clone());
            let digest = CompiledInterface::digest_of(&unit, &i.signature).map_err(|e| messages::error_at(f, &messages::escape(&e)))?;
            interfaces.insert(unit, (i, digest));
        } else if f.ends_with(".ml") {
            given.push(Ok(compile_source(&session, f, &interfaces, opts, &mut fresh)?));
        } else if f.ends_with(".cjx") {
            given.push(Err(f.clone()));
        }
    }
    let given: Vec<Given> = given.into_iter().map(|g| g.or_else(|f| read_compiled(&f))).collect::<Result<_, _>>()?;
    let (units, codes): (Vec<LinkedUnit>, Vec<Code>) = given.into_iter().map(|g| (g.unit, g.code)).unzip();
    link_checks::check(&units, &is_stdlib_unit).map_err(|body| messages::link_error(&body))?;

    // Plugins get their own copies of the Stdlib units they use (they are not linked against
    // the loading program's); executables link the precompiled library when there is one.
    let mut linked = Linked { library: if opts.shared { None } else { stdlib_native::archive_path() }, units: Vec::new() };
    let mut order: Vec<Entry> = Vec::new();
    for (unit, code) in units.into_iter().zip(codes) {
        add_with_deps(Entry { name: unit.name, code }, &unit.requires, &mut order, &mut linked, &mut fresh)?;
    }
    build(&order, &linked, output, opts.shared).map_err(|e| format!("Error: {}\n", e))
}

fn build(order: &[Entry], linked: &Linked, output: &str, shared: bool) -> Result<(), aot::AotError> {
    let globals: Vec<Vec<(String, usize)>> = order
        .iter()
        .map(|e| match &e.code {
            Code::Compiled(u) => vec![u.block.clone()],
            Code::Object(_) => Vec::new(),
        })
        .collect();
    let units: Vec<LinkUnit> = order
        .iter()
        .zip(&globals)
        .map(|(e, g)| match &e.code {
            Code::Compiled(u) => LinkUnit::Source(UnitSource { name: &u.name, program: &u.program, globals: g }),
            Code::Object(path) => LinkUnit::Object { name: &e.name, path },
        })
        .collect();
    let mut opts = LinkOptions::default();
    if let Some(lib) = linked.library.as_ref().filter(|_| !linked.units.is_empty()) {
        opts.extra_args.push(lib.display().to_string());
        opts.library_units = linked.units.clone();
    }
    let kind = if shared { StartupKind::Plugin } else { StartupKind::Executable };
    aot::build_program(&units, Path::new(output), &opts, kind)
}
