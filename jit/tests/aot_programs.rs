//! Ahead-of-time compilation end to end: hand-built Lambda programs (the equivalents of the
//! `.ml` files in `aot_cases/`) compiled to objects, linked with the runtime library by `cc`,
//! run as processes. Their stdout, stderr and exit code must be what real OCaml gives for the
//! `.ml` files (`aot_cases/regen.sh` records those), and the JIT must compute the same results.

use compiler::aot::{build_executable, LinkOptions, UnitSource};
use compiler::lambda::{Comparison, Constant, Fresh, Function, Lambda, Mutability, Primitive as P, RaiseKind, Var};
use compiler::middle::closure;
use jit::Jit;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;
use std::sync::Mutex;

/// One heap per process: in-process JIT runs take turns.
static TURN: Mutex<()> = Mutex::new(());

// ---- Lambda builders ------------------------------------------------------------------------

fn var(n: &str, s: u32) -> Var {
    Var { name: n.into(), stamp: s }
}
fn v(x: &Var) -> Lambda {
    Lambda::Var(x.clone())
}
fn int(n: i64) -> Lambda {
    Lambda::int(n)
}
fn p(prim: P, args: Vec<Lambda>) -> Lambda {
    Lambda::Prim(prim, args)
}
fn func(name: &str, params: Vec<Var>, body: Lambda) -> Lambda {
    Lambda::Function(Rc::new(Function { params, body, name: name.into() }))
}
fn cmp(c: Comparison, a: Lambda, b: Lambda) -> Lambda {
    p(P::IntComp(c), vec![a, b])
}
fn ccall(name: &str, args: Vec<Lambda>) -> Lambda {
    p(P::CCall { name: name.into(), arity: args.len(), alloc: true }, args)
}
fn string(s: &str) -> Lambda {
    Lambda::Const(Constant::String(s.as_bytes().into()))
}
fn raise(exn: Lambda) -> Lambda {
    p(P::Raise(RaiseKind::Regular), vec![exn])
}
fn predef(name: &str) -> Lambda {
    p(P::PredefExn(name.into()), vec![])
}
fn nil() -> Lambda {
    Lambda::Const(Constant::Int(0))
}

/// `print_int e` on a fresh buffered channel on fd 1 (flushed when the program exits).
fn print_int(e: Lambda) -> Lambda {
    let (ch, s) = (var("ch", 900), var("s", 901));
    Lambda::let_(
        ch.clone(),
        ccall("caml_ml_open_descriptor_out", vec![int(1)]),
        Lambda::let_(
            s.clone(),
            ccall("caml_format_int", vec![string("%d"), e]),
            ccall("caml_ml_output", vec![v(&ch), v(&s), int(0), p(P::StringLength, vec![v(&s)])]),
        ),
    )
}

/// `let rec build n acc = if n = 0 then acc else build (n - 1) (n :: acc)`, bound to `build`.
fn build_def(build: &Var, base: u32) -> (Var, Lambda) {
    let (n, acc) = (var("n", base), var("acc", base + 1));
    let body = Lambda::if_(
        cmp(Comparison::Eq, v(&n), int(0)),
        v(&acc),
        Lambda::apply(
            v(build),
            vec![p(P::SubInt, vec![v(&n), int(1)]), p(P::MakeBlock(0, Mutability::Immutable), vec![v(&n), v(&acc)])],
        ),
    );
    (build.clone(), func("build", vec![n, acc], body))
}

/// `let rec sum l acc = match l with [] -> acc | x :: r -> sum r (acc + x)`, bound to `sum`.
fn sum_def(sum: &Var, base: u32) -> (Var, Lambda) {
    let (l, acc) = (var("l", base), var("acc", base + 1));
    let body = Lambda::if_(
        p(P::IsInt, vec![v(&l)]),
        v(&acc),
        Lambda::apply(v(sum), vec![p(P::Field(1), vec![v(&l)]), p(P::AddInt, vec![v(&acc), p(P::Field(0), vec![v(&l)])])]),
    );
    (sum.clone(), func("sum", vec![l, acc], body))
}

// ---- The programs -----------------------------------------------------------------------------

