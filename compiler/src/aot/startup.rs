//! The startup object generated at link time: the entry trampoline, the table of the units to
//! run in order, and for executables a C `main` that hands that table to the runtime's
//! `caml_main`.

use super::tables::{define_debug_table, define_frametable, define_startup_table, define_unit_descr, UnitParts};
use super::unit::{unit_descriptor_symbol, UnitSymbols};
use super::{new_backend, AotError};
use cranelift_codegen::ir::{self, types, AbiParam, InstBuilder, UserFuncName};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{DataId, Linkage, Module};

/// What the startup object is for.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum StartupKind {
    /// A program: defines `main` and `caml_startup_info`.
    Executable,
    /// A `.cmxs` plugin: defines `caml_plugin_info`, which the loader passes to
    /// `runtime::startup::load_and_run`.
    Plugin,
}

/// Symbol of the startup table in each kind of output.
pub fn startup_table_symbol(kind: StartupKind) -> &'static str {
    match kind {
        StartupKind::Executable => "caml_startup_info",
        StartupKind::Plugin => "caml_plugin_info",
    }
}

pub fn compile_startup(unit_names: &[&str], kind: StartupKind) -> Result<Vec<u8>, AotError> {
    let mut be = new_backend("caml_startup")?;
    let start = be.start_program()?;
    let helpers = be.define_pending_helpers()?;
    let frametable = define_frametable(&mut be, "caml_startup__frametable", helpers.iter())?;
    // The trampoline's own call site is not OCaml code: no entry, no code range.
    let debuginfo = define_debug_table(&mut be, "caml_startup__debuginfo", std::iter::empty())?;
    let parts = UnitParts { entry: None, code_range: None, frametable, debuginfo, globals: Vec::new() };
    let own = define_unit_descr(&mut be, "caml_startup__unit", &parts)?;
    let mut units: Vec<DataId> = vec![own];
    for name in unit_names {
        UnitSymbols::new(name)?;
        units.push(be.module.declare_data(&unit_descriptor_symbol(name), Linkage::Import, false, false)?);
    }
    let table = define_startup_table(&mut be, startup_table_symbol(kind), start, &units)?;
    if kind == StartupKind::Executable {
        define_main(&mut be, table)?;
    }
    Ok(be.module.finish().emit()?)
}

/// `int main(int argc, char **argv) { return caml_main(argc, argv, &caml_startup_info); }`
fn define_main(be: &mut crate::codegen::Backend<cranelift_object::ObjectModule>, table: DataId) -> Result<(), AotError> {
    let mut sig = be.module.make_signature();
    sig.params.push(AbiParam::new(types::I32));
    sig.params.push(AbiParam::new(types::I64));
    sig.returns.push(AbiParam::new(types::I32));
    let main = be.module.declare_function("main", Linkage::Export, &sig)?;
    let mut callee_sig = sig.clone();
    callee_sig.params.push(AbiParam::new(types::I64));
    let caml_main = be.module.declare_function("caml_main", Linkage::Import, &callee_sig)?;

    let mut func = ir::Function::with_name_signature(UserFuncName::default(), sig);
    let mut fctx = FunctionBuilderContext::new();
    {
        let mut b = FunctionBuilder::new(&mut func, &mut fctx);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        b.seal_block(blk);
        let (argc, argv) = (b.block_params(blk)[0], b.block_params(blk)[1]);
        let gv = be.module.declare_data_in_func(table, b.func);
        let info = b.ins().symbol_value(types::I64, gv);
        let callee = be.module.declare_func_in_func(caml_main, b.func);
        let call = b.ins().call(callee, &[argc, argv, info]);
        let status = b.inst_results(call)[0];
        b.ins().return_(&[status]);
        let cfg = be.module.isa().frontend_config();
        b.finalize(cfg);
    }
    let mut ctx = be.module.make_context();
    ctx.func = func;
    be.module.define_function(main, &mut ctx)?;
    Ok(())
}
