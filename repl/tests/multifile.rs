//! Programs of several compilation units (`tests/multifile/NAME/`, files listed in link order
//! in `files`), compiled by one `ocaml-jit -o` command and run; stdout, stderr and the exit
//! code must be what the same files compiled by `ocamlopt` give (`tests/multifile/regen.sh`).
//! A case that does not compile (`build.stderr`) must fail with the same message; the warnings
//! of one that does (`build.warnings`, flags from its `flags` file) must be the same.
//!
//! A case with a `steps` file is separate compilation: each line is one compiler command's
//! arguments, written for ocamlopt; they run with `ocaml-jit` in a copy of the case directory
//! after mapping `.cmx` to `.cjx` and `.cmi` to `.cji`. What each step printed on stderr and
//! its exit code must be `steps.out` (ocamlopt's, its messages mapped the same way by
//! regen.sh); then the program `prog` is run as above.

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
        if dir.join("steps").exists() {
            failures.extend(run_steps(dir, &name, &out_dir.join(format!("{}.d", name))));
            continue;
        }
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
        failures.extend(compare_run(dir, &name, &prog));
    }
    let _ = std::fs::remove_dir_all(&out_dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs `prog` and compares its stdout, stderr and exit code with the case's.
fn compare_run(dir: &Path, name: &str, prog: &Path) -> Vec<String> {
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let run = match Command::new(prog).output() {
        Ok(r) => r,
        Err(e) => return vec![format!("{}: cannot run {}: {}", name, prog.display(), e)],
    };
    let code = run.status.code().map(|c| c.to_string()).unwrap_or_default();
    let mut failures = Vec::new();
    for (what, expected, actual) in [
        ("stdout", read("stdout"), String::from_utf8_lossy(&run.stdout).into_owned()),
        ("stderr", read("stderr"), String::from_utf8_lossy(&run.stderr).into_owned()),
        ("exit", read("exit").trim().to_string(), code),
    ] {
        if expected != actual {
            failures.push(format!("{}: {} differs\nexpected:\n{}\nactual:\n{}", name, what, expected, actual));
        }
    }
    failures
}

/// Copies the directory `from` (its subdirectories too) to `to`.
fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            std::fs::copy(e.path(), target)?;
        }
    }
    Ok(())
}

/// An ocamlopt argument for ocaml-jit: compiled files have this project's extensions.
fn map_argument(arg: &str) -> String {
    if let Some(stem) = arg.strip_suffix(".cmx") {
        format!("{}.cjx", stem)
    } else if let Some(stem) = arg.strip_suffix(".cmi") {
        format!("{}.cji", stem)
    } else {
        arg.to_string()
    }
}

/// A step case: the steps run in a copy of the case in `work`, their log compared with
/// `steps.out`, then the program they made run.
fn run_steps(dir: &Path, name: &str, work: &Path) -> Vec<String> {
    if let Err(e) = copy_dir(dir, work) {
        return vec![format!("{}: cannot copy the case: {}", name, e)];
    }
    let steps = std::fs::read_to_string(dir.join("steps")).unwrap_or_default();
    let mut log = String::new();
    for line in steps.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        log.push_str(&format!("# step: {}\n", line));
        let args: Vec<String> = line.split_whitespace().map(map_argument).collect();
        let out = Command::new(env!("CARGO_BIN_EXE_ocaml-jit")).current_dir(work).args(&args).output().expect("run ocaml-jit");
        log.push_str(&String::from_utf8_lossy(&out.stderr));
        match out.status.code() {
            Some(0) => {}
            Some(c) => log.push_str(&format!("# exit {}\n", c)),
            None => log.push_str("# killed by a signal\n"),
        }
    }
    let expected = std::fs::read_to_string(dir.join("steps.out")).unwrap_or_default();
    let mut failures = Vec::new();
    if log != expected {
        failures.push(format!("{}: steps differ\nexpected:\n{}\nactual:\n{}", name, expected, log));
    }
    if dir.join("exit").exists() {
        failures.extend(compare_run(dir, name, &work.join("prog")));
    }
    failures
}
