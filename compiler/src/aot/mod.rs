//! Ahead-of-time compilation, ocamlopt-style: relocatable objects written by Cranelift
//! (`cranelift-object`, position-independent code), linked by the system C compiler driver with
//! the runtime's static library into a standalone executable, or into a shared object (`.cmxs`).
//!
//! The API, in the order a driver uses it:
//!
//! - [`compile_unit`]: one closure-converted unit ([`UnitSource`]: module name, program, the
//!   static global blocks it defines) to the bytes of an object file (`ocaml-jit -c`). Symbols:
//!   `caml<Name>__entry` (the unit's top-level code), `caml<Name>__unit` (its descriptor: entry,
//!   code range, frame table, global blocks), and the global block symbols it was given. Other
//!   units' globals are referenced by symbol and resolved by the linker.
//! - [`compile_startup`]: at link time, the startup object for the units in run order: the entry
//!   trampoline `caml_start_program`, the startup table, and for executables a C `main` calling
//!   the runtime's `caml_main` (see `runtime/src/startup.rs`), which registers every unit's
//!   frames and global roots, runs the units, reports an uncaught exception as OCaml does (exit
//!   code 2) and flushes the channels at exit.
//! - [`link_executable`] / [`link_shared`]: run `cc` on the objects (`-o`, `-shared`).
//!   The runtime library is found by [`find_runtime_lib`] (`$OCAMLJIT_RUNTIME_LIB`, or beside
//!   the running executable as cargo lays it out).
//! - [`build_executable`] / [`build_shared`]: all of the above through a temporary directory.
//!
//! Each object carries its own copies of the apply/curry helpers it calls (local symbols), so
//! its frame table always describes the code it runs, in programs and plugins alike.
//! The table layouts are documented in `tables.rs`.
//!
//! - [`build_program`]: the same, for units some of which are objects compiled before
//!   (separate compilation, `ocaml-jit -c`); their `.cji`/`.cjx` files are in [`unit_files`].
//!
//! Not done yet: DWARF line info for `-g`, `.eh_frame` (nothing unwinds through OCaml frames
//! with the system unwinder today).

mod link;
mod startup;
mod stubs;
mod tables;
mod unit;
pub mod unit_files;

pub use link::{find_runtime_lib, link_executable, link_shared, LinkOptions, RUNTIME_LIB_ENV, RUNTIME_LIB_NAME};
pub use startup::{compile_startup, startup_table_symbol, StartupKind};
pub use stubs::compile_stubs;
pub use tables::TABLES_VERSION;
pub use unit::compile_unit;
use unit::UnitSymbols;

use crate::codegen::{make_isa, Backend, CodegenError};
use crate::middle::clambda::Program;
use cranelift_module::{Linkage, ModuleError};
use cranelift_object::{ObjectBuilder, ObjectModule};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AotError(pub String);

impl std::fmt::Display for AotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AotError {}

impl From<CodegenError> for AotError {
    fn from(e: CodegenError) -> Self {
        AotError(e.0)
    }
}

impl From<ModuleError> for AotError {
    fn from(e: ModuleError) -> Self {
        AotError(format!("{:?}", e))
    }
}

impl From<cranelift_object::object::write::Error> for AotError {
    fn from(e: cranelift_object::object::write::Error) -> Self {
        AotError(format!("writing object: {}", e))
    }
}

impl From<std::io::Error> for AotError {
    fn from(e: std::io::Error) -> Self {
        AotError(e.to_string())
    }
}

/// One compilation unit to compile.
#[derive(Clone, Copy)]
pub struct UnitSource<'a> {
    /// The module name (`Main` for main.ml): symbols are `caml<Name>...`.
    pub name: &'a str,
    pub program: &'a Program,
    /// The static global blocks this unit defines: (symbol, field count). `Primitive::Global`
    /// in any unit names them.
    pub globals: &'a [(String, usize)],
}

/// A code generator writing one object.
fn new_backend(object_name: &str) -> Result<Backend<ObjectModule>, AotError> {
    let isa = make_isa(true)?;
    let builder = ObjectBuilder::new(isa, object_name, cranelift_module::default_libcall_names())?;
    let mut be = Backend::new(ObjectModule::new(builder), true);
    be.helper_linkage = Linkage::Local;
    Ok(be)
}

/// A unit of a program being linked: compiled now, or an object `ocaml-jit -c` wrote before.
pub enum LinkUnit<'a> {
    Source(UnitSource<'a>),
    Object { name: &'a str, path: &'a Path },
}

impl LinkUnit<'_> {
    fn name(&self) -> &str {
        match self {
            LinkUnit::Source(u) => u.name,
            LinkUnit::Object { name, .. } => name,
        }
    }
}

/// Compile `units` (in run order) and their startup object into `dir`; returns the objects.
/// The startup object runs `library_units` (linked from a library) first.
fn write_objects(units: &[LinkUnit], library_units: &[String], kind: StartupKind, dir: &Path) -> Result<Vec<PathBuf>, AotError> {
    let mut objects = Vec::new();
    for u in units {
        match u {
            LinkUnit::Source(u) => {
                let path = dir.join(format!("{}.o", u.name));
                std::fs::write(&path, compile_unit(u)?)?;
                objects.push(path);
            }
            LinkUnit::Object { name, path } => {
                UnitSymbols::new(name)?;
                objects.push(path.to_path_buf());
            }
        }
    }
    let names: Vec<&str> = library_units.iter().map(String::as_str).chain(units.iter().map(LinkUnit::name)).collect();
    let path = dir.join("caml_startup.o");
    std::fs::write(&path, compile_startup(&names, kind)?)?;
    objects.push(path);
    Ok(objects)
}

/// Compile and link `units` (in run order) into the executable `output`.
pub fn build_executable(units: &[UnitSource], output: &Path, opts: &LinkOptions) -> Result<(), AotError> {
    let units: Vec<LinkUnit> = units.iter().map(|u| LinkUnit::Source(*u)).collect();
    build_program(&units, output, opts, StartupKind::Executable)
}

/// Compile and link `units` (in run order) into the plugin `output` (a `.cmxs`).
pub fn build_shared(units: &[UnitSource], output: &Path, opts: &LinkOptions) -> Result<(), AotError> {
    let units: Vec<LinkUnit> = units.iter().map(|u| LinkUnit::Source(*u)).collect();
    build_program(&units, output, opts, StartupKind::Plugin)
}

/// Compile what `units` (in run order) still need compiled, and link them with the objects
/// among them into an executable or a plugin.
pub fn build_program(units: &[LinkUnit], output: &Path, opts: &LinkOptions, kind: StartupKind) -> Result<(), AotError> {
    let dir = tempfile::Builder::new().prefix("ocaml-jit-").tempdir()?;
    let objects = write_objects(units, &opts.library_units, kind, dir.path())?;
    match kind {
        StartupKind::Executable => link_executable(&objects, output, opts),
        StartupKind::Plugin => link_shared(&objects, output, opts),
    }
}
