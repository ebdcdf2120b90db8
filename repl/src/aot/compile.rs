//! `ocaml-jit -c`: each file compiled in turn, as ocamlopt does, into files named after the
//! source (or after `-o`, with one file):
//! - `a.mli` gives `a.cji`;
//! - `a.ml` gives `a.o` and `a.cjx`, and `a.cji` when there is no `a.mli`; when there is one,
//!   the implementation is checked against the compiled interface of `A` found on the load
//!   path, which must exist.
//! Each file is typed in fresh environments, so `ocaml-jit -c a.ml b.ml` has b.ml read the
//! `a.cji` just written.

use super::load_path::{LoadPath, Session};
use super::{messages, read_source, remove_extension, report_warnings, unit_name_of_file, AotOptions};
use compiler::aot::unit_files::{CompiledInterface, Digest, UnitInfo};
use compiler::aot::{self, UnitSource};
use compiler::driver;
use compiler::lambda::Fresh;
use std::rc::Rc;

pub fn run(opts: &AotOptions) -> i32 {
    if opts.output.is_some() && opts.files.len() > 1 {
        eprintln!("Options -c -o are incompatible with compiling multiple files");
        return 2;
    }
    let session = Session::new(LoadPath::new(opts.include_dirs));
    for file in opts.files {
        let prefix = remove_extension(opts.output.unwrap_or(file)).to_string();
        let result = if file.ends_with(".mli") {
            compile_interface(&session, file, &prefix)
        } else if file.ends_with(".ml") {
            compile_implementation(&session, file, &prefix, opts)
        } else if [".cjx", ".cji", ".o"].iter().any(|e| file.ends_with(e)) {
            // Already compiled: nothing to do until a link.
            Ok(())
        } else {
            eprintln!("don't know what to do with {}", file);
            Err(())
        };
        if result.is_err() {
            return 2;
        }
    }
    0
}

/// Fresh environments in which `unit` is compiled, finding other units through `session`.
fn start(session: &Rc<Session>, unit: &str) {
    compiler::typing::reset_environments();
    session.start_unit(unit);
    session.install();
}

/// Reports a problem met reading other units' interfaces, if there was one.
fn interfaces_error(session: &Session, file: &str) -> Result<(), ()> {
    match session.take_error() {
        Some(body) => {
            eprint!("{}", messages::error_at(file, &body));
            Err(())
        }
        None => Ok(()),
    }
}

fn write(file: &str, path: &str, bytes: &[u8]) -> Result<(), ()> {
    std::fs::write(path, bytes).map_err(|e| {
        let body = format!("I/O error: {}: {}", messages::escape(path), messages::io_error_text(&e));
        eprint!("{}", messages::error_at(file, &body));
    })
}

fn write_interface(session: &Session, file: &str, prefix: &str, unit: &str, sg: &compiler::typing::Signature) -> Result<Digest, ()> {
    let cji = CompiledInterface::new(unit, sg, session.imports_except(unit)).map_err(|e| {
        eprint!("{}", messages::error_at(file, &messages::escape(&e)));
    })?;
    write(file, &format!("{}.cji", prefix), &cji.to_bytes())?;
    Ok(cji.digest)
}

fn compile_interface(session: &Rc<Session>, file: &str, prefix: &str) -> Result<(), ()> {
    let unit = unit_name_of_file(prefix);
    start(session, &unit);
    let text = read_source(file).ok_or(())?;
    let typed = driver::type_interface_file(file, &text);
    interfaces_error(session, file)?;
    let interface = typed.map_err(|msg| eprint!("{}", msg))?;
    write_interface(session, file, prefix, &unit, &interface.signature)?;
    Ok(())
}

/// With an `a.mli` beside the source `a.ml`, the compiled interface of its unit found on the
/// load path (which must exist), and its digest; the error report otherwise.
pub(super) fn compiled_interface_for(session: &Session, file: &str, unit: &str) -> Result<Option<(driver::Interface, Digest)>, String> {
    let mli_path = format!("{}.mli", remove_extension(file));
    if !std::path::Path::new(&mli_path).is_file() {
        return Ok(None);
    }
    let Some(found) = session.load_path.find_unit_file(unit, ".cji") else {
        let body = format!("Could not find the .cji file for interface {}.", messages::escape(&mli_path));
        return Err(messages::error_at(file, &body));
    };
    let read = session.read_interface(unit, &found);
    if let Some(body) = session.take_error() {
        return Err(messages::error_at(file, &body));
    }
    let (signature, digest) = read.map_err(|body| messages::error_at(file, &body))?;
    Ok(Some((driver::Interface { signature, fname: mli_path, compiled_name: found }, digest)))
}

fn compile_implementation(session: &Rc<Session>, file: &str, prefix: &str, opts: &AotOptions) -> Result<(), ()> {
    let unit = unit_name_of_file(prefix);
    start(session, &unit);
    let text = read_source(file).ok_or(())?;
    let interface = compiled_interface_for(session, file, &unit).map_err(|msg| eprint!("{}", msg))?;
    let mut fresh = Fresh::starting_at(1 << 30);
    driver::DEBUG_INFO.store(opts.debug, std::sync::atomic::Ordering::Relaxed);
    let compiled = driver::compile_unit_with_interface(&unit, file, &text, interface.as_ref().map(|(i, _)| i), &mut fresh);
    driver::DEBUG_INFO.store(true, std::sync::atomic::Ordering::Relaxed);
    interfaces_error(session, file)?;
    let code = compiled.map_err(|msg| eprint!("{}", msg))?;
    if report_warnings(&code.warnings, &text, opts.warnings) {
        return Err(());
    }

    let globals = vec![code.block.clone()];
    let object = aot::compile_unit(&UnitSource { name: &code.name, program: &code.program, globals: &globals })
        .map_err(|e| eprint!("{}", messages::error_at(file, &messages::escape(&e.to_string()))))?;
    let interface_digest = match &interface {
        Some((_, digest)) => *digest,
        None => write_interface(session, file, prefix, &unit, &code.interface)?,
    };
    write(file, &format!("{}.o", prefix), &object)?;
    let info = UnitInfo {
        name: unit.clone(),
        interface_digest,
        imports: session.imports_except(&unit),
        requires: code.requires.clone(),
        tables_version: aot::TABLES_VERSION,
    };
    write(file, &format!("{}.cjx", prefix), &info.to_bytes())
}