fn fib() -> Lambda {
    let fib = var("fib", 1);
    let n = var("n", 2);
    let body = Lambda::if_(
        cmp(Comparison::Lt, v(&n), int(2)),
        v(&n),
        p(
            P::AddInt,
            vec![
                Lambda::apply(v(&fib), vec![p(P::SubInt, vec![v(&n), int(1)])]),
                Lambda::apply(v(&fib), vec![p(P::SubInt, vec![v(&n), int(2)])]),
            ],
        ),
    );
    Lambda::LetRec(vec![(fib.clone(), func("fib", vec![n], body))], Box::new(Lambda::apply(v(&fib), vec![int(25)])))
}

fn tail_calls() -> Lambda {
    let lp = var("loop", 1);
    let (n, acc) = (var("n", 2), var("acc", 3));
    let body = Lambda::if_(
        cmp(Comparison::Eq, v(&n), int(0)),
        v(&acc),
        Lambda::apply(v(&lp), vec![p(P::SubInt, vec![v(&n), int(1)]), p(P::AddInt, vec![v(&acc), int(1)])]),
    );
    Lambda::LetRec(
        vec![(lp.clone(), func("loop", vec![n, acc], body))],
        Box::new(Lambda::apply(v(&lp), vec![int(50_000_000), int(0)])),
    )
}

fn currying() -> Lambda {
    let add3 = var("add3", 1);
    let (a, b, c) = (var("a", 2), var("b", 3), var("c", 4));
    let body = p(
        P::AddInt,
        vec![p(P::AddInt, vec![p(P::MulInt, vec![v(&a), int(100)]), p(P::MulInt, vec![v(&b), int(10)])]), v(&c)],
    );
    let (f, g, opaque) = (var("f", 5), var("g", 6), var("opaque", 7));
    Lambda::let_(
        add3.clone(),
        func("add3", vec![a, b, c], body),
        Lambda::let_(
            f.clone(),
            Lambda::apply(v(&add3), vec![int(1)]),
            Lambda::let_(
                g.clone(),
                Lambda::apply(v(&f), vec![int(2)]),
                Lambda::let_(
                    opaque.clone(),
                    p(P::Identity, vec![v(&add3)]),
                    p(
                        P::AddInt,
                        vec![Lambda::apply(v(&g), vec![int(3)]), Lambda::apply(v(&opaque), vec![int(4), int(5), int(6)])],
                    ),
                ),
            ),
        ),
    )
}

fn exceptions() -> Lambda {
    let deep = var("deep", 1);
    let n = var("n", 2);
    let body = Lambda::if_(
        cmp(Comparison::Eq, v(&n), int(0)),
        raise(predef("Not_found")),
        p(P::AddInt, vec![int(1), Lambda::apply(v(&deep), vec![p(P::SubInt, vec![v(&n), int(1)])])]),
    );
    Lambda::LetRec(
        vec![(deep.clone(), func("deep", vec![n], body))],
        Box::new(p(
            P::AddInt,
            vec![
                Lambda::TryWith(Box::new(Lambda::apply(v(&deep), vec![int(10000)])), var("e", 3), Box::new(int(42))),
                Lambda::TryWith(Box::new(int(7)), var("e", 4), Box::new(int(0))),
            ],
        )),
    )
}

fn lists() -> Lambda {
    let (build, sum) = (var("build", 1), var("sum", 4));
    Lambda::LetRec(
        vec![build_def(&build, 2), sum_def(&sum, 5)],
        Box::new(p(
            P::AddInt,
            vec![
                Lambda::apply(v(&sum), vec![Lambda::apply(v(&build), vec![int(1_000_000), nil()]), int(0)]),
                Lambda::apply(v(&sum), vec![Lambda::apply(v(&build), vec![int(1_000), nil()]), int(0)]),
            ],
        )),
    )
}

