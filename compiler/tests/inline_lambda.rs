//! The shape of the Lambda after inlining small known functions (`middle::inline`), and the
//! array kinds the translator reads from types.

use compiler::driver::{base_env_for, resolve_unit};
use compiler::lambda::{print, Fresh, Lambda, Mutability, Primitive};
use compiler::translate::Translator;
use std::cell::RefCell;

/// The Lambda of a unit `Test` made of `src` (its values exported in a block), before and after
/// inlining, printed.
fn lambda_of(src: &str) -> (String, String) {
    let parsed = compiler::parsing::parse_implementation(src, "test.ml").ok().expect("parses");
    let env = base_env_for("Test");
    let (typed, sig, env, _) = compiler::typing::type_implementation(&env, &parsed).map_err(|(e, _)| e.message()).expect("types");
    let required = RefCell::new(Vec::new());
    let resolve = |p: &compiler::typing::path::Path| resolve_unit(&required, p);
    let mut fresh = Fresh::starting_at(100_000);
    let l: Lambda = {
        let mut tr = Translator::new(&mut fresh, &resolve);
        tr.env = Some(&env);
        tr.structure(&typed, &sig, &mut |_, vs| Ok(Lambda::Prim(Primitive::MakeBlock(0, Mutability::Immutable), vs))).map_err(|e| e.msg).expect("translates")
    };
    let inlined = compiler::middle::inline::run(&l, &mut fresh);
    (print::to_string(&l), print::to_string(&inlined))
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn small_function_is_inlined() {
    let (before, after) = lambda_of("let a i j = (i + j) * 3\nlet f x = a x 1 + a 2 x");
    assert_eq!(count(&before, "(apply"), 2, "{}", before);
    assert_eq!(count(&after, "(apply"), 0, "{}", after);
    assert_eq!(count(&after, "MulInt"), 3, "{}", after);
}

#[test]
fn recursive_and_large_functions_are_called() {
    let (_, after) = lambda_of("let rec fib n = if n < 2 then n else fib (n - 1) + fib (n - 2)\nlet g x = fib x + 1");
    assert_eq!(count(&after, "(apply"), 3, "{}", after);
    let big = "let big x = x + 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19 + 20\n\
               let h y = big y";
    let (_, after) = lambda_of(big);
    assert_eq!(count(&after, "(apply"), 1, "{}", after);
}

#[test]
fn copies_bind_fresh_variables_and_labels() {
    let src = "let c x = match x with 0 -> 10 | 1 | 2 -> 20 | n when n > 5 -> n | _ -> 30\n\
               let g y = c y + c (y + 1)";
    let (before, after) = lambda_of(src);
    assert_eq!(count(&after, "(apply"), 0, "{}", after);
    // Each copy catches its own exits.
    let catches_before = count(&before, "(catch");
    assert_eq!(count(&after, "(catch"), 3 * catches_before, "{}", after);
}

#[test]
fn record_and_constant_variant_arrays_have_a_known_kind() {
    let src = "type r = { mutable f : float; g : int }\ntype c = A | B\ntype l = float\n\
               let get (a : r array) i = a.(i)\nlet getc (a : c array) i = a.(i)\nlet getl (a : l array) i = a.(i)";
    let (before, _) = lambda_of(src);
    assert!(before.contains("ArrayRef(Addr"), "{}", before);
    assert!(before.contains("ArrayRef(Int"), "{}", before);
    assert!(before.contains("ArrayRef(Float"), "{}", before);
    assert!(!before.contains("ArrayRef(Gen"), "{}", before);
}
