//! `#typeof "..."`, utop's directive (OCaml's `ocaml` has none, so no corpus case): the type
//! of a value path, printed as utop prints it, or of an expression.

use std::io::Write;
use std::process::{Command, Stdio};

fn toplevel(input: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ocaml-jit"))
        .args(["-noinit", "-no-version", "-noprompt"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run ocaml-jit");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("output");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn typeof_value_paths_and_expressions() {
    let out = toplevel("#typeof \"List.map\";;\nlet x = [1];;\n#typeof \"x\";;\n#typeof \"( + )\";;\n#typeof \"x @ [2]\";;\n");
    assert_eq!(
        out,
        "val List.map : ('a -> 'b) -> 'a list -> 'b list\n\
         val x : int list = [1]\n\
         val x : int list\n\
         external ( + ) : int -> int -> int = \"%addint\"\n\
         - : int list\n\n"
    );
}
