//! Stand-ins for symbols a precompiled library refers to but the runtime does not define (a
//! primitive the Stdlib declares and the runtime lacks): each is a C function that calls a
//! fallback (the runtime's `caml_missing_symbol`, which raises `Failure`), so the library links
//! and the call fails the way it does in the JIT.

use super::{new_backend, AotError};
use cranelift_codegen::ir::{self, types, AbiParam, InstBuilder, UserFuncName};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{Linkage, Module};

/// An object defining each of `names` as `value name(void) { return fallback(); }`.
pub fn compile_stubs(names: &[&str], fallback: &str) -> Result<Vec<u8>, AotError> {
    let mut be = new_backend("caml_stubs")?;
    let mut sig = be.module.make_signature();
    sig.returns.push(AbiParam::new(types::I64));
    let target = be.module.declare_function(fallback, Linkage::Import, &sig)?;
    for name in names {
        let id = be.module.declare_function(name, Linkage::Export, &sig)?;
        let mut func = ir::Function::with_name_signature(UserFuncName::default(), sig.clone());
        let mut fctx = FunctionBuilderContext::new();
        {
            let mut b = FunctionBuilder::new(&mut func, &mut fctx);
            let blk = b.create_block();
            b.switch_to_block(blk);
            b.seal_block(blk);
            let callee = be.module.declare_func_in_func(target, b.func);
            let call = b.ins().call(callee, &[]);
            let v = b.inst_results(call)[0];
            b.ins().return_(&[v]);
            let cfg = be.module.isa().frontend_config();
            b.finalize(cfg);
        }
        let mut ctx = be.module.make_context();
        ctx.func = func;
        be.module.define_function(id, &mut ctx)?;
    }
    Ok(be.module.finish().emit()?)
}
