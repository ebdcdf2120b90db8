//! Compares the parser with real OCaml on the corpus in `tests/parsing/`:
//! `-dparsetree` output for each `.ml`/`.mli`, error reports for `errors/*.ml`.
//! Expected outputs come from `tests/parsing/regen.sh` (ocamlc 4.13).

use std::path::{Path, PathBuf};

use compiler::parsing::{self, printast};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/parsing")
}

fn files_with_ext(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()).map_or(false, |e| exts.contains(&e)))
        .collect();
    v.sort();
    v
}

/// First differing line, for a readable failure message.
fn first_difference(expected: &str, got: &str) -> String {
    for (i, (a, b)) in expected.lines().zip(got.lines()).enumerate() {
        if a != b {
            return format!("line {}:\n  expected: {}\n  got:      {}", i + 1, a, b);
        }
    }
    format!("lengths differ: expected {} lines, got {}", expected.lines().count(), got.lines().count())
}

#[test]
fn dparsetree_matches_ocamlc() {
    let dir = corpus_dir();
    let files = files_with_ext(&dir, &["ml", "mli"]);
    assert!(files.len() >= 5, "corpus missing");
    let mut failures = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_str().unwrap();
        let src = std::fs::read(f).unwrap();
        let expected = std::fs::read_to_string(dir.join(format!("{}.expected", name))).unwrap();
        parsing::set_unsafe_indexing(name.ends_with(".unsafe.ml"));
        let got = if name.ends_with(".mli") {
            parsing::parse_interface_bytes(&src, name).map(|(s, _)| printast::interface(&s))
        } else {
            parsing::parse_implementation_bytes(&src, name).map(|(s, _)| printast::implementation(&s))
        };
        let got = match got {
            Ok(t) => t,
            Err(e) => parsing::report_syntax_error(&e, Some(&src)),
        };
        if got != expected {
            failures.push(format!("{}: {}", name, first_difference(&expected, &got)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn syntax_errors_match_ocamlc() {
    let dir = corpus_dir().join("errors");
    let files = files_with_ext(&dir, &["ml"]);
    assert!(files.len() >= 10, "error corpus missing");
    let mut failures = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_str().unwrap();
        let src = std::fs::read(f).unwrap();
        let expected = std::fs::read_to_string(dir.join(format!("{}.expected", name))).unwrap();
        let got = match parsing::parse_implementation_bytes(&src, name) {
            Ok(_) => "(parsed without error)\n".to_string(),
            Err(e) => parsing::report_syntax_error(&e, Some(&src)),
        };
        if got != expected {
            failures.push(format!("{}:\n--- expected\n{}--- got\n{}", name, expected, got));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn phrase_reader_splits_and_recovers() {
    use compiler::parsing::parsetree::ToplevelPhrase;
    use compiler::parsing::PhraseReader;
    let src = "let x = 1;;\nlet y = ) ;; let z = 2;;\n#use \"f.ml\";;\n1 + 2";
    let mut r = PhraseReader::new(src, "//toplevel//");
    let p1 = r.next_phrase().unwrap().unwrap();
    assert!(matches!(p1, ToplevelPhrase::Def(ref s) if s.len() == 1));
    assert_eq!(&src[r.last_phrase_range()], "let x = 1;;");
    let e = r.next_phrase().unwrap().unwrap_err();
    // relative to the phrase: OCaml's toplevel prints "Line 1, characters 8-9"
    assert_eq!(r.report(&e), "Line 1, characters 8-9:\n1 | let y = ) ;; let z = 2;;\n            ^\nError: Syntax error\n");
    // after the error the reader resumes after the `;;`
    let p3 = r.next_phrase().unwrap().unwrap();
    assert!(matches!(p3, ToplevelPhrase::Def(_)));
    let p4 = r.next_phrase().unwrap().unwrap();
    assert!(matches!(p4, ToplevelPhrase::Dir(ref d) if d.name.txt == "use"));
    // a last phrase without `;;`
    let p5 = r.next_phrase().unwrap().unwrap();
    assert!(matches!(p5, ToplevelPhrase::Def(ref s) if s.len() == 1));
    assert!(r.next_phrase().is_none());
}
