//! `ocaml-jit -i FILE.ml`: print the inferred signature, like `ocamlc -i`.

use compiler::typing::driver;

/// Runs the `-i` mode on `path`; returns the process exit code.
pub fn run(path: &str) -> i32 {
    let src = match std::fs::read(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("I/O error: {}: {}", path, e);
            return 2;
        }
    };
    let out = driver::print_signature_of(&src, path);
    print!("{}", out.stdout);
    eprint!("{}", out.stderr);
    out.code
}
