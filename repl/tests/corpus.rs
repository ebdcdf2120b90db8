//! The conformance corpus: every case under `tests/` run through the `ocaml-jit` binary and
//! compared with what real OCaml printed (see `tests/regen.sh`).
//!
//! - `tests/toplevel/NAME.ml`: fed on stdin to `ocaml-jit -noinit -no-version` (with the options
//!   in `NAME.args` instead of `-noinit` if that file exists); stdout and stderr together must
//!   equal `NAME.expected`.
//! - `tests/programs/NAME.ml`, `tests/errors/NAME.ml`: run as `ocaml-jit NAME.ml` in their folder;
//!   stdout, stderr and exit code must equal `NAME.stdout`, `NAME.stderr` (absent: empty) and
//!   `NAME.exit`.
//!
//! Cases listed in `tests/known-failures.txt` (`category/name: reason`) run as ignored tests
//! whose names carry the reason; `--include-ignored` runs them.
//! Every case also runs under GC stress (`gc-stress/...`: see `STRESS_ENV`), except those with
//! a `NAME.no-gc-stress` file (giving the reason).
//!
//! Every `programs/` case also runs ahead of time (`aot/programs/NAME`, and
//! `gc-stress/aot/programs/NAME`): `ocaml-jit -o TMP/NAME NAME.ml`, then the executable, with
//! the expected files of what `ocamlopt` code printed where that differs from the script
//! (`NAME.native.stdout`, `.native.stderr`, `.native.exit`, written by `tests/regen.sh`), else
//! the script's. When the native stderr is not recorded, a script's uncaught-exception report
//! (`Exception: E.`) is compared only for its presence with the native one (`Fatal error:
//! exception Mod.E`), and a case whose expected stderr holds a compiler warning has its stderr
//! left out (warnings come from the compiler, not the executable). Stdout and the exit code are
//! always compared.
//! `NAME.ocamlrunparam` sets `OCAMLRUNPARAM` for every run of the case (and of the oracle);
//! `NAME.ocamlopt-flags` holds options (e.g. `-g`) for `ocaml-jit -o` (and the oracle's
//! `ocamlopt`). With `NAME.script-as-native`, the script run is compared with what the
//! `ocamlopt` program printed instead of `ocaml` (for backtraces: the bytecode toplevel shows
//! no locations for script code, and frames of its own): the file name `./NAME.ml` is read as
//! `NAME.ml`, and the first line of an uncaught-exception report (`Exception: E.` against
//! `Fatal error: exception Mod.E`) is left out.
//! Run one case: `cargo test -p ocaml-jit --test corpus -- toplevel/basics`.

use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::{Arc, OnceLock};

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

fn known_failures(root: &Path) -> HashMap<String, String> {
    let text = read_text(root.join("known-failures.txt")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
        .collect()
}

fn diff(what: &str, expected: &str, actual: &str) -> String {
    let mut out = format!("{} differs:\n", what);
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i).copied(), a.get(i).copied());
        if x != y {
            out.push_str(&format!("line {}:\n  expected: {:?}\n  actual:   {:?}\n", i + 1, x, y));
        }
    }
    if expected != actual && out.lines().count() == 1 {
        out.push_str(&format!("  (whitespace) expected {:?}\n  actual {:?}\n", expected, actual));
    }
    out
}

/// Environment of the GC-stress variant of each case: a tiny minor heap collected at every
/// few allocations, so a value the code generator forgot to root shows up at once.
const STRESS_ENV: [(&str, &str); 2] = [("OCAMLJIT_GC_STRESS", "3"), ("OCAMLJIT_MINOR_WORDS", "2048")];

/// A program that allocates hundreds of millions of blocks cannot collect every 3 allocations
/// in test time; its first line may say `(* gc-stress-every N *)` to collect every N instead.
fn stress_env(dir: &Path, name: &str) -> Vec<(&'static str, String)> {
    let text = read_text(dir.join(format!("{name}.ml"))).unwrap_or_default();
    let every = text
        .lines()
        .next()
        .and_then(|l| l.trim().strip_prefix("(* gc-stress-every "))
        .and_then(|l| l.strip_suffix("*)"))
        .and_then(|n| n.trim().parse::<u64>().ok());
    STRESS_ENV
        .iter()
        .map(|(k, v)| match (*k, every) {
            ("OCAMLJIT_GC_STRESS", Some(n)) => (*k, n.to_string()),
            _ => (*k, v.to_string()),
        })
        .collect()
}

/// Output or expected text with every byte kept visible: bytes that are not UTF-8 read as
/// `\xNN`, so a test can tell a raw byte from a replacement character.
fn shown(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

fn read_text(path: impl AsRef<Path>) -> std::io::Result<String> {
    std::fs::read(path).map(|b| shown(&b))
}

/// `NAME.ocamlrunparam`, `NAME.ocamlopt-flags`: a case's settings (see the header).
fn case_setting(dir: &Path, name: &str, ext: &str) -> Option<String> {
    read_text(dir.join(format!("{name}.{ext}"))).ok().map(|t| t.trim().to_string())
}

fn command(dir: &Path, name: &str, stress: bool) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ocaml-jit"));
    c.current_dir(dir);
    if stress {
        c.envs(stress_env(dir, name));
    }
    if let Some(p) = case_setting(dir, name, "ocamlrunparam") {
        c.env("OCAMLRUNPARAM", p);
    }
    c
}

