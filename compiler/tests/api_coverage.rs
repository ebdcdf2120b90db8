//! Stdlib API coverage: every `val` (and `external`) of the installed OCaml's interfaces
//! (`/usr/lib/ocaml/NAME.mli`, Debian's 4.13) must exist in our Stdlib with a type at least
//! as general as OCaml's. Each value is checked by typing, with our type checker,
//!
//! ```ocaml
//! module C : sig open Stdlib.List val map : ('a -> 'b) -> 'a list -> 'b list end = Stdlib.List
//! ```
//!
//! (signature inclusion does the comparison up to renaming of type variables). Values of
//! submodules (`Random.State`) are checked the same way, and values of module types
//! (`Map.S`, `Hashtbl.S`) through a functor parameter of our module type:
//! `module C (X : Stdlib.Map.S) : sig open X val add : ... end = X`.
//!
//! Prints the coverage per module, the values that fail and why, and the total; the test
//! requires at least 99.5% overall (the misses left are the object-typed values of Oo). Skipped (with a note) when OCaml's interfaces are not
//! installed.
//!
//! Run: `cargo test -p compiler --test api_coverage -- --nocapture`.

use compiler::parsing::parsetree::{ModuleTypeDesc, SignatureItemDesc};
use compiler::parsing::{parse_implementation, parse_interface};
use compiler::typing;

/// Modules checked (issue 6), by interface file stem.
const MODULES: &[&str] = &[
    "stdlib", "list", "array", "string", "bytes", "char", "int", "float", "bool", "unit", "option", "result", "either",
    "fun", "seq", "buffer", "hashtbl", "map", "set", "stack", "queue", "lazy", "printf", "format", "scanf", "printexc",
    "sys", "random", "int32", "int64", "nativeint", "uchar", "complex", "arg", "filename", "gc", "obj", "oo",
    "listLabels", "arrayLabels", "stringLabels", "bytesLabels", "moreLabels", "stdLabels",
];

const REQUIRED_PERCENT: f64 = 99.5;

fn module_path(stem: &str) -> String {
    if stem == "stdlib" {
        "Stdlib".to_string()
    } else {
        format!("Stdlib.{}{}", stem[..1].to_ascii_uppercase(), &stem[1..])
    }
}

/// One value to check: the OCaml text that must type-check, and a name to report.
struct Check {
    name: String,
    source: String,
}

fn value_name(name: &str) -> String {
    let c = name.chars().next().unwrap_or('_');
    let keyword_operator = matches!(name, "or" | "mod" | "land" | "lor" | "lxor" | "lsl" | "lsr" | "asr");
    if (c.is_alphabetic() || c == '_') && !keyword_operator {
        name.to_string()
    } else {
        format!("( {} )", name)
    }
}

/// Collects the checks for the values of `items`, found in module `path` (opened by `opens`)
/// or, when `param` is set, in module type `path` (checked through a functor parameter).
fn collect(src: &str, items: &[compiler::parsing::parsetree::SignatureItem], path: &str, opens: &[String], module_type: bool, out: &mut Vec<Check>) {
    let slice = |a: u32, b: u32| src.get(a as usize..b as usize).unwrap_or("").to_string();
    for item in items {
        match &item.desc {
            SignatureItemDesc::Value(vd) => {
                let ty = slice(vd.type_.loc.start.cnum, vd.type_.loc.end.cnum);
                let opens_text: String = opens.iter().map(|o| format!("open {} ", o)).collect();
                let val = format!("val {} : {}", value_name(&vd.name.txt), ty);
                let source = if module_type {
                    format!("module C (X : {path}) : sig {opens_text}open X {val} end = X")
                } else {
                    format!("module C : sig {opens_text}{val} end = {path}")
                };
                out.push(Check { name: format!("{}.{}", path, vd.name.txt), source });
            }
            SignatureItemDesc::Module(md) => {
                let (Some(name), ModuleTypeDesc::Signature(sub)) = (&md.name.txt, &md.type_.desc) else { continue };
                if module_type {
                    continue;
                }
                let sub_path = format!("{}.{}", path, name);
                let mut sub_opens = opens.to_vec();
                sub_opens.push(sub_path.clone());
                collect(src, sub, &sub_path, &sub_opens, false, out);
            }
            SignatureItemDesc::ModType(mtd) => {
                let Some(mt) = &mtd.type_ else { continue };
                let ModuleTypeDesc::Signature(sub) = &mt.desc else { continue };
                if module_type {
                    continue;
                }
                collect(src, sub, &format!("{}.{}", path, mtd.name.txt), opens, true, out);
            }
            _ => {}
        }
    }
}

/// Types one check; the first line of the error when it fails.
fn run(check: &Check) -> Result<(), String> {
    let parsed = parse_implementation(&check.source, "api_check.ml").map_err(|_| format!("syntax error in the generated check: {}", check.source))?;
    let env = typing::initial_env();
    match typing::type_implementation(&env, &parsed) {
        Ok(_) => Ok(()),
        Err((e, _)) => {
            let msg = typing::report_error(&e, None);
            let lines: Vec<&str> = msg.lines().filter(|l| !l.starts_with("File ")).map(|l| l.trim()).collect();
            // The end of the message says which value differs and how.
            let text = lines.join(" ");
            let chars: Vec<char> = text.chars().collect();
            Err(chars[chars.len().saturating_sub(300)..].iter().collect())
        }
    }
}

#[test]
fn stdlib_api_coverage() {
    let dir = std::path::Path::new("/usr/lib/ocaml");
    if !dir.join("list.mli").exists() {
        println!("api_coverage: OCaml's interfaces are not installed (/usr/lib/ocaml/*.mli): skipped");
        return;
    }
    // Typing our Stdlib's units recursively takes stack.
    let handle = std::thread::Builder::new().stack_size(256 << 20).spawn(coverage).expect("spawn the checking thread");
    let (ok, total) = handle.join().expect("the checking thread panicked");
    let percent = 100.0 * ok as f64 / total.max(1) as f64;
    println!("api_coverage: overall {}/{} values ({:.1}%)", ok, total, percent);
    assert!(percent >= REQUIRED_PERCENT, "Stdlib API coverage {:.1}% is below {}%", percent, REQUIRED_PERCENT);
}

fn coverage() -> (usize, usize) {
    let (mut ok, mut total) = (0, 0);
    for stem in MODULES {
        let file = format!("/usr/lib/ocaml/{}.mli", stem);
        let Ok(src) = std::fs::read_to_string(&file) else {
            println!("{:<14} (no {})", stem, file);
            continue;
        };
        let sig = match parse_interface(&src, &file) {
            Ok(s) => s,
            Err(_) => {
                println!("{:<14} cannot parse {}", stem, file);
                continue;
            }
        };
        let path = module_path(stem);
        let mut checks = Vec::new();
        collect(&src, &sig, &path, &[path.clone()], false, &mut checks);
        let mut failures = Vec::new();
        for c in &checks {
            if let Err(e) = run(c) {
                failures.push(format!("    {}: {}", c.name, e));
            }
        }
        let good = checks.len() - failures.len();
        println!("{:<14} {:>4}/{:<4} {:5.1}%", stem, good, checks.len(), 100.0 * good as f64 / checks.len().max(1) as f64);
        for f in &failures {
            println!("{}", f);
        }
        ok += good;
        total += checks.len();
    }
    (ok, total)
}
