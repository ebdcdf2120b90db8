//! Embeds the Stdlib's interface files (`stdlib/*.mli`) for the type checker's initial
//! environment: writes `$OUT_DIR/stdlib_interfaces.rs`, a table (unit name, file name, text).

use std::path::Path;

fn unit_name(file_stem: &str) -> String {
    let mut cap = String::new();
    let mut chars = file_stem.chars();
    if let Some(c) = chars.next() {
        cap.push(c.to_ascii_uppercase());
    }
    cap.extend(chars);
    if file_stem == "stdlib" || file_stem.starts_with("camlinternal") || file_stem == "std_exit" {
        cap
    } else {
        format!("Stdlib__{}", cap)
    }
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../stdlib");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().map(|x| x == "mli" || x == "ml").unwrap_or(false) {
                println!("cargo:rerun-if-changed={}", p.display());
                let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
                let fname = p.file_name().and_then(|s| s.to_str()).unwrap_or("").to_string();
                entries.push((unit_name(&stem), fname, p.canonicalize().unwrap_or(p.clone())));
            }
        }
    }
    entries.sort();
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    // Interfaces (for the type checker) and implementations (compiled on demand).
    for (ext, file) in [(".mli", "stdlib_interfaces.rs"), (".ml", "stdlib_implementations.rs")] {
        let mut out = String::from("&[\n");
        for (unit, fname, path) in entries.iter().filter(|e| e.1.ends_with(ext)) {
            out.push_str(&format!("    ({:?}, {:?}, include_str!({:?})),\n", unit, fname, path.display().to_string()));
        }
        out.push_str("]\n");
        let _ = std::fs::write(Path::new(&out_dir).join(file), out);
    }
}
