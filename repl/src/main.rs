//! `ocaml-jit`: the toplevel (interactive or reading phrases from stdin), script mode, and the
//! compiler modes (`-i`, `-stop-after parsing`, `-dparsetree`).

mod aot_driver;
mod cli;
mod interactive;
mod outval;
mod parse_only;
mod printval;
mod toplevel;
mod typecheck_only;

use std::io::{BufRead, IsTerminal};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
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
    if let Some(out) = &opts.output {
        std::process::exit(aot_driver::run(&opts.files, out, opts.shared));
    }
    std::process::exit(run_toplevel(&opts));
}

fn run_toplevel(opts: &cli::Options) -> i32 {
    let mut top = match toplevel::Toplevel::new() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("ocaml-jit: cannot start: {}", e);
            return 2;
        }
    };
    if let Some(script) = opts.files.first() {
        let text = match std::fs::read_to_string(script) {
            Ok(t) => t,
            Err(_) => {
                eprintln!("Cannot find file {}.", script);
                return 2;
            }
        };
        let shown = if script.contains('/') { script.clone() } else { format!("./{}", script) };
        return top.run_script(&text, &shown);
    }
    if !opts.eval.is_empty() {
        top.prompt = false;
        for e in &opts.eval {
            top.run_text(e, "//toplevel//");
        }
        return 0;
    }
    top.prompt = !opts.noprompt;
    top.prompt_cont = !opts.nopromptcont;
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
            top.run_chunk(&buf, "//toplevel//", false);
            buf.clear();
            if top.quit {
                return 0;
            }
        }
    }
    top.run_chunk(&buf, "//toplevel//", true);
    0
}

impl interactive::Engine for toplevel::Toplevel {
    fn eval(&mut self, src: &str) -> bool {
        let saved = self.prompt;
        self.prompt = false;
        self.run_text(src, "//toplevel//");
        self.prompt = saved;
        !self.quit
    }

    fn completions(&self, _prefix: &str) -> Vec<String> {
        self.completion_names()
    }
}
