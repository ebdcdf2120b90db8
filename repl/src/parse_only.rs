//! `-stop-after parsing FILE` and `-dparsetree FILE`: run only the front end, as
//! `ocamlc -stop-after parsing` / `ocamlc -dparsetree` do.

use compiler::parsing::{self, printast};

/// Handles the parse-only flags. Returns the exit code if the command line asked for them,
/// `None` otherwise (the rest of the driver then handles the command line).
pub fn run(args: &[String]) -> Option<i32> {
    let mut stop_after_parsing = false;
    let mut dump = false;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-stop-after" if args.get(i + 1).map(String::as_str) == Some("parsing") => {
                stop_after_parsing = true;
                i += 1;
            }
            "-dparsetree" => dump = true,
            a if a.ends_with(".ml") || a.ends_with(".mli") => files.push(a.to_string()),
            _ => {}
        }
        i += 1;
    }
    if !(stop_after_parsing || dump) || files.is_empty() {
        return None;
    }
    for f in &files {
        let src = match std::fs::read(f) {
            Ok(s) => s,
            Err(_) => {
                eprintln!("File \"{}\", line 1:\nError: I/O error: {}: No such file or directory", f, f);
                return Some(2);
            }
        };
        // The dump is only built when asked for.
        let result = if f.ends_with(".mli") {
            parsing::parse_interface_bytes(&src, f).map(|(s, w)| (if dump { printast::interface(&s) } else { String::new() }, w))
        } else {
            parsing::parse_implementation_bytes(&src, f).map(|(s, w)| (if dump { printast::implementation(&s) } else { String::new() }, w))
        };
        match result {
            Ok((text, warnings)) => {
                for w in warnings.iter().filter(|w| parsing::warning_enabled_by_default(w)) {
                    eprint!("{}", parsing::report_warning(w, Some(&src)));
                }
                if dump {
                    eprint!("{}", text);
                }
            }
            Err(e) => {
                eprint!("{}", parsing::report_syntax_error(&e, Some(&src)));
                return Some(2);
            }
        }
    }
    Some(0)
}
