//! Ctrl-C during evaluation: a loop that never allocates is interrupted at its next poll point,
//! the toplevel prints `Interrupted.` (as OCaml does) and the session goes on with its earlier
//! definitions intact.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn sigint_interrupts_a_running_phrase_and_keeps_the_session() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ocaml-jit"))
        .args(["-noinit", "-no-version"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ocaml-jit");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"let kept = 7;;\nlet rec spin n = spin (n + 1);;\nspin 0;;\n").expect("write");
    stdin.flush().expect("flush");
    // Let the loop start, then interrupt it.
    std::thread::sleep(Duration::from_millis(1500));
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    std::thread::sleep(Duration::from_millis(300));
    stdin.write_all(b"kept + 1;;\n").expect("write");
    drop(stdin);
    let mut out = String::new();
    child.stdout.take().expect("stdout").read_to_string(&mut out).expect("read");
    let status = child.wait().expect("wait");
    assert!(status.success(), "exit status {:?}, output:\n{}", status, out);
    assert!(out.contains("# Interrupted.\n"), "no Interrupted. in:\n{}", out);
    assert!(out.contains("- : int = 8\n"), "session lost after the interrupt:\n{}", out);
}