/// Lists, a non-tail recursive map and a partial application: many live values across calls.
fn gc_stress() -> Lambda {
    let (build, sum, map) = (var("build", 1), var("sum", 4), var("map", 7));
    let (f, l, y) = (var("f", 8), var("l", 9), var("y", 10));
    let map_body = Lambda::if_(
        p(P::IsInt, vec![v(&l)]),
        nil(),
        Lambda::let_(
            y.clone(),
            Lambda::apply(v(&f), vec![p(P::Field(0), vec![v(&l)])]),
            p(
                P::MakeBlock(0, Mutability::Immutable),
                vec![v(&y), Lambda::apply(v(&map), vec![v(&f), p(P::Field(1), vec![v(&l)])])],
            ),
        ),
    );
    let add = var("add", 11);
    let (a, b) = (var("a", 12), var("b", 13));
    Lambda::LetRec(
        vec![build_def(&build, 2), sum_def(&sum, 5), (map.clone(), func("map", vec![f, l], map_body))],
        Box::new(Lambda::let_(
            add.clone(),
            func("add", vec![a.clone(), b.clone()], p(P::AddInt, vec![v(&a), v(&b)])),
            Lambda::apply(
                v(&sum),
                vec![
                    Lambda::apply(
                        v(&map),
                        vec![Lambda::apply(v(&add), vec![int(3)]), Lambda::apply(v(&build), vec![int(2_000), nil()])],
                    ),
                    int(0),
                ],
            ),
        )),
    )
}

/// `try deep 100_000_000 with Stack_overflow -> -1` (other exceptions re-raised), twice: the
/// guard region must still work after the first overflow.
fn stack_overflow() -> Lambda {
    let deep = var("deep", 1);
    let n = var("n", 2);
    let body = Lambda::if_(
        cmp(Comparison::Eq, v(&n), int(0)),
        int(0),
        p(P::AddInt, vec![int(1), Lambda::apply(v(&deep), vec![p(P::SubInt, vec![v(&n), int(1)])])]),
    );
    let attempt = |e: Var| {
        Lambda::TryWith(
            Box::new(Lambda::apply(v(&deep), vec![int(100_000_000)])),
            e.clone(),
            Box::new(Lambda::if_(p(P::PhysEq, vec![v(&e), predef("Stack_overflow")]), int(-1), raise(v(&e)))),
        )
    };
    Lambda::LetRec(
        vec![(deep.clone(), func("deep", vec![n], body))],
        Box::new(p(P::AddInt, vec![attempt(var("e", 3)), attempt(var("e", 4))])),
    )
}

fn uncaught_not_found() -> Lambda {
    raise(predef("Not_found"))
}

fn uncaught_failure() -> Lambda {
    raise(p(P::MakeBlock(0, Mutability::Immutable), vec![predef("Failure"), string("boom")]))
}

fn division_by_zero() -> Lambda {
    let x = var("x", 1);
    Lambda::let_(x.clone(), p(P::Identity, vec![int(0)]), p(P::DivInt, vec![int(10), v(&x)]))
}

fn argv() -> Lambda {
    p(P::ArrayLength(compiler::lambda::ArrayKind::Addr), vec![ccall("caml_sys_argv", vec![int(0)])])
}

/// Unit `A` of `two_units`: `let data = build 1_000 []`, in its global block `camlA`.
fn unit_a() -> Lambda {
    let build = var("build", 1);
    Lambda::LetRec(
        vec![build_def(&build, 2)],
        Box::new(p(
            P::SetField(0, true),
            vec![p(P::Global("camlA".into()), vec![]), Lambda::apply(v(&build), vec![int(1_000), nil()])],
        )),
    )
}

/// Unit `Main` of `two_units`: `let fresh = sum (build 1_000 []) 0 in fresh + sum A.data 0`
/// (allocating before reading `A.data`, so a lost global root shows).
fn unit_main() -> Lambda {
    let (build, sum, fresh) = (var("build", 1), var("sum", 4), var("fresh", 7));
    Lambda::LetRec(
        vec![build_def(&build, 2), sum_def(&sum, 5)],
        Box::new(Lambda::let_(
            fresh.clone(),
            Lambda::apply(v(&sum), vec![Lambda::apply(v(&build), vec![int(1_000), nil()]), int(0)]),
            p(
                P::AddInt,
                vec![
                    v(&fresh),
                    Lambda::apply(v(&sum), vec![p(P::Field(0), vec![p(P::Global("camlA".into()), vec![])]), int(0)]),
                ],
            ),
        )),
    )
}

// ---- Running ----------------------------------------------------------------------------------

/// A unit of a test program: module name, its code (whose value is the program's result when it
/// is the last unit), and the global blocks it defines.
struct TestUnit {
    name: &'static str,
    body: Lambda,
    globals: Vec<(String, usize)>,
}

