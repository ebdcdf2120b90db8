//! The ahead-of-time modes, ocamlopt-style:
//! - `ocaml-jit -c [-I DIR] FILES`: each `.mli` to a compiled interface (`.cji`), each `.ml` to
//!   an object (`.o`) and its link information (`.cjx`), plus its `.cji` when it has no `.mli`
//!   (see `compile.rs`);
//! - `ocaml-jit -o PROG [-I DIR] FILES`: sources (`.mli`, `.ml`) compiled in memory and units
//!   compiled before (`.cjx`), linked in the order given with the precompiled Stdlib (crate
//!   `stdlib-native`) and the runtime into an executable, or with `-shared` a plugin (see
//!   `link.rs`).
//!
//! Units named in a source are found among the units compiled before it in the same command,
//! else as `.cji` files on the load path (`load_path.rs`).

mod compile;
mod link;
mod link_checks;
mod load_path;
mod messages;

use crate::warning_flags::WarningFlags;
use compiler::aot::unit_files::Digest;
use compiler::parsing::location::ReportMode;

/// What the compiler modes take from the command line.
pub struct AotOptions<'a> {
    pub files: &'a [String],
    pub output: Option<&'a str>,
    pub include_dirs: &'a [String],
    pub shared: bool,
    /// `-g`: the program's own units carry source locations for backtraces (the Stdlib's
    /// always do).
    pub debug: bool,
    pub warnings: &'a WarningFlags,
}

/// `-c` (compile each file) or `-o` (compile and link); the exit code.
pub fn run(compile_only: bool, opts: &AotOptions) -> i32 {
    if compile_only {
        compile::run(opts)
    } else {
        link::run(opts)
    }
}

/// The module name of a file or output prefix: its base name without extension, capitalized.
fn unit_name_of_file(path: &str) -> String {
    let stem = std::path::Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or("Main");
    let mut c = stem.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => "Main".into(),
    }
}

/// OCaml's `Filename.remove_extension`: `dir/a.ml` is `dir/a`; a dot starting the base name
/// is not an extension.
fn remove_extension(path: &str) -> &str {
    let base_start = path.rfind('/').map(|i| i + 1).unwrap_or(0);
    match path[base_start..].rfind('.') {
        Some(i) if i > 0 => &path[..base_start + i],
        _ => path,
    }
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

/// Reads a source file, or prints ocamlopt's report of why it cannot.
fn read_source(path: &str) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(t) => Some(t),
        Err(e) => {
            let body = format!("I/O error: {}: {}", messages::escape(path), messages::io_error_text(&e));
            eprint!("{}", messages::error_at(path, &body));
            None
        }
    }
}

/// The units of a command see the Stdlib as one interface named `Stdlib`, whose digest covers
/// every Stdlib interface this ocaml-jit was built with: a unit compiled by a build with another
/// Stdlib is refused (its code would assume other module layouts) with OCaml's "inconsistent
/// assumptions over interface Stdlib".
fn stdlib_import() -> (String, Digest) {
    static DIGEST: std::sync::OnceLock<Digest> = std::sync::OnceLock::new();
    let d = DIGEST.get_or_init(|| {
        Digest::of_parts(stdlib_native::INTERFACES.iter().flat_map(|(name, bytes)| [name.as_bytes(), *bytes]))
    });
    ("Stdlib".to_string(), *d)
}

/// Where the reference digest of the Stdlib comes from, as messages name it.
const STDLIB_SOURCE: &str = "the Stdlib of this ocaml-jit";

/// Whether `unit` is one of the Stdlib's (always linked when used).
fn is_stdlib_unit(unit: &str) -> bool {
    stdlib_native::find(unit).is_some()
        || compiler::driver::stdlib_unit_source(unit).is_some()
        || compiler::typing::stdlib_sources::find(unit).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_unit_names() {
        assert_eq!(remove_extension("dir/a.ml"), "dir/a");
        assert_eq!(remove_extension("out/bar.cmx"), "out/bar");
        assert_eq!(remove_extension("foo"), "foo");
        assert_eq!(remove_extension("d.x/foo"), "d.x/foo");
        assert_eq!(unit_name_of_file("sub/geometry.ml"), "Geometry");
        assert!(is_stdlib_unit("Stdlib__List") && !is_stdlib_unit("Geometry"));
    }
}
