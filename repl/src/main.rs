mod typecheck_only;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 3 && args[1] == "-i" {
        std::process::exit(typecheck_only::run(&args[2]));
    }
    eprintln!("ocaml-jit: not yet");
    std::process::exit(2);
}