fn single(body: Lambda) -> Vec<TestUnit> {
    vec![TestUnit { name: "Main", body, globals: Vec::new() }]
}

fn two_units() -> Vec<TestUnit> {
    vec![
        TestUnit { name: "A", body: unit_a(), globals: vec![("camlA".to_string(), 1)] },
        TestUnit { name: "Main", body: unit_main(), globals: Vec::new() },
    ]
}

fn convert(body: &Lambda, name: &str) -> compiler::middle::clambda::Program {
    let mut fresh = Fresh::starting_at(10_000);
    closure::convert(body, name, &mut fresh).unwrap_or_else(|e| panic!("closure conversion: {}", e.0))
}

/// Compile and link the units into an executable in a fresh directory; the last unit's value
/// is printed with `print_int`.
fn build(units: &[TestUnit], dir: &Path) -> PathBuf {
    let last = units.len() - 1;
    let programs: Vec<_> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let body = if i == last { print_int(u.body.clone()) } else { u.body.clone() };
            convert(&body, u.name)
        })
        .collect();
    let sources: Vec<UnitSource> = units
        .iter()
        .zip(&programs)
        .map(|(u, prog)| UnitSource { name: u.name, program: prog, globals: &u.globals })
        .collect();
    let exe = dir.join("prog");
    build_executable(&sources, &exe, &LinkOptions::default()).unwrap_or_else(|e| panic!("AOT build failed: {}", e));
    exe
}

struct Output {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run_exe(exe: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(exe);
    cmd.args(args);
    for (k, val) in env {
        cmd.env(k, val);
    }
    // The same 8 MiB stack as `regen.sh` gives the OCaml programs.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit { rlim_cur: 8 << 20, rlim_max: libc::RLIM_INFINITY };
            libc::setrlimit(libc::RLIMIT_STACK, &lim);
            Ok(())
        });
    }
    let out = cmd.output().expect("run the compiled program");
    Output {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

fn expected(case: &str) -> Output {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("aot_cases");
    let read = |ext: &str| {
        std::fs::read_to_string(dir.join(format!("{}.{}", case, ext))).unwrap_or_else(|e| panic!("{}.{}: {}", case, ext, e))
    };
    Output { stdout: read("stdout"), stderr: read("stderr"), code: read("exit").trim().parse().expect("exit code") }
}

fn args_of(case: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("aot_cases").join(format!("{}.args", case));
    std::fs::read_to_string(path).map(|s| s.split_whitespace().map(String::from).collect()).unwrap_or_default()
}

/// Run the units in the JIT: the last unit's value, or the exception rendered as the fatal
/// error message OCaml prints.
fn run_jit(units: &[TestUnit]) -> Result<String, String> {
    let _t = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let mut jit = Jit::new().map_err(|e| format!("{:?}", e))?;
    let mut last = Ok(String::new());
    for u in units {
        let mut blocks = Vec::new();
        for (sym, n) in &u.globals {
            blocks.push((jit.define_global_block(sym, *n).map_err(|e| format!("{:?}", e))?, *n));
        }
        let prog = convert(&u.body, u.name);
        last = match jit.run(&prog, &blocks).map_err(|e| format!("{:?}", e))? {
            Ok(v) => Ok(v.int().to_string()),
            Err(exn) => return Err(format!("Fatal error: exception {}\n", runtime::printexc::to_string(exn))),
        };
    }
    last
}

/// Build `units` AOT, run them as `case` with `env`, compare with OCaml's recorded output and,
/// when `with_jit`, with the JIT's result.
fn check(case: &str, units: Vec<TestUnit>, env: &[(&str, &str)], with_jit: bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let exe = build(&units, dir.path());
    let args = args_of(case);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let got = run_exe(&exe, &args, env);
    let want = expected(case);
    assert_eq!(
        (got.stdout.as_str(), got.stderr.as_str(), got.code),
        (want.stdout.as_str(), want.stderr.as_str(), want.code),
        "case {}: (stdout, stderr, exit code) differ from OCaml's",
        case
    );
    if with_jit {
        match run_jit(&units) {
            Ok(v) => assert_eq!(v, got.stdout, "case {}: the JIT computed another value", case),
            Err(msg) => assert_eq!(msg, got.stderr, "case {}: the JIT raised another exception", case),
        }
    }
}

#[test]
fn fib_aot() {
    check("fib", single(fib()), &[], true);
}

#[test]
fn tail_calls_aot() {
    check("tail_calls", single(tail_calls()), &[], true);
}

#[test]
fn currying_aot() {
    check("currying", single(currying()), &[], true);
}

#[test]
fn exceptions_aot() {
    check("exceptions", single(exceptions()), &[], true);
}

#[test]
fn lists_aot() {
    check("lists", single(lists()), &[], true);
}

#[test]
fn two_units_share_globals() {
    check("two_units", two_units(), &[], true);
}

#[test]
fn gc_stress_every_allocation() {
    let env = [("OCAMLJIT_GC_STRESS", "1"), ("OCAMLJIT_MINOR_WORDS", "1024")];
    check("gc_stress", single(gc_stress()), &env, true);
    check("two_units", two_units(), &env, false);
}

#[test]
fn gc_stress_every_third_allocation() {
    check("gc_stress", single(gc_stress()), &[("OCAMLJIT_GC_STRESS", "3")], false);
}

#[test]
fn uncaught_exceptions_exit_with_code_2() {
    check("uncaught_not_found", single(uncaught_not_found()), &[], true);
    check("uncaught_failure", single(uncaught_failure()), &[], true);
    check("division_by_zero", single(division_by_zero()), &[], true);
}

#[test]
fn output_is_flushed_before_the_fatal_error() {
    let body = Lambda::seq(print_int(int(42)), uncaught_not_found());
    let units = vec![TestUnit { name: "Main", body: Lambda::seq(body, int(0)), globals: Vec::new() }];
    // `build` prints the last unit's value: wrap so that nothing else is printed.
    let dir = tempfile::tempdir().expect("temp dir");
    let prog = convert(&units[0].body, "Main");
    let exe = dir.path().join("prog");
    build_executable(&[UnitSource { name: "Main", program: &prog, globals: &[] }], &exe, &LinkOptions::default())
        .unwrap_or_else(|e| panic!("AOT build failed: {}", e));
    let got = run_exe(&exe, &[], &[]);
    let want = expected("output_before_exception");
    assert_eq!((got.stdout, got.stderr, got.code), (want.stdout, want.stderr, want.code));
}

#[test]
fn sys_argv_holds_the_program_arguments() {
    check("argv", single(argv()), &[], false);
}

#[test]
fn stack_overflow_is_caught_aot() {
    check("stack_overflow", single(stack_overflow()), &[], false);
}

#[test]
fn stack_overflow_is_caught_in_the_jit() {
    // A thread with a small fixed stack, so the overflow comes quickly whatever the rlimit.
    let t = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            runtime::stack_overflow::install_stack_overflow_handler();
            run_jit(&single(stack_overflow()))
        })
        .expect("spawn");
    assert_eq!(t.join().expect("thread"), Ok("-2".to_string()));
}

