//! `ocaml-jit`: the toplevel (interactive or reading phrases from stdin), script mode, `-expect`
//! mode, the Jupyter kernel (`-jupyter`), and the compiler modes (`-i`, `-stop-after parsing`, `-dparsetree`).

mod aot;
mod cli;
mod directives;
mod expect;
mod init_file;
mod interactive;
mod jupyter;
mod outval;
mod parse_only;
mod phrase_result;
mod printers;
mod printval;
mod small_pages;
mod toplevel;
mod typecheck_only;
mod units;
mod warning_flags;

use phrase_result::Event;
use std::io::{BufRead, IsTerminal};
use toplevel::{print_flush, SourceKind, Toplevel};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if !units::precompiled_disabled() {
        compiler::typing::use_serialized_interfaces(stdlib_native::INTERFACES);
    }
    let args: Vec<String> = std::env::args().collect();
    let opts = match cli::parse(&args) {
        cli::Parsed::Run(o) => o,
        cli::Parsed::Exit(text) => {
            print!("{}", text);
            return;
        }
        cli::Parsed::Error(text) => {
            eprint!("{}", text);
            std::process::exit(2);
        }
    };
    if let Some(args) = &opts.jupyter_install {
        std::process::exit(jupyter::install(args));
    }
    compiler::parsing::set_unsafe_indexing(opts.unsafe_);
    compiler::typing::clflags::set(compiler::typing::clflags::TypingFlags {
        rectypes: opts.rectypes,
        short_paths: opts.short_paths,
        principal: opts.principal,
    });
    if opts.stop_after.as_deref() == Some("parsing") || opts.dumps.contains("parsetree") {
        if let Some(code) = parse_only::run(&args[1..]) {
            std::process::exit(code);
        }
    }
    if opts.print_interface {
        if let Some(code) = typecheck_only::run(&args[1..]) {
            std::process::exit(code);
        }
    }
    if opts.compile_only || opts.output.is_some() {
        let mut flags = warning_flags::WarningFlags::default();
        for spec in &opts.warnings {
            flags.set_warnings(spec);
        }
        for spec in &opts.warn_error {
            flags.set_warn_error(spec);
        }
        let aot_opts = aot::AotOptions {
            files: &opts.files,
            output: opts.output.as_deref(),
            include_dirs: &opts.include_dirs,
            shared: opts.shared,
            debug: opts.debug,
            warnings: &flags,
        };
        std::process::exit(aot::run(opts.compile_only, &aot_opts));
    }
    std::process::exit(run_toplevel(&opts));
}

/// Prints what the toplevel shows on a terminal or a pipe: a prompt before each phrase (with
/// OCaml's continuation marks), warnings before the phrase's own output, then its result.
pub struct StreamPrinter<'a> {
    pub src: &'a str,
    pub prompt: bool,
    pub prompt_cont: bool,
    /// This text is the rest of the input: print the prompt of the phrase that never comes.
    pub at_end: bool,
}

impl StreamPrinter<'_> {
    pub fn event(&self, ev: Event) {
        match ev {
            Event::Read { range, end } => {
                if end && !self.at_end {
                    return;
                }
                if !self.prompt {
                    // OCaml ends the session's output with a newline even without prompts.
                    if end {
                        print_flush("\n");
                    }
                    return;
                }
                let mut p = String::from("# ");
                if self.prompt_cont {
                    let n = continuation_lines(self.src, &range, end);
                    let text = self.src.as_bytes().get(range.clone()).unwrap_or_default();
                    for prompt in continuation_prompts(text).into_iter().take(n) {
                        p.push_str(prompt);
                    }
                }
                if end {
                    p.push('\n');
                }
                print_flush(&p);
            }
            Event::Warnings(ws) => print_flush(&phrase_result::texts(ws)),
            Event::Done(r) => print_flush(&r.body_text()),
        }
    }
}

/// How many continuation prompts OCaml printed while reading the phrase in `range` (at the
/// `end`, the rest of the input, read to its end).
fn continuation_lines(src: &str, range: &std::ops::Range<usize>, end: bool) -> usize {
    let Some(text) = src.as_bytes().get(range.clone()) else { return 0 };
    let lines = text.iter().filter(|&&c| c == b'\n').count();
    if end {
        return lines;
    }
    // The newline that ends the phrase's own last line is not read yet.
    let trailing = text.iter().rev().take_while(|c| c.is_ascii_whitespace()).filter(|&&c| c == b'\n').count();
    lines.saturating_sub(trailing)
}

