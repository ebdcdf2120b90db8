//! The shape of the Lambda the match compiler produces: switches rather than chains of tests,
//! each action once, no test repeated where a previous one decided it.

use compiler::driver::{base_env_for, resolve_unit};
use compiler::lambda::{print, Fresh};
use compiler::translate::Translator;
use std::cell::RefCell;

/// The Lambda of a unit `Test` made of `src`, printed as `-dlambda` prints it.
fn lambda_of(src: &str) -> String {
    let parsed = compiler::parsing::parse_implementation(src, "test.ml").ok().expect("parses");
    let env = base_env_for("Test");
    let (typed, sig, env, _) = compiler::typing::type_implementation(&env, &parsed).map_err(|(e, _)| e.message()).expect("types");
    let required = RefCell::new(Vec::new());
    let resolve = |p: &compiler::typing::path::Path| resolve_unit(&required, p);
    let mut fresh = Fresh::default();
    let mut tr = Translator::new(&mut fresh, &resolve);
    tr.env = Some(&env);
    let l = tr.structure(&typed, &sig, &mut |_, _| Ok(compiler::lambda::UNIT)).map_err(|e| e.msg).expect("translates");
    print::to_string(&l)
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn big_variant_is_one_switch() {
    let src = "type t = A | B | C | D | E | F of int | G of int | H of string | I | J of int * int\n\
               let f = function A -> 1 | B -> 2 | C -> 3 | D -> 4 | E -> 5 | F n -> n | G _ -> 7 \
               | H _ -> 8 | I -> 9 | J (a, b) -> a + b";
    let l = lambda_of(src);
    assert_eq!(count(&l, "(switch"), 1, "{}", l);
    assert_eq!(count(&l, "case int"), 6, "{}", l);
    assert_eq!(count(&l, "case tag"), 4, "{}", l);
    // Exhaustive: no default, no Match_failure.
    assert!(!l.contains("default:"), "{}", l);
    assert!(!l.contains("IfThenElse") && !l.contains("(if"), "{}", l);
}

#[test]
fn known_constructor_is_not_tested_again() {
    // After `[], _` fails, the first list is known to be a cons: the last row needs no test
    // of it, and the second column is switched on once.
    let l = lambda_of("let f a b = match a, b with [], _ -> 0 | _, [] -> 1 | x :: _, y :: _ -> x + y");
    assert_eq!(count(&l, "IsInt"), 1, "{}", l);
    assert_eq!(count(&l, "(switch"), 1, "{}", l);
    // The tuple is never built.
    assert!(!l.contains("MakeBlock"), "{}", l);
}

#[test]
fn or_pattern_action_is_shared() {
    let src = "type t = A of int | B of int | C of int | D\n\
               let f = function A x | B x | C x -> x * x * x * x + 12345 | D -> 0";
    let l = lambda_of(src);
    assert_eq!(count(&l, "12345"), 1, "{}", l);
    assert_eq!(count(&l, "(exit"), 3, "{}", l);
}

#[test]
fn chars_switch_and_strings_search() {
    let l = lambda_of("let f = function 'a'..'z' -> 1 | '0'..'9' -> 2 | _ -> 3");
    assert_eq!(count(&l, "(switch"), 1, "{}", l);
    assert_eq!(count(&l, "case int"), 36, "{}", l);
    let l = lambda_of(
        "let f = function \"let\" -> 1 | \"fun\" -> 2 | \"rec\" -> 3 | \"and\" -> 4 | \"end\" -> 5 \
         | \"sig\" -> 6 | \"val\" -> 7 | \"in\" -> 8 | _ -> 0",
    );
    // A switch on the length, then a binary search among the seven strings of length 3.
    assert!(l.contains("(switch (StringLength"), "{}", l);
    assert!(l.contains("caml_string_compare"), "{}", l);
    assert!(count(&l, "caml_string_equal") <= 7, "{}", l);
}

#[test]
fn guard_falls_through_to_next_rows() {
    let l = lambda_of("let f = function Some n when n > 0 -> n | Some _ -> 0 | None -> -1");
    // One test of the option, the guard inside its Some arm.
    assert_eq!(count(&l, "IsInt") + count(&l, "(switch"), 1, "{}", l);
}
