//! Linking with the system C compiler driver, and finding the runtime's static library.

use super::AotError;
use std::path::{Path, PathBuf};
use std::process::Command;

/// File name of the runtime staticlib (crate `runtime`, crate-type `staticlib`).
pub const RUNTIME_LIB_NAME: &str = "libruntime.a";

/// Environment variable naming the runtime library to link, overriding the search.
pub const RUNTIME_LIB_ENV: &str = "OCAMLJIT_RUNTIME_LIB";

/// System libraries the Rust staticlib needs (`rustc --print native-static-libs`).
const NATIVE_LIBS: &[&str] = &["-lgcc_s", "-lutil", "-lrt", "-lpthread", "-lm", "-ldl", "-lc"];

#[derive(Clone, Debug, Default)]
pub struct LinkOptions {
    /// The runtime library; found by `find_runtime_lib` when `None`.
    pub runtime_lib: Option<PathBuf>,
    /// The C compiler driver; `$CC`, else `cc`, when `None`.
    pub cc: Option<String>,
    /// Extra arguments passed to the driver after the objects (`-L`, `-l`, ...).
    pub extra_args: Vec<String>,
    /// Units whose code comes from a library among `extra_args` (the precompiled Stdlib), in
    /// run order; executables run them before the units compiled for the program.
    pub library_units: Vec<String>,
}

/// Where the runtime library is: `$OCAMLJIT_RUNTIME_LIB`; else the newest `libruntime.a` or
/// `deps/libruntime-<hash>.a` beside the running executable or one directory up (cargo puts
/// test binaries in `target/<profile>/deps/`, and copies the library up to `target/<profile>/`
/// only when the runtime itself is a root of the build: when it is only a dependency, the fresh
/// one is the hashed file in `deps/`); else `../lib/ocaml-jit/` from the executable (an
/// installed layout); else the target directory of the source tree this compiler came from.
pub fn find_runtime_lib() -> Result<PathBuf, AotError> {
    if let Some(p) = std::env::var_os(RUNTIME_LIB_ENV) {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(AotError(format!("{} names {}, which is not a file", RUNTIME_LIB_ENV, p.display())))
        };
    }
    let mut dirs = Vec::new();
    if let Some(dir) = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf)) {
        if let Some(up) = dir.parent() {
            dirs.push(up.to_path_buf());
        }
        dirs.push(dir);
    }
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("target").join(profile));
    for dir in &dirs {
        if let Some(lib) = newest_runtime_lib(dir) {
            return Ok(lib);
        }
        let installed = dir.join("lib").join("ocaml-jit").join(RUNTIME_LIB_NAME);
        if installed.is_file() {
            return Ok(installed);
        }
    }
    Err(AotError(format!("cannot find {} (set {})", RUNTIME_LIB_NAME, RUNTIME_LIB_ENV)))
}

/// The most recently built runtime library in `dir` or `dir/deps`.
fn newest_runtime_lib(dir: &Path) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = vec![dir.join(RUNTIME_LIB_NAME)];
    if let Ok(entries) = std::fs::read_dir(dir.join("deps")) {
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with("libruntime-") && name.ends_with(".a") {
                found.push(e.path());
            }
        }
    }
    found
        .into_iter()
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .max_by_key(|(t, _)| *t)
        .map(|(_, p)| p)
}

fn driver(opts: &LinkOptions) -> Command {
    let cc = opts.cc.clone().or_else(|| std::env::var("CC").ok()).unwrap_or_else(|| "cc".to_string());
    Command::new(cc)
}

fn run(mut cmd: Command) -> Result<(), AotError> {
    let out = cmd.output().map_err(|e| AotError(format!("cannot run the C compiler driver {:?}: {}", cmd.get_program(), e)))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(AotError(format!(
            "linking failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )))
    }
}

/// Link objects (unit objects and the executable startup object) with the runtime into a
/// program. Runtime symbols are exported dynamically so plugins can resolve against them.
pub fn link_executable(objects: &[PathBuf], output: &Path, opts: &LinkOptions) -> Result<(), AotError> {
    let runtime = match &opts.runtime_lib {
        Some(p) => p.clone(),
        None => find_runtime_lib()?,
    };
    let mut cmd = driver(opts);
    cmd.arg("-o").arg(output).args(objects).args(&opts.extra_args).arg(&runtime);
    cmd.arg("-rdynamic").args(NATIVE_LIBS);
    run(cmd)
}

/// Link objects (unit objects and the plugin startup object) into a shared object whose runtime
/// symbols stay undefined, to be resolved against the program that loads it.
pub fn link_shared(objects: &[PathBuf], output: &Path, opts: &LinkOptions) -> Result<(), AotError> {
    let mut cmd = driver(opts);
    cmd.arg("-shared").arg("-o").arg(output).args(objects).args(&opts.extra_args);
    run(cmd)
}
