//! One compilation unit to one relocatable object: its code between two marker functions (so
//! the runtime knows which addresses are OCaml code), its global blocks, its own copies of the
//! apply/curry helpers it uses, its frame table and its unit descriptor.

use super::tables::{define_debug_table, define_frametable, define_unit_descr, UnitParts};
use super::{new_backend, AotError, UnitSource};
use crate::codegen::Backend;
use cranelift_codegen::ir::{self, InstBuilder, UserFuncName};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{FuncId, Linkage, Module};
use cranelift_object::ObjectModule;

/// Symbol names of a unit called `name` (an OCaml module name such as `Main`).
pub struct UnitSymbols {
    pub prefix: String,
    pub entry: String,
    pub descriptor: String,
}

impl UnitSymbols {
    pub fn new(name: &str) -> Result<UnitSymbols, AotError> {
        let valid = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        if !valid {
            return Err(AotError(format!("invalid compilation unit name {:?}", name)));
        }
        let prefix = format!("caml{}", name);
        Ok(UnitSymbols { entry: format!("{}__entry", prefix), descriptor: unit_descriptor_symbol(name), prefix })
    }
}

pub fn unit_descriptor_symbol(name: &str) -> String {
    format!("caml{}__unit", name)
}

/// A function that only returns, whose address marks a position in the text section (functions
/// of one object are laid out in the order they are defined).
pub fn define_marker(be: &mut Backend<ObjectModule>, name: &str) -> Result<FuncId, AotError> {
    let sig = be.module.make_signature();
    let id = be.module.declare_function(name, Linkage::Local, &sig)?;
    let mut func = ir::Function::with_name_signature(UserFuncName::default(), sig);
    let mut fctx = FunctionBuilderContext::new();
    {
        let mut b = FunctionBuilder::new(&mut func, &mut fctx);
        let blk = b.create_block();
        b.switch_to_block(blk);
        b.seal_block(blk);
        b.ins().return_(&[]);
        let cfg = be.module.isa().frontend_config();
        b.finalize(cfg);
    }
    let mut ctx = be.module.make_context();
    ctx.func = func;
    be.module.define_function(id, &mut ctx)?;
    Ok(id)
}

pub fn compile_unit(unit: &UnitSource) -> Result<Vec<u8>, AotError> {
    let syms = UnitSymbols::new(unit.name)?;
    let mut be = new_backend(&syms.prefix)?;
    let begin = define_marker(&mut be, &format!("{}__code_begin", syms.prefix))?;
    let mut globals = Vec::new();
    for (sym, nfields) in unit.globals {
        globals.push((be.define_global_block(sym, *nfields)?, *nfields));
    }
    let compiled = be.compile_program(unit.program, &syms.prefix, Some(&syms.entry))?;
    let helpers = be.define_pending_helpers()?;
    let end = define_marker(&mut be, &format!("{}__code_end", syms.prefix))?;
    let frametable = define_frametable(
        &mut be,
        &format!("{}__frametable", syms.prefix),
        compiled.functions.iter().chain(helpers.iter()),
    )?;
    let debuginfo = define_debug_table(&mut be, &format!("{}__debuginfo", syms.prefix), compiled.functions.iter())?;
    let parts = UnitParts { entry: Some(compiled.entry), code_range: Some((begin, end)), frametable, debuginfo, globals };
    define_unit_descr(&mut be, &syms.descriptor, &parts)?;
    Ok(be.module.finish().emit()?)
}