#[test]
fn bad_unit_names_are_errors() {
    let prog = convert(&int(0), "x");
    let err = compiler::aot::compile_unit(&UnitSource { name: "not a name", program: &prog, globals: &[] });
    assert!(err.is_err());
}

#[test]
fn plugins_export_their_startup_table_and_leave_runtime_symbols_to_the_host() {
    let dir = tempfile::tempdir().expect("temp dir");
    let prog = convert(&print_int(fib()), "Plugin");
    let out = dir.path().join("plugin.cmxs");
    compiler::aot::build_shared(&[UnitSource { name: "Plugin", program: &prog, globals: &[] }], &out, &LinkOptions::default())
        .unwrap_or_else(|e| panic!("plugin build failed: {}", e));
    let nm = Command::new("nm").arg("-D").arg(&out).output().expect("run nm");
    let syms = String::from_utf8_lossy(&nm.stdout);
    let kind_of = |name: &str| {
        syms.lines().find_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.last() == Some(&name)).then(|| f[f.len() - 2].to_string())
        })
    };
    assert!(matches!(kind_of("caml_plugin_info").as_deref(), Some("D" | "d")), "{}", syms);
    assert_eq!(kind_of("caml_state").as_deref(), Some("U"), "{}", syms);
    assert_eq!(kind_of("caml_ml_output").as_deref(), Some("U"), "{}", syms);
    assert_eq!(kind_of("main"), None, "{}", syms);
}
