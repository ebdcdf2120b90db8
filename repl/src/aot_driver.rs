//! The ahead-of-time mode: `ocaml-jit -o prog FILE.ml` compiles the program and the Stdlib units
//! it uses to object code with Cranelift and links them with the runtime into an executable
//! (`-shared`: a `.cmxs` plugin).

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

/// Add `code`'s dependencies (Stdlib units), then `code`, to `order` (initialisation order).
fn add_with_deps(code: UnitCode, order: &mut Vec<UnitCode>, fresh: &mut Fresh) -> Result<(), String> {
    for dep in code.requires.clone() {
        if order.iter().any(|u| u.name == dep) {
            continue;
        }
        let (fname, text) =
            driver::stdlib_unit_source(&dep).ok_or_else(|| format!("Error: no implementation of unit {}\n", dep))?;
        let dep_code = driver::compile_unit(&dep, fname, text, fresh)?;
        add_with_deps(dep_code, order, fresh)?;
    }
    if !order.iter().any(|u| u.name == code.name) {
        order.push(code);
    }
    Ok(())
}

pub fn run(files: &[String], output: &str, shared: bool) -> i32 {
    let mut fresh = Fresh::starting_at(1 << 30);
    let mut order: Vec<UnitCode> = Vec::new();
    for f in files.iter().filter(|f| f.ends_with(".ml")) {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(_) => {
                eprintln!("File \"{}\", line 1:\nError: I/O error: {}: No such file or directory", f, f);
                return 2;
            }
        };
        let code = match driver::compile_unit(&unit_name_of_file(f), f, &text, &mut fresh) {
            Ok(c) => c,
            Err(msg) => {
                eprint!("{}", msg);
                return 2;
            }
        };
        if let Err(msg) = add_with_deps(code, &mut order, &mut fresh) {
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
    let opts = LinkOptions::default();
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