/// OCaml's continuation prompt for each newline of `text`: `* ` when the next line starts
/// inside a comment, else two spaces.
fn continuation_prompts(text: &[u8]) -> Vec<&'static str> {
    let comments = compiler::parsing::comment_spans(text);
    text.iter()
        .enumerate()
        .filter(|(_, &c)| c == b'\n')
        .map(|(i, _)| if comments.iter().any(|r| r.start < i && i < r.end) { "* " } else { "  " })
        .collect()
}

/// Runs `src` as typed at the toplevel, printing as it goes.
fn run_streamed(top: &mut Toplevel, src: &str, prompt: bool, prompt_cont: bool, at_end: bool) {
    let printer = StreamPrinter { src, prompt, prompt_cont, at_end };
    top.run_source(src, "//toplevel//", SourceKind::Toplevel, &mut |ev| printer.event(ev));
}

/// The end of a session or script (end of input, `#quit`, an error) runs the `at_exit`
/// functions, as OCaml's does.
struct AtExit;

impl Drop for AtExit {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            toplevel::run_at_exit();
        }
    }
}

fn run_toplevel(opts: &cli::Options) -> i32 {
    let small_pages = small_pages::SmallPages::new();
    let top = Toplevel::new();
    drop(small_pages);
    let mut top = match top {
        Ok(t) => t,
        Err(e) => {
            eprintln!("ocaml-jit: cannot start: {}", e);
            return 2;
        }
    };
    // Declared after `top`, so dropped first, while the session's code still exists.
    let _at_exit = AtExit;
    top.include_dirs = opts.include_dirs.iter().rev().cloned().collect();
    top.dump_lambda = opts.dumps.contains("lambda");
    for spec in &opts.warnings {
        top.warnings.set_warnings(spec);
    }
    for spec in &opts.warn_error {
        top.warnings.set_warn_error(spec);
    }
    if opts.expect {
        let Some(file) = opts.files.first() else {
            eprintln!("ocaml-jit: -expect needs a file");
            return 2;
        };
        return expect::run(&mut top, file);
    }
    if opts.stdin_script {
        // `Sys.argv` is `-stdin` and the arguments after it, as in OCaml.
        runtime::prims::sys::set_argv(std::iter::once("-stdin".to_string()).chain(opts.script_args.iter().cloned()).collect());
        let mut text = String::new();
        if std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).is_err() {
            eprintln!("ocaml-jit: cannot read standard input");
            return 2;
        }
        return top.run_script(&text, "(stdin)");
    }
    if let Some(script) = opts.files.first() {
        runtime::prims::sys::set_argv(std::iter::once(script.clone()).chain(opts.script_args.iter().cloned()).collect());
        let text = match std::fs::read_to_string(script) {
            Ok(t) => t,
            Err(_) => {
                eprintln!("Cannot find file {}.", script);
                return 2;
            }
        };
        let shown = if script.contains('/') { script.clone() } else { format!("./{}", script) };
        if let Some(code) = init_file::load(&mut top, opts) {
            return code;
        }
        return top.run_script(&text, &shown);
    }
    runtime::prims::sys::set_argv(std::env::args().collect());
    if let Some(code) = init_file::load(&mut top, opts) {
        return code;
    }
    if let Some(connection_file) = &opts.jupyter {
        return jupyter::run(&mut top, connection_file);
    }
    if !opts.eval.is_empty() {
        for e in &opts.eval {
            run_streamed(&mut top, e, false, false, false);
        }
        return 0;
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        if !opts.no_version {
            println!("        OCaml version 4.13.1 (ocaml-jit)\n");
        }
        runtime::signals::install_sigint();
        interactive::run(&mut top);
        return 0;
    }
    if !opts.no_version {
        println!("        OCaml version 4.13.1\n");
    }
    runtime::signals::install_sigint();
    let (prompt, prompt_cont) = (!opts.noprompt, !opts.nopromptcont);
    // Phrases run as soon as their line arrives, so a program driving the toplevel through a
    // pipe sees each answer before it sends the next phrase.
    let mut input = stdin.lock();
    let mut buf = String::new();
    loop {
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => buf.push_str(&line),
        }
        if interactive::input_complete(&buf) && !buf.trim().is_empty() {
            run_streamed(&mut top, &buf, prompt, prompt_cont, false);
            buf.clear();
            if top.quit {
                return 0;
            }
        }
    }
    run_streamed(&mut top, &buf, prompt, prompt_cont, true);
    0
}

impl interactive::Engine for Toplevel {
    fn eval(&mut self, src: &str) -> bool {
        run_streamed(self, src, false, false, false);
        !self.quit
    }

    fn completer(&self) -> interactive::Completions {
        self.completer()
    }
}
