//! Compares the type checker's `-i` output (signature, warnings, errors, exit code) with the
//! outputs of real OCaml recorded by `tests/typing/regen.sh`.
//!
//! Cases listed in `tests/typing/KNOWN_FAILURES` (one name per line) are reported but do not
//! fail the test; a listed case that now passes is reported too, so the list stays honest.

use compiler::typing::{clflags, driver};
use std::fs;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/typing");
    let mut out = Vec::new();
    for dir in [root.clone(), root.join("errors")] {
        let Ok(rd) = fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().map(|x| x == "ml").unwrap_or(false) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn known_failures() -> Vec<String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/typing/KNOWN_FAILURES");
    fs::read_to_string(p)
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

fn diff(expected: &str, got: &str) -> String {
    let mut s = String::new();
    let e: Vec<&str> = expected.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    for i in 0..e.len().max(g.len()) {
        let a = e.get(i).copied().unwrap_or("<none>");
        let b = g.get(i).copied().unwrap_or("<none>");
        if a != b {
            s.push_str(&format!("  line {}:\n    expected: {:?}\n    got:      {:?}\n", i + 1, a, b));
        }
    }
    s
}

#[test]
fn typing_corpus() {
    let filter = std::env::var("TYPING_CASE").ok();
    let known = known_failures();
    let mut failures = Vec::new();
    let mut unexpected_passes = Vec::new();
    let mut passed = 0;
    for path in cases() {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        if let Some(f) = &filter {
            if !name.contains(f.as_str()) {
                continue;
            }
        }
        let src = fs::read_to_string(&path).expect("read case");
        let fname = format!("{}.ml", name);
        let read = |ext: &str| fs::read_to_string(path.with_extension(ext)).unwrap_or_default();
        let (exp_out, exp_err, exp_rc) = (read("out"), read("err"), read("rc"));
        // Each case runs on its own thread: the type store and the weak-variable names are
        // per thread, as in a fresh `ocamlc` process.
        let (src2, fname2) = (src.clone(), fname.clone());
        // `NAME.flags`: `ocamlc` options of the case (`-rectypes`, `-short-paths`, `-principal`).
        let flags = read("flags");
        let got = std::thread::spawn(move || {
            let has = |f: &str| flags.split_whitespace().any(|x| x == f);
            clflags::set(clflags::TypingFlags { rectypes: has("-rectypes"), short_paths: has("-short-paths"), principal: has("-principal") });
            let o = driver::print_signature_of(&src2, &fname2);
            (o.stdout, o.stderr, o.code)
        })
        .join();
        let (out, err, rc) = match got {
            Ok(x) => x,
            Err(_) => (String::new(), "<panic>".to_string(), -1),
        };
        let mut problems = String::new();
        if out != exp_out {
            problems.push_str(&format!(" stdout differs:\n{}", diff(&exp_out, &out)));
        }
        if err != exp_err {
            problems.push_str(&format!(" stderr differs:\n{}", diff(&exp_err, &err)));
        }
        if rc.to_string() != exp_rc.trim() {
            problems.push_str(&format!(" exit code: expected {} got {}\n", exp_rc.trim(), rc));
        }
        let is_known = known.contains(&name);
        if problems.is_empty() {
            passed += 1;
            if is_known {
                unexpected_passes.push(name);
            }
        } else if !is_known {
            failures.push(format!("{}:{}", name, problems));
        } else {
            eprintln!("known failure {}:{}", name, problems);
        }
    }
    eprintln!("typing corpus: {} passed, {} failed", passed, failures.len());
    if !unexpected_passes.is_empty() {
        eprintln!("cases listed in KNOWN_FAILURES that now pass (remove them): {:?}", unexpected_passes);
    }
    assert!(failures.is_empty(), "typing cases failed:\n{}", failures.join("\n"));
}

/// The toplevel entry: phrases typed one after the other against the session environment;
/// a weak variable keeps its name until a later phrase determines it (as in `ocaml`).
#[test]
fn toplevel_phrases_share_the_session() {
    use compiler::parsing::parse_implementation;
    use compiler::typing::{initial_env, outcome, printtyp, type_toplevel_phrase};
    std::thread::spawn(|| {
        let mut env = initial_env();
        let mut printed = Vec::new();
        for phrase in ["let r = ref []", "let s = r", "let () = r := [1]", "let t = r", "type t = A | B", "let x = A"] {
            let st = parse_implementation(phrase, "//toplevel//").expect("parses");
            let res = type_toplevel_phrase(&env, &st).map_err(|(e, _)| e.message()).expect("types");
            for item in &res.signature {
                printed.push(outcome::signature_to_string(&[printtyp::tree_of_sig_item(item)]).trim_end().to_string());
            }
            env = res.env;
        }
        assert_eq!(
            printed,
            vec![
                "val r : '_weak1 list ref",
                "val s : '_weak1 list ref",
                "val t : int list ref",
                "type t = A | B",
                "val x : t",
            ]
        );
    })
    .join()
    .expect("no panic");
}
