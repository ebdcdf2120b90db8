//! `#show_class` and `#show_class_type` on classes that exist. OCaml 4.13, our oracle, stops
//! with an assertion failure on these (its errors are in the corpus: toplevel/show_class_errors),
//! so the test is that a class shows as its definition printed it (the definition's output is
//! compared with real OCaml's by the corpus: toplevel/classes_*).

use std::io::Write;
use std::process::{Command, Stdio};

fn toplevel(input: &str) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ocaml-jit"))
        .args(["-noinit", "-no-version", "-noprompt"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run ocaml-jit");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("output");
    // The separator phrase's own result and the final empty line are not what is tested.
    String::from_utf8_lossy(&out.stdout).lines().filter(|l| !l.is_empty() && *l != "- : unit = ()").map(str::to_string).collect()
}

/// Each definition printed, then what `#show_class` or `#show_class_type` prints for it.
fn definition_and_show(definition: &str, directive: &str) -> (String, String) {
    let lines = toplevel(&format!("{definition};;\nprint_string \"--\\n\";;\n{directive};;\n"));
    let split = lines.iter().position(|l| l == "--").expect("separator");
    (lines[..split].join("\n"), lines[split + 1..].join("\n"))
}

#[test]
fn show_class_prints_the_class_as_defined() {
    for (def, name) in [
        ("class c = object method m = 1 end", "c"),
        ("class ['a] d (x : 'a) = object val mutable v = x method get = v method set y = v <- y end", "d"),
        ("class virtual v = object method virtual f : int -> int method private g = 2 end", "v"),
        ("class p ~(l : int) ?(o = 1) () = object method s = l + o end", "p"),
    ] {
        let (defined, shown) = definition_and_show(def, &format!("#show_class {name}"));
        assert_eq!(shown, defined, "#show_class {name}");
    }
}

#[test]
fn show_class_inside_a_module() {
    let lines = toplevel("module M = struct class e = object method k = 'a' end end;;\n#show_class M.e;;\n");
    assert_eq!(lines, ["module M : sig class e : object method k : char end end", "class e : object method k : char end"]);
}

#[test]
fn show_class_type_prints_the_class_type_as_defined() {
    let (defined, shown) = definition_and_show("class type ct = object method n : int val x : string end", "#show_class_type ct");
    assert_eq!(shown, defined);
    let (defined, shown) = definition_and_show("class type ['a] f = object method n : 'a end", "#show_class_type f");
    assert_eq!(shown, defined);
    // A class also declares the class type of its objects: its body, without parameters.
    let (defined, shown) = definition_and_show("class c (x : int) = object method m = x end", "#show_class_type c");
    assert_eq!(defined, "class c : int -> object method m : int end");
    assert_eq!(shown, "class type c = object method m : int end");
}
