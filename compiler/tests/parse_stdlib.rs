//! Parses every `.ml` and `.mli` under /usr/lib/ocaml (OCaml's own sources), when present.

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(_) => return,
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("ml") | Some("mli")) {
            out.push(p);
        }
    }
}

#[test]
fn parses_installed_ocaml_sources() {
    let root = Path::new("/usr/lib/ocaml");
    if !root.is_dir() {
        eprintln!("skipped: /usr/lib/ocaml not present");
        return;
    }
    let mut files = Vec::new();
    collect(root, &mut files);
    files.sort();
    let mut failures = Vec::new();
    for f in &files {
        let src = std::fs::read(f).unwrap();
        let name = f.to_string_lossy().into_owned();
        let r = if name.ends_with(".mli") {
            compiler::parsing::parse_interface_bytes(&src, &name).map(|_| ())
        } else {
            compiler::parsing::parse_implementation_bytes(&src, &name).map(|_| ())
        };
        if let Err(e) = r {
            failures.push(compiler::parsing::report_syntax_error(&e, Some(&src)));
        }
    }
    eprintln!("parsed {} files from /usr/lib/ocaml", files.len());
    assert!(failures.is_empty(), "{} files failed:\n{}", failures.len(), failures.join("\n"));
}
