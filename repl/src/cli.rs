//! The command line, OCaml style: single-dash long flags (`-noinit`, `-I dir`,
//! `-stop-after parsing`), the first non-flag argument is the script (or, with `-o`/`-c`, the
//! source files to compile), everything after a script belongs to the script.

use std::collections::BTreeSet;

#[derive(Default, Debug, Clone)]
pub struct Options {
    pub include_dirs: Vec<String>,
    pub init_file: Option<String>,
    pub noinit: bool,
    pub no_version: bool,
    pub noprompt: bool,
    pub nopromptcont: bool,
    pub warnings: Vec<String>,
    pub warn_error: Vec<String>,
    pub short_paths: bool,
    pub principal: bool,
    pub rectypes: bool,
    pub unsafe_: bool,
    pub color: Option<String>,
    pub eval: Vec<String>,
    pub expect: bool,
    pub stdin_script: bool,
    /// `-i`: print the inferred interface.
    pub print_interface: bool,
    pub stop_after: Option<String>,
    /// `-dparsetree`, `-dlambda`, ...: which intermediate forms to dump.
    pub dumps: BTreeSet<String>,
    pub output: Option<String>,
    pub compile_only: bool,
    pub shared: bool,
    pub debug: bool,
    /// The script (toplevel mode) or the files to compile (compiler modes).
    pub files: Vec<String>,
    /// Arguments after the script, for `Sys.argv`.
    pub script_args: Vec<String>,
    /// `-jupyter FILE`: run as a Jupyter kernel with this connection file.
    pub jupyter: Option<String>,
    /// `-jupyter-install [--user|--prefix DIR]`: the arguments after it.
    pub jupyter_install: Option<Vec<String>>,
}

pub enum Parsed {
    Run(Options),
    /// Print this text to stdout and exit 0 (`-version`, `-help`).
    Exit(String),
    /// A usage error: print to stderr, exit 2.
    Error(String),
}

enum Arity {
    Flag(fn(&mut Options)),
    Arg(fn(&mut Options, String)),
}

const VERSION: &str = "4.13.1";

fn table() -> Vec<(&'static str, Arity, &'static str)> {
    use Arity::*;
    vec![
        ("-I", Arg(|o, s| o.include_dirs.push(s)), "<dir>  Add <dir> to the list of include directories"),
        ("-init", Arg(|o, s| o.init_file = Some(s)), "<file>  Load <file> instead of default init file"),
        ("-noinit", Flag(|o| o.noinit = true), " Do not load any init file"),
        ("-no-version", Flag(|o| o.no_version = true), " Do not print version at startup"),
        ("-noprompt", Flag(|o| o.noprompt = true), " Suppress all prompts"),
        ("-nopromptcont", Flag(|o| o.nopromptcont = true), " Suppress prompts for continuation lines of multi-line inputs"),
        ("-w", Arg(|o, s| o.warnings.push(s)), "<list>  Enable or disable warnings according to <list>"),
        ("-warn-error", Arg(|o, s| o.warn_error.push(s)), "<list>  Enable or disable error status for warnings according to <list>"),
        ("-short-paths", Flag(|o| o.short_paths = true), " Shorten paths in types"),
        ("-principal", Flag(|o| o.principal = true), " Check principality of type inference"),
        ("-rectypes", Flag(|o| o.rectypes = true), " Allow arbitrary recursive types"),
        ("-unsafe", Flag(|o| o.unsafe_ = true), " Do not compile bounds checking on array and string access"),
        ("-color", Arg(|o, s| o.color = Some(s)), "{auto|always|never}  Enable or disable colors in compiler messages"),
        ("-e", Arg(|o, s| o.eval.push(s)), "<phrases>  Evaluate <phrases> and exit"),
        ("-eval", Arg(|o, s| o.eval.push(s)), "<phrases>  Evaluate <phrases> and exit"),
        ("-expect", Flag(|o| o.expect = true), " Run the file as an expect test, write FILE.corrected"),
        ("-stdin", Flag(|o| o.stdin_script = true), " Read script from standard input"),
        ("-i", Flag(|o| o.print_interface = true), " Print inferred interface"),
        ("-stop-after", Arg(|o, s| o.stop_after = Some(s)), "<pass>  Stop after the given compilation pass (parsing, typing)"),
        ("-dparsetree", Flag(|o| { o.dumps.insert("parsetree".into()); }), " (undocumented)"),
        ("-dtypedtree", Flag(|o| { o.dumps.insert("typedtree".into()); }), " (undocumented)"),
        ("-dlambda", Flag(|o| { o.dumps.insert("lambda".into()); }), " (undocumented)"),
        ("-dclambda", Flag(|o| { o.dumps.insert("clambda".into()); }), " (undocumented)"),
        ("-dclif", Flag(|o| { o.dumps.insert("clif".into()); }), " (undocumented)"),
        ("-o", Arg(|o, s| o.output = Some(s)), "<file>  Set output file name to <file>"),
        ("-c", Flag(|o| o.compile_only = true), " Compile only (do not link)"),
        ("-shared", Flag(|o| o.shared = true), " Produce a dynlinkable plugin"),
        ("-g", Flag(|o| o.debug = true), " Record debugging information"),
        ("-jupyter", Arg(|o, s| o.jupyter = Some(s)), "<connection-file>  Run as a Jupyter kernel"),
    ]
}

