//! `ocamlc -i`-style driver: type a file and produce what OCaml prints (signature on stdout,
//! warnings and errors on stderr) and its exit code.

use super::{errors, initial_env, parse, printtyp, report, type_implementation};

pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Types `src` (a `.ml` file named `fname` in messages) and prints its inferred signature.
pub fn print_signature_of(src: &str, fname: &str) -> Output {
    let mut stderr = String::new();
    let structure = match parse::implementation(src, fname) {
        Ok(s) => s,
        Err(msg) => {
            stderr.push_str(&msg);
            if !msg.ends_with('\n') {
                stderr.push('\n');
            }
            return Output { stdout: String::new(), stderr, code: 2 };
        }
    };
    let env = initial_env();
    for e in env.units().load_errors.borrow().iter() {
        stderr.push_str(&format!("Error while loading the Stdlib interface: {}\n", e));
    }
    match type_implementation(&env, &structure) {
        Ok((_, sig, _, warnings)) => {
            for w in warnings.iter().filter(|w| errors::enabled_by_default(w.number)) {
                stderr.push_str(&report::report_warning(w, Some(src.as_bytes())));
            }
            let stdout = super::short_paths::with_env(&env, || printtyp::signature_to_string(&sig));
            Output { stdout, stderr, code: 0 }
        }
        Err((e, warnings)) => {
            for w in warnings.iter().filter(|w| errors::enabled_by_default(w.number)) {
                stderr.push_str(&report::report_warning(w, Some(src.as_bytes())));
            }
            stderr.push_str(&report::report_error(&e, Some(src.as_bytes())));
            Output { stdout: String::new(), stderr, code: 2 }
        }
    }
}
