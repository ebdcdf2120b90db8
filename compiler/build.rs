//! Embeds the Stdlib's interface files (the project's own `stdlib/*.mli`) so the type checker can
//! load any unit without files on disk. Unit names follow stdlib/README.md: `foo.mli` is
//! `Stdlib__Foo`, except `stdlib.mli` (`Stdlib`) and the `camlinternal*`/`std_exit` units.

use std::fmt::Write;
use std::path::Path;

fn unit_name(stem: &str) -> String {
    let mut cap = stem.to_string();
    if let Some(first) = cap.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    if stem == "stdlib" {
        "Stdlib".into()
    } else if stem.starts_with("camlinternal") || stem == "std_exit" {
        cap
    } else {
        format!("Stdlib__{}", cap)
    }
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../stdlib");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    let mut out = String::from("&[\n");
    for p in entries {
        let Some(name) = p.file_name().and_then(|n| n.to_str()) else { continue };
        let Some(stem) = name.strip_suffix(".mli") else { continue };
        println!("cargo:rerun-if-changed={}", p.display());
        let abs = p.canonicalize().unwrap_or(p.clone());
        writeln!(out, "    ({:?}, {:?}, include_str!({:?})),", unit_name(stem), name, abs.display().to_string()).unwrap();
    }
    out.push_str("]\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("stdlib_interfaces.rs");
    std::fs::write(dest, out).unwrap();
}