fn usage(prog: &str) -> String {
    let mut s = format!("Usage: {} <options> <files>\nOptions are:\n", prog);
    for (name, _, help) in table() {
        s.push_str(&format!("  {} {}\n", name, help));
    }
    s.push_str("  -jupyter-install [--user|--prefix <dir>]  Install the Jupyter kernelspec and exit\n");
    s.push_str("  -version  Print version and exit\n  -vnum  Print version number and exit\n  -help  Display this list of options\n");
    s
}

pub fn parse(args: &[String]) -> Parsed {
    let prog = args.first().cloned().unwrap_or_else(|| "ocaml-jit".into());
    let mut o = Options::default();
    let table = table();
    let mut i = 1;
    let compiler_mode = args.iter().any(|a| a == "-o" || a == "-c" || a == "-i" || a == "-stop-after" || a == "-shared");
    while i < args.len() {
        let a = &args[i];
        i += 1;
        match a.as_str() {
            "-version" | "--version" => return Parsed::Exit(format!("The OCaml toplevel, version {}\n", VERSION)),
            "-vnum" => return Parsed::Exit(format!("{}\n", VERSION)),
            "-help" | "--help" => return Parsed::Exit(usage(&prog)),
            _ => {}
        }
        if a == "-jupyter-install" {
            o.jupyter_install = Some(args[i..].to_vec());
            break;
        }
        if a == "-stdin" {
            // The script comes from standard input; the rest of the line is its arguments.
            o.stdin_script = true;
            o.script_args = args[i..].to_vec();
            break;
        }
        if a.starts_with('-') && a.len() > 1 {
            match table.iter().find(|(n, _, _)| n == a) {
                Some((_, Arity::Flag(f), _)) => f(&mut o),
                Some((_, Arity::Arg(f), _)) => {
                    let Some(v) = args.get(i) else {
                        return Parsed::Error(format!(
                            "{}: option '{}' needs an argument.\nUsage: {} <options> <files>\nTry '{} --help' for more information.\n",
                            prog, a, prog, prog
                        ));
                    };
                    i += 1;
                    f(&mut o, v.clone());
                }
                None => {
                    return Parsed::Error(format!(
                        "{}: unknown option '{}'.\nUsage: {} <options> <files>\nTry '{} --help' for more information.\n",
                        prog, a, prog, prog
                    ))
                }
            }
        } else if compiler_mode {
            o.files.push(a.clone());
        } else {
            // A script: the rest of the command line is its arguments.
            o.files.push(a.clone());
            o.script_args = args[i..].to_vec();
            break;
        }
    }
    Parsed::Run(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Options {
        let v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match parse(&v) {
            Parsed::Run(o) => o,
            _ => panic!("expected options"),
        }
    }

    #[test]
    fn single_dash_flags_and_script_arguments() {
        let o = run(&["ocaml-jit", "-noinit", "-I", "lib", "prog.ml", "-noinit", "x"]);
        assert!(o.noinit);
        assert_eq!(o.include_dirs, vec!["lib"]);
        assert_eq!(o.files, vec!["prog.ml"]);
        assert_eq!(o.script_args, vec!["-noinit", "x"]);
    }

    #[test]
    fn stdin_script_takes_the_rest_as_arguments() {
        let o = run(&["ocaml-jit", "-stdin", "a", "-b"]);
        assert!(o.stdin_script && o.files.is_empty());
        assert_eq!(o.script_args, vec!["a", "-b"]);
    }

    #[test]
    fn stop_after_takes_its_argument() {
        let o = run(&["ocaml-jit", "-stop-after", "parsing", "a.ml", "b.ml"]);
        assert_eq!(o.stop_after.as_deref(), Some("parsing"));
        assert_eq!(o.files, vec!["a.ml", "b.ml"]);
    }

    #[test]
    fn jupyter_modes() {
        assert_eq!(run(&["ocaml-jit", "-jupyter", "c.json"]).jupyter.as_deref(), Some("c.json"));
        let o = run(&["ocaml-jit", "-jupyter-install", "--prefix", "/p"]);
        assert_eq!(o.jupyter_install, Some(vec!["--prefix".to_string(), "/p".to_string()]));
    }

    #[test]
    fn unknown_option_is_a_usage_error() {
        let v: Vec<String> = ["ocaml-jit", "-foo"].iter().map(|s| s.to_string()).collect();
        match parse(&v) {
            Parsed::Error(msg) => assert!(msg.starts_with("ocaml-jit: unknown option '-foo'.\n")),
            _ => panic!("expected an error"),
        }
    }
}
