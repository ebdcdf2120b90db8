//! `ocaml-jit -i FILE.ml`: print the inferred signature, like `ocamlc -i`.

use compiler::typing::driver;

/// Handles `-i FILE.ml`; returns the exit code, or None if the arguments are not for this mode.
/// The typing flags (`-rectypes`, ...) may come along: `main` has already applied them.
pub fn run(args: &[String]) -> Option<i32> {
    let rest: Vec<&String> =
        args.iter().filter(|a| !matches!(a.as_str(), "-rectypes" | "-short-paths" | "-principal")).collect();
    match rest.as_slice() {
        [flag, path] if *flag == "-i" => Some(typecheck_file(path)),
        _ => None,
    }
}

fn typecheck_file(path: &str) -> i32 {
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
