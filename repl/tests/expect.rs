//! `ocaml-jit -expect FILE.ml`: the expect-test mode, run on `tests/expect/basics.ml`, whose
//! blocks hold real OCaml's output (`tests/expect/regen.py`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn source() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/expect/basics.ml");
    std::fs::read_to_string(p).expect("tests/expect/basics.ml")
}

/// Writes `text` as `NAME.ml` in a fresh folder, runs `-expect` on it; returns the exit code
/// and the `.corrected` file.
fn run_expect(name: &str, text: &str) -> (i32, String) {
    let dir: PathBuf = std::env::temp_dir().join(format!("ocaml-jit-expect-{}-{}", name, std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(format!("{name}.ml"));
    std::fs::write(&file, text).expect("write test file");
    let out = Command::new(env!("CARGO_BIN_EXE_ocaml-jit")).arg("-expect").arg(&file).output().expect("run ocaml-jit");
    let corrected = std::fs::read_to_string(dir.join(format!("{name}.ml.corrected"))).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    (out.status.code().unwrap_or(-1), corrected)
}

#[test]
fn expect_file_that_matches_exits_0() {
    let text = source();
    let (code, corrected) = run_expect("pass", &text);
    assert_eq!(code, 0);
    assert_eq!(corrected, text);
}

#[test]
fn differing_blocks_are_corrected_and_exit_1() {
    let text = source();
    let wrong = text
        .replacen("val y : int = 2\n", "val y : int = 3\n", 1)
        .replacen("[%%expect{|\ntype t = A | B of int\n|}]", "[%%expect{||}]", 1)
        .replacen("Unknown directive `foo'.\n", "", 1);
    assert_ne!(wrong, text);
    let (code, corrected) = run_expect("differ", &wrong);
    assert_eq!(code, 1);
    assert_eq!(corrected, text);
}

#[test]
fn phrases_after_the_last_block_get_a_new_block() {
    let text = source();
    // Drop the last block: its phrase becomes trailing code.
    let last = text.rfind("[%%expect{|").expect("a block");
    let block = &text[last..];
    let content = &block["[%%expect{|".len()..block.rfind("|}]").expect("block end")];
    let cut = &text[..last];
    let (code, corrected) = run_expect("trailing", cut);
    assert_eq!(code, 1);
    assert_eq!(corrected, format!("{cut}\n[%%expect{{|{content}|}}]\n"));
}
