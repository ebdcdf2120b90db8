//! Shared helper functions, generated on demand once per module:
//! - `caml_applyN(a1..aN, f)`: apply an unknown closure to N arguments (exact arity: one direct
//!   call of its full-application code; otherwise one argument at a time).
//! - `caml_curryN_K`: the code of the partial applications of an arity-N function; K = 0 is the
//!   closure's one-argument entry.
//! - `caml_start_program(code, arg, env, exn_out)`: the SystemV trampoline through which Rust
//!   enters OCaml code under a handler record.

use super::emit::{closinfo, flags, runtime_layout::*, Callee, Emitter};
use super::{Backend, CodegenError, SafePoint};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::I64;
use cranelift_codegen::ir::{self, InstBuilder, Signature, UserFuncName, Value};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{FuncId, Module};

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Helper {
    Apply(usize),
    Curry(usize, usize),
    StartProgram,
}

impl Helper {
    pub fn symbol(&self) -> String {
        match self {
            Helper::Apply(n) => format!("caml_apply{}", n),
            Helper::Curry(n, 0) => format!("caml_curry{}", n),
            Helper::Curry(n, k) => format!("caml_curry{}_{}", n, k),
            Helper::StartProgram => "caml_start_program".to_string(),
        }
    }

    pub fn signature<M: Module>(&self, be: &Backend<M>) -> Signature {
        match self {
            Helper::Apply(n) => be.ocaml_sig(n + 1),
            Helper::Curry(..) => be.ocaml_sig(2),
            Helper::StartProgram => be.c_sig(4, true),
        }
    }
}

pub(super) fn define<M: Module>(be: &mut Backend<M>, h: Helper, id: FuncId) -> Result<(Vec<SafePoint>, u32), CodegenError> {
    let sig = h.signature(be);
    let mut func = ir::Function::with_name_signature(UserFuncName::default(), sig);
    let mut fctx = std::mem::replace(&mut be.fctx, FunctionBuilderContext::new());
    let result = {
        let b = FunctionBuilder::new(&mut func, &mut fctx);
        let mut e = Emitter::new(be, b, None, &[]);
        let entry = e.b.create_block();
        e.b.append_block_params_for_function_params(entry);
        e.b.switch_to_block(entry);
        let params: Vec<Value> = e.b.block_params(entry).to_vec();
        let r = match h {
            Helper::Apply(n) => apply(&mut e, n, &params),
            Helper::Curry(n, k) => curry(&mut e, n, k, &params),
            Helper::StartProgram => start_program(&mut e, &params),
        };
        if r.is_ok() {
            e.b.seal_all_blocks();
            let cfg = e.be.module.isa().frontend_config();
            e.b.finalize(cfg);
        }
        r
    };
    be.fctx = fctx;
    result?;
    be.ctx.func = func;
    be.finish_function(id, false)
}

fn call_indirect_ocaml<M: Module>(e: &mut Emitter<M>, code: Value, args: &[Value], tail: bool) -> Option<Value> {
    let sig = e.be.ocaml_sig(args.len());
    let sigref = e.b.import_signature(sig);
    if tail {
        e.b.ins().return_call_indirect(sigref, code, args);
        None
    } else {
        let inst = e.b.ins().call_indirect(sigref, code, args);
        let v = e.b.inst_results(inst)[0];
        Some(e.val(v))
    }
}

/// caml_applyN(a1..aN, f)
fn apply<M: Module>(e: &mut Emitter<M>, n: usize, p: &[Value]) -> Result<(), CodegenError> {
    for &v in p {
        e.val(v);
    }
    let f = p[n];
    let info = e.load(f, 8);
    let arity = e.b.ins().sshr_imm_s(info, 56);
    let exact = e.b.ins().icmp_imm_s(IntCC::Equal, arity, n as i64);
    let fast = e.b.create_block();
    let slow = e.b.create_block();
    e.b.ins().brif(exact, fast, &[], slow, &[]);
    e.b.switch_to_block(fast);
    let full = e.load(f, 16);
    call_indirect_ocaml(e, full, p, true);
    e.b.switch_to_block(slow);
    // One argument at a time: f a1, then apply the result to the rest.
    let code = e.load(f, 0);
    let g = call_indirect_ocaml(e, code, &[p[0], f], false).expect("value");
    let rest: Vec<Value> = p[1..n].to_vec();
    if rest.len() == 1 {
        let code = e.load(g, 0);
        call_indirect_ocaml(e, code, &[rest[0], g], true);
    } else {
        let id = e.be.helper(Helper::Apply(rest.len()))?;
        let r = e.funcref(id);
        let mut args = rest;
        args.push(g);
        e.b.ins().return_call(r, &args);
    }
    Ok(())
}

/// caml_curryN_K(x, env): env is the original closure (K = 0) or the partial application
/// closure [code; info; a_K; previous env] built by caml_curryN_(K-1).
fn curry<M: Module>(e: &mut Emitter<M>, n: usize, k: usize, p: &[Value]) -> Result<(), CodegenError> {
    let x = e.val(p[0]);
    let env = e.val(p[1]);
    if k + 1 < n {
        // Not all arguments yet: capture this one.
        let next = e.be.helper(Helper::Curry(n, k + 1))?;
        let blk = e.alloc(4, CLOSURE_TAG)?;
        let nr = e.funcref(next);
        let code = e.b.ins().func_addr(I64, nr);
        e.store(code, blk, 0);
        let info = e.iconst(closinfo(1, 2));
        e.store(info, blk, 8);
        e.store(x, blk, 16);
        e.store(env, blk, 24);
        e.b.ins().return_(&[blk]);
        return Ok(());
    }
    // Last argument: walk the chain back to the original closure, collecting the arguments.
    let mut args = vec![x];
    let mut cur = env;
    for _ in 0..(n - 1) {
        let a = e.load(cur, 16);
        args.push(a);
        cur = e.load(cur, 24);
    }
    args.reverse();
    // `cur` is now the original closure.
    args.push(cur);
    let full = e.load(cur, 16);
    call_indirect_ocaml(e, full, &args, true);
    Ok(())
}

/// caml_start_program(code, arg, env, exn_out) -> result, in the C convention.
fn start_program<M: Module>(e: &mut Emitter<M>, p: &[Value]) -> Result<(), CodegenError> {
    let (code, arg, env, exn_out) = (p[0], p[1], p[2], p[3]);
    let sig = e.be.ocaml_sig(2);
    let sigref = e.b.import_signature(sig);
    let call = e.protected_call(Callee::Indirect(code, sigref), &[arg, env])?;
    e.b.switch_to_block(call.ok_block);
    e.b.ins().return_(&[call.ok_value]);
    e.b.switch_to_block(call.exn_block);
    e.b.ins().store(flags(), call.exn_value, exn_out, 0);
    let unit = e.iconst(1);
    e.b.ins().return_(&[unit]);
    Ok(())
}
