//! Programs of several compilation units (`tests/multifile/NAME/`, files listed in link order
//! in `files`), compiled by one `ocaml-jit -o` command and run; stdout, stderr and the exit
//! code must be what the same files compiled by `ocamlopt` give (`tests/multifile/regen.sh`).
//! A case that does not compile (`build.stderr`) must fail with the same message; the warnings
//! of one that does (`build.warnings`, flags from its `flags` file) must be the same.

use std::path::Path;
use std::process::Command;

#[test]
fn multifile_programs_match_ocamlopt() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/multifile");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/multifile")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no multi-file cases");
    let out_dir = std::env::temp_dir().join(format!("ocaml-jit-multifile-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).expect("temp dir");
    let mut failures = Vec::new();
    for dir in &cases {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string();
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
        let files: Vec<String> = read("files").split_whitespace().map(String::from).collect();
        let prog = out_dir.join(&name);
        let flags: Vec<String> = if dir.join("flags").exists() {
            read("flags").split_whitespace().map(String::from).collect()
        } else {
            vec!["-w".into(), "-a".into()]
        };
        let build = Command::new(env!("CARGO_BIN_EXE_ocaml-jit"))
            .current_dir(dir)
            .args(&flags)
            .arg("-o")
            .arg(&prog)
            .args(&files)
            .output()
            .expect("run ocaml-jit");
        let build_stderr = String::from_utf8_lossy(&build.stderr).into_owned();
        if dir.join("build.stderr").exists() {
            if build.status.success() || build_stderr != read("build.stderr") {
                failures.push(format!("{}: expected the build to fail with:\n{}\ngot:\n{}", name, read("build.stderr"), build_stderr));
            }
            continue;
        }
        if !build.status.success() {
            failures.push(format!("{}: build failed:\n{}", name, build_stderr));
            continue;
        }
        if build_stderr != read("build.warnings") {
            failures.push(format!("{}: build warnings differ\nexpected:\n{}\nactual:\n{}", name, read("build.warnings"), build_stderr));
        }
        let run = Command::new(&prog).output().expect("run the program");
        let code = run.status.code().map(|c| c.to_string()).unwrap_or_default();
        for (what, expected, actual) in [
            ("stdout", read("stdout"), String::from_utf8_lossy(&run.stdout).into_owned()),
            ("stderr", read("stderr"), String::from_utf8_lossy(&run.stderr).into_owned()),
            ("exit", read("exit").trim().to_string(), code),
        ] {
            if expected != actual {
                failures.push(format!("{}: {} differs\nexpected:\n{}\nactual:\n{}", name, what, expected, actual));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&out_dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
