mod parse_only;
mod typecheck_only;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(code) = parse_only::run(&args) {
        std::process::exit(code);
    }
    if let Some(code) = typecheck_only::run(&args) {
        std::process::exit(code);
    }
    eprintln!("ocaml-jit: not yet");
    std::process::exit(2);
}
