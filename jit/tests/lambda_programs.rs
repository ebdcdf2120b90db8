//! Hand-built Lambda programs through closure conversion, Cranelift and the runtime: the native
//! backend's conventions (tail calls, closures and currying, exceptions, GC roots) checked
//! without the front end.

use compiler::lambda::{Comparison, Constant, Fresh, Function, Lambda, Primitive as P, Var};
use compiler::middle::closure;
use jit::Jit;
use std::rc::Rc;
use std::sync::Mutex;

/// One heap and one JIT per process: tests take turns.
static TURN: Mutex<()> = Mutex::new(());

fn run(l: &Lambda) -> Result<i64, String> {
    let _t = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let mut fresh = Fresh::starting_at(10_000);
    let prog = closure::convert(l, "test", &mut fresh).map_err(|e| e.0)?;
    let mut jit = Jit::new().map_err(|e| format!("{:?}", e))?;
    match jit.run(&prog, &[]).map_err(|e| format!("{:?}", e))? {
        Ok(v) => Ok(v.int()),
        Err(exn) => Err(runtime::printexc::to_string(exn)),
    }
}

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

#[test]
fn recursive_fib() {
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
    let prog = Lambda::LetRec(vec![(fib.clone(), func("fib", vec![n], body))], Box::new(Lambda::apply(v(&fib), vec![int(25)])));
    assert_eq!(run(&prog), Ok(75025));
}

#[test]
fn tail_calls_run_in_constant_stack() {
    // let rec loop n acc = if n = 0 then acc else loop (n - 1) (acc + 1) in loop 50_000_000 0
    let lp = var("loop", 1);
    let n = var("n", 2);
    let acc = var("acc", 3);
    let body = Lambda::if_(
        cmp(Comparison::Eq, v(&n), int(0)),
        v(&acc),
        Lambda::apply(v(&lp), vec![p(P::SubInt, vec![v(&n), int(1)]), p(P::AddInt, vec![v(&acc), int(1)])]),
    );
    let prog = Lambda::LetRec(
        vec![(lp.clone(), func("loop", vec![n, acc], body))],
        Box::new(Lambda::apply(v(&lp), vec![int(50_000_000), int(0)])),
    );
    assert_eq!(run(&prog), Ok(50_000_000));
}

#[test]
fn partial_application_goes_through_curry_helpers() {
    // let add3 = fun a b c -> a*100 + b*10 + c in let f = add3 1 in let g = f 2 in g 3 + (opaque add3) 4 5 6
    let add3 = var("add3", 1);
    let (a, b, c) = (var("a", 2), var("b", 3), var("c", 4));
    let body = p(
        P::AddInt,
        vec![
            p(P::AddInt, vec![p(P::MulInt, vec![v(&a), int(100)]), p(P::MulInt, vec![v(&b), int(10)])]),
            v(&c),
        ],
    );
    let f = var("f", 5);
    let g = var("g", 6);
    let opaque = var("opaque", 7);
    let prog = Lambda::let_(
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
                        vec![
                            Lambda::apply(v(&g), vec![int(3)]),
                            Lambda::apply(v(&opaque), vec![int(4), int(5), int(6)]),
                        ],
                    ),
                ),
            ),
        ),
    );
    assert_eq!(run(&prog), Ok(123 + 456));
}

#[test]
fn exceptions_cross_frames_and_are_caught() {
    // let rec deep n = if n = 0 then raise Not_found else 1 + deep (n - 1) in
    // (try deep 10000 with e -> 42) + (try 7 with e -> 0)
    let deep = var("deep", 1);
    let n = var("n", 2);
    let body = Lambda::if_(
        cmp(Comparison::Eq, v(&n), int(0)),
        p(P::Raise(compiler::lambda::RaiseKind::Regular), vec![p(P::PredefExn("Not_found".into()), vec![])]),
        p(P::AddInt, vec![int(1), Lambda::apply(v(&deep), vec![p(P::SubInt, vec![v(&n), int(1)])])]),
    );
    let e = var("e", 3);
    let e2 = var("e", 4);
    let prog = Lambda::LetRec(
        vec![(deep.clone(), func("deep", vec![n], body))],
        Box::new(p(
            P::AddInt,
            vec![
                Lambda::TryWith(Box::new(Lambda::apply(v(&deep), vec![int(10000)])), e, Box::new(int(42))),
                Lambda::TryWith(Box::new(int(7)), e2, Box::new(int(0))),
            ],
        )),
    );
    assert_eq!(run(&prog), Ok(49));
}

#[test]
fn uncaught_exception_comes_back_to_rust() {
    let prog = p(P::Raise(compiler::lambda::RaiseKind::Regular), vec![p(P::PredefExn("Not_found".into()), vec![])]);
    assert_eq!(run(&prog), Err("Not_found".to_string()));
}

#[test]
fn division_by_zero_raises() {
    let x = var("x", 1);
    let prog = Lambda::let_(x.clone(), p(P::Identity, vec![int(0)]), p(P::DivInt, vec![int(10), v(&x)]));
    assert_eq!(run(&prog), Err("Division_by_zero".to_string()));
}

#[test]
fn lists_survive_many_minor_collections() {
    // let rec build n acc = if n = 0 then acc else build (n-1) (n :: acc) in
    // let rec sum l acc = match l with [] -> acc | x :: r -> sum r (acc + x) in
    // sum (build 1_000_000 []) 0 + sum (build 1_000 []) 0
    let build = var("build", 1);
    let (n, acc) = (var("n", 2), var("acc", 3));
    let build_body = Lambda::if_(
        cmp(Comparison::Eq, v(&n), int(0)),
        v(&acc),
        Lambda::apply(
            v(&build),
            vec![p(P::SubInt, vec![v(&n), int(1)]), p(P::MakeBlock(0, compiler::lambda::Mutability::Immutable), vec![v(&n), v(&acc)])],
        ),
    );
    let sum = var("sum", 4);
    let (l, acc2) = (var("l", 5), var("acc", 6));
    let sum_body = Lambda::if_(
        p(P::IsInt, vec![v(&l)]),
        v(&acc2),
        Lambda::apply(
            v(&sum),
            vec![p(P::Field(1), vec![v(&l)]), p(P::AddInt, vec![v(&acc2), p(P::Field(0), vec![v(&l)])])],
        ),
    );
    let nil = Lambda::Const(Constant::Int(0));
    let prog = Lambda::LetRec(
        vec![(build.clone(), func("build", vec![n, acc], build_body)), (sum.clone(), func("sum", vec![l, acc2], sum_body))],
        Box::new(p(
            P::AddInt,
            vec![
                Lambda::apply(v(&sum), vec![Lambda::apply(v(&build), vec![int(1_000_000), nil.clone()]), int(0)]),
                Lambda::apply(v(&sum), vec![Lambda::apply(v(&build), vec![int(1_000), nil]), int(0)]),
            ],
        )),
    );
    let expect = 1_000_000i64 * 1_000_001 / 2 + 1000 * 1001 / 2;
    assert_eq!(run(&prog), Ok(expect));
}