/// For `NAME.script-as-native` cases: the script's output read as the native program's.
fn as_native(name: &str, text: &str) -> String {
    text.replace(&format!("./{name}.ml"), &format!("{name}.ml"))
}

/// Leaves out the first line of an uncaught-exception report.
fn without_report_line(text: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if let Some(i) = lines.iter().position(|l| l.starts_with("Exception: ") || l.starts_with("Fatal error: exception ")) {
        lines.remove(i);
    }
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn run_toplevel(dir: &Path, name: &str, stress: bool) -> Result<(), Failed> {
    let src = std::fs::read(dir.join(format!("{name}.ml"))).map_err(|e| e.to_string())?;
    let expected = read_text(dir.join(format!("{name}.expected"))).map_err(|e| e.to_string())?;
    // `NAME.args`: the options of that case instead of `-noinit` (see `tests/regen.sh`).
    let args: Vec<String> = match read_text(dir.join(format!("{name}.args"))) {
        Ok(text) => text.split_whitespace().map(String::from).collect(),
        Err(_) => vec!["-noinit".into()],
    };
    let mut child = command(dir, name, stress)
        .args(&args)
        .arg("-no-version")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().ok_or("no stdin")?;
        stdin.write_all(&src).map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let mut actual = shown(&out.stdout);
    actual.push_str(&shown(&out.stderr));
    if actual != expected {
        return Err(diff("toplevel output", &expected, &actual).into());
    }
    Ok(())
}

fn run_program(dir: &Path, name: &str, stress: bool) -> Result<(), Failed> {
    let like_native = dir.join(format!("{name}.script-as-native")).exists();
    let read = |ext: &str| {
        let file = |e: &str| read_text(dir.join(format!("{name}.{e}")));
        let text = match like_native {
            true => file(&format!("native.{ext}")).or_else(|_| file(ext)),
            false => file(ext),
        };
        let text = text.unwrap_or_default();
        if like_native && ext == "stderr" {
            without_report_line(&text)
        } else {
            text
        }
    };
    let out = command(dir, name, stress)
        .arg(format!("{name}.ml"))
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    let mut problems = String::new();
    let mut stdout = shown(&out.stdout);
    let mut stderr = shown(&out.stderr);
    if like_native {
        stdout = as_native(name, &stdout);
        stderr = without_report_line(&as_native(name, &stderr));
    }
    if stdout != read("stdout") {
        problems.push_str(&diff("stdout", &read("stdout"), &stdout));
    }
    if stderr != read("stderr") {
        problems.push_str(&diff("stderr", &read("stderr"), &stderr));
    }
    let code = out.status.code().map(|c| c.to_string()).unwrap_or_else(|| format!("{:?}", out.status));
    if code != read("exit").trim() {
        problems.push_str(&format!("exit code: expected {}, actual {}\n", read("exit").trim(), code));
    }
    // `NAME.merged`: what the script prints with stdout and stderr on one file, which shows
    // the order of the two streams (buffered stdout, unbuffered error messages).
    if let Ok(expected) = read_text(dir.join(format!("{name}.merged"))) {
        let merged = run_merged(command(dir, name, stress).arg(format!("{name}.ml")), &format!("{name}-{stress}"))?;
        if merged != expected {
            problems.push_str(&diff("stdout and stderr merged", &expected, &merged));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into())
    }
}

/// Runs the command with stdout and stderr on the same file; returns what it holds.
fn run_merged(cmd: &mut Command, tag: &str) -> Result<String, Failed> {
    let path = std::env::temp_dir().join(format!("ocaml-jit-merged-{}-{}", std::process::id(), tag));
    let file = std::fs::File::create(&path).map_err(|e| e.to_string())?;
    let err = file.try_clone().map_err(|e| e.to_string())?;
    cmd.stdin(Stdio::null()).stdout(file).stderr(err).status().map_err(|e| e.to_string())?;
    let text = std::fs::read(&path).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&path);
    Ok(shown(&text))
}

/// The executable of one program case, built once and shared by its plain and GC-stress runs.
type Built = Arc<OnceLock<Result<PathBuf, String>>>;

fn build_aot(dir: &Path, name: &str, out_dir: &Path, built: &Built) -> Result<PathBuf, Failed> {
    let r = built.get_or_init(|| {
        std::fs::create_dir_all(out_dir).map_err(|e| e.to_string())?;
        let exe = out_dir.join(name);
        let flags = case_setting(dir, name, "ocamlopt-flags").unwrap_or_default();
        let out = command(dir, name, false)
            .args(flags.split_whitespace())
            .arg("-o")
            .arg(&exe)
            .arg(format!("{name}.ml"))
            .stdin(Stdio::null())
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!("ocaml-jit -o failed ({}):\n{}", out.status, shown(&out.stderr)));
        }
        Ok(exe)
    });
    r.clone().map_err(Failed::from)
}

/// Splits off the report of an uncaught exception (the last line starting with `prefix`).
fn split_uncaught<'s>(stderr: &'s str, prefix: &str) -> (String, bool) {
    let lines: Vec<&'s str> = stderr.lines().collect();
    match lines.iter().rposition(|l| l.starts_with(prefix)) {
        Some(i) => (lines[..i].iter().map(|l| format!("{l}\n")).collect(), true),
        None => (stderr.to_string(), false),
    }
}

fn run_aot(dir: &Path, name: &str, stress: bool, out_dir: &Path, built: &Built) -> Result<(), Failed> {
    let exe = build_aot(dir, name, out_dir, built)?;
    let native = |ext: &str| read_text(dir.join(format!("{name}.native.{ext}"))).ok();
    let read = |ext: &str| {
        native(ext).unwrap_or_else(|| read_text(dir.join(format!("{name}.{ext}"))).unwrap_or_default())
    };
    let mut c = Command::new(&exe);
    // `tests/regen.sh` ran the ocamlopt program as `./NAME.exe`: the program sees the same
    // `argv[0]` (`Sys.argv.(0)`) although its file is elsewhere.
    c.arg0(format!("./{name}.exe"));
    c.current_dir(dir).stdin(Stdio::null());
    if stress {
        c.envs(stress_env(dir, name));
    }
    if let Some(p) = case_setting(dir, name, "ocamlrunparam") {
        c.env("OCAMLRUNPARAM", p);
    }
    let out = c.output().map_err(|e| e.to_string())?;
    let mut problems = String::new();
    let stdout = shown(&out.stdout);
    if stdout != read("stdout") {
        problems.push_str(&diff("stdout", &read("stdout"), &stdout));
    }
    let expected_err = read("stderr");
    let actual_err = shown(&out.stderr);
    if native("stderr").is_some() {
        if actual_err != expected_err {
            problems.push_str(&diff("stderr", &expected_err, &actual_err));
        }
    } else if actual_err != expected_err && !expected_err.contains("Warning") {
        let (e, e_raised) = split_uncaught(&expected_err, "Exception: ");
        let (a, a_raised) = split_uncaught(&actual_err, "Fatal error: exception ");
        if e != a {
            problems.push_str(&diff("stderr", &e, &a));
        }
        if e_raised != a_raised {
            problems.push_str(&format!("uncaught exception: expected {e_raised}, actual {a_raised}\n"));
        }
    }
    let code = out.status.code().map(|c| c.to_string()).unwrap_or_else(|| format!("{:?}", out.status));
    if code != read("exit").trim() {
        problems.push_str(&format!("exit code: expected {}, actual {}\n", read("exit").trim(), code));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let root = corpus_root();
    let known = known_failures(&root);
    let mut trials = Vec::new();
    let aot_dir = std::env::temp_dir().join(format!("ocaml-jit-corpus-{}", std::process::id()));
    for category in ["toplevel", "programs", "errors"] {
        let dir = root.join(category);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".ml")).map(String::from))
            .collect();
        names.sort();
        for name in names {
            for stress in [false, true] {
                // `NAME.no-gc-stress` (holding the reason): too slow to run under GC stress.
                if stress && dir.join(format!("{name}.no-gc-stress")).exists() {
                    continue;
                }
                let id = format!("{category}/{name}");
                let shown = if stress { format!("gc-stress/{id}") } else { id.clone() };
                let dir = dir.clone();
                let runner = if category == "toplevel" { run_toplevel } else { run_program };
                let n = name.clone();
                let trial = match known.get(&id) {
                    Some(reason) => {
                        Trial::test(format!("{shown} (known failure: {reason})"), move || runner(&dir, &n, stress))
                            .with_ignored_flag(true)
                    }
                    None => Trial::test(shown, move || runner(&dir, &n, stress)),
                };
                trials.push(trial);
            }
            if category == "programs" {
                let built: Built = Arc::new(OnceLock::new());
                for stress in [false, true] {
                    if stress && dir.join(format!("{name}.no-gc-stress")).exists() {
                        continue;
                    }
                    let id = format!("aot/{category}/{name}");
                    let shown = if stress { format!("gc-stress/{id}") } else { id.clone() };
                    let (dir, n, out, b) = (dir.clone(), name.clone(), aot_dir.clone(), built.clone());
                    let run = move || run_aot(&dir, &n, stress, &out, &b);
                    trials.push(match known.get(&id) {
                        Some(reason) => Trial::test(format!("{shown} (known failure: {reason})"), run).with_ignored_flag(true),
                        None => Trial::test(shown, run),
                    });
                }
            }
        }
    }
    let conclusion = libtest_mimic::run(&args, trials);
    let _ = std::fs::remove_dir_all(&aot_dir);
    conclusion.exit();
}
