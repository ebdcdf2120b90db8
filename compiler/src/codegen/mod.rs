//! Code generation: Clambda to Cranelift IR, through the `cranelift_module::Module` trait so the
//! same code serves the in-memory JIT and object files.
//!
//! Conventions (shared with `runtime/`):
//! - OCaml functions use Cranelift's `tail` convention: parameters, then the closure pointer for
//!   closures; one result.
//! - Runtime functions that may allocate or raise are called through `caml_c_callN`, which
//!   records the caller's frame for the GC; `caml_alloc_slow` likewise.
//! - Every value live across a call is in a stack map; the frame tables are handed back to the
//!   caller of `compile_program` to be registered (JIT) or emitted as data (AOT).
//! - `try` pushes a handler record (prev, handler pc, sp, fp) onto `caml_state.exn_handler` and
//!   calls the outlined body with `try_call`.

mod emit;
mod unbox;
mod helpers;

use crate::lambda::Constant;
use crate::middle::clambda::Program;
use cranelift_codegen::ir::{types, AbiParam, Signature};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa, TargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module, ModuleError, ModuleReloc};
use std::collections::HashMap;

pub use emit::DebugSite;
pub use helpers::Helper;

/// A stack map of one call site: return-address offset in the function, frame size (FP - SP),
/// SP-relative offsets of the live value slots.
#[derive(Clone, Debug)]
pub struct SafePoint {
    pub ret_offset: u32,
    pub span: u32,
    pub slots: Vec<u32>,
}

#[derive(Clone, Debug)]
pub struct CompiledFunction {
    pub id: FuncId,
    pub name: String,
    pub safepoints: Vec<SafePoint>,
    /// Size of the machine code in bytes.
    pub size: u32,
    /// Call and raise sites with a source location, by return offset (empty without debug
    /// information).
    pub debug: Vec<DebugSite>,
}

/// What compiling one unit or phrase produced.
pub struct CompiledUnit {
    pub functions: Vec<CompiledFunction>,
    /// The entry function: `tail` convention, (unit) -> result.
    pub entry: FuncId,
}

#[derive(Debug)]
pub struct CodegenError(pub String);

impl From<ModuleError> for CodegenError {
    fn from(e: ModuleError) -> Self {
        CodegenError(format!("{:?}", e))
    }
}

/// Build the target ISA with the settings ocaml-jit uses.
pub fn make_isa(pic: bool) -> Result<OwnedTargetIsa, CodegenError> {
    build_isa(pic, "speed", "backtracking")
}

/// The ISA for code that runs once (a toplevel phrase's initialisation, when it has no loop):
/// no optimisation and the single-pass register allocator, because compiling it well would
/// cost more time than running it.
pub fn make_run_once_isa(pic: bool) -> Result<OwnedTargetIsa, CodegenError> {
    build_isa(pic, "none", "single_pass")
}

fn build_isa(pic: bool, opt_level: &str, regalloc: &str) -> Result<OwnedTargetIsa, CodegenError> {
    let mut flags = settings::builder();
    let set = |f: &mut settings::Builder, k: &str, v: &str| f.set(k, v).map_err(|e| CodegenError(format!("{k}: {e}")));
    set(&mut flags, "opt_level", opt_level)?;
    set(&mut flags, "regalloc_algorithm", regalloc)?;
    set(&mut flags, "preserve_frame_pointers", "true")?;
    set(&mut flags, "is_pic", if pic { "true" } else { "false" })?;
    set(&mut flags, "enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" })?;
    let isa_builder = cranelift_native::builder().map_err(|e| CodegenError(e.to_string()))?;
    isa_builder
        .finish(settings::Flags::new(flags))
        .map_err(|e| CodegenError(e.to_string()))
}

/// The code generator of a session (JIT) or of an executable (AOT): owns the module and what is
/// shared between units (runtime imports, apply/curry helpers, constants).
pub struct Backend<M: Module> {
    pub module: M,
    ctx: Context,
    fctx: FunctionBuilderContext,
    imports: HashMap<String, FuncId>,
    data_imports: HashMap<String, DataId>,
    /// Helpers declared so far, and whether they are defined yet.
    helpers: HashMap<Helper, (FuncId, bool)>,
    counter: usize,
    /// Symbols for each OCaml runtime function name the `caml_c_call` stubs dispatch to.
    pub pic: bool,
    /// Linkage of the apply/curry/entry helpers. AOT objects use `Local`: every object carries
    /// its own copy, so its frame table can point at the copy it really calls.
    pub helper_linkage: Linkage,
    /// When set (the toplevel), a program's entry without loops is compiled with this ISA.
    pub run_once_isa: Option<OwnedTargetIsa>,
    /// Debug events of the function being compiled, and the sites found by `finish_function`.
    debug_events: emit::DebugEvents,
    last_debug_sites: Vec<DebugSite>,
}

impl<M: Module> Backend<M> {
    pub fn new(module: M, pic: bool) -> Backend<M> {
        let ctx = module.make_context();
        Backend {
            module,
            ctx,
            fctx: FunctionBuilderContext::new(),
            imports: HashMap::new(),
            data_imports: HashMap::new(),
            helpers: HashMap::new(),
            counter: 0,
            pic,
            helper_linkage: if pic { Linkage::Preemptible } else { Linkage::Local },
            run_once_isa: None,
            debug_events: Default::default(),
            last_debug_sites: Vec::new(),
        }
    }

    pub fn ocaml_sig(&self, nparams: usize) -> Signature {
        let mut sig = Signature::new(CallConv::Tail);
        for _ in 0..nparams {
            sig.params.push(AbiParam::new(types::I64));
        }
        sig.returns.push(AbiParam::new(types::I64));
        sig
    }

    pub fn c_sig(&self, nparams: usize, ret: bool) -> Signature {
        let mut sig = self.module.make_signature();
        for _ in 0..nparams {
            sig.params.push(AbiParam::new(types::I64));
        }
        if ret {
            sig.returns.push(AbiParam::new(types::I64));
        }
        sig
    }

    fn fresh_name(&mut self, prefix: &str, name: &str) -> String {
        self.counter += 1;
        let clean: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
        format!("{}__{}_{}", prefix, clean, self.counter)
    }

    /// A runtime function called with the C convention.
    pub(crate) fn import_c(&mut self, name: &str, nparams: usize, ret: bool) -> Result<FuncId, CodegenError> {
        if let Some(&id) = self.imports.get(name) {
            return Ok(id);
        }
        let sig = self.c_sig(nparams, ret);
        let id = self.module.declare_function(name, Linkage::Import, &sig)?;
        self.imports.insert(name.to_string(), id);
        Ok(id)
    }

    pub(crate) fn import_data(&mut self, name: &str) -> Result<DataId, CodegenError> {
        if let Some(&id) = self.data_imports.get(name) {
            return Ok(id);
        }
        let id = self.module.declare_data(name, Linkage::Import, true, false)?;
        self.data_imports.insert(name.to_string(), id);
        Ok(id)
    }

    /// Declare (once) a static module block of `nfields` fields, defined by this module.
    /// Returns its data id; the value is the symbol's address plus 8.
    pub fn define_global_block(&mut self, name: &str, nfields: usize) -> Result<DataId, CodegenError> {
        let id = self.module.declare_data(name, Linkage::Export, true, false)?;
        let mut desc = DataDescription::new();
        let mut bytes = Vec::with_capacity((nfields + 1) * 8);
        bytes.extend_from_slice(&static_header(nfields, 0).to_le_bytes());
        for _ in 0..nfields {
            bytes.extend_from_slice(&1u64.to_le_bytes());
        }
        desc.define(bytes.into_boxed_slice());
        desc.set_align(8);
        self.module.define_data(id, &desc)?;
        self.data_imports.insert(name.to_string(), id);
        Ok(id)
    }

    /// Emit a structured constant as static data; returns the data id (value = address + 8).
    pub(crate) fn constant_data(&mut self, c: &Constant) -> Result<DataId, CodegenError> {
        let name = self.fresh_name("camlconst", "");
        let id = self.module.declare_data(&name, Linkage::Local, false, false)?;
        let mut desc = DataDescription::new();
        let mut bytes: Vec<u8> = Vec::new();
        let mut relocs: Vec<(u32, DataId)> = Vec::new();
        match c {
            Constant::String(s) => {
                let wosize = s.len() / 8 + 1;
                bytes.extend_from_slice(&static_header(wosize, 252).to_le_bytes());
                bytes.extend_from_slice(s);
                while bytes.len() < (wosize + 1) * 8 - 1 {
                    bytes.push(0);
                }
                bytes.push((wosize * 8 - 1 - s.len()) as u8);
            }
            Constant::Float(f) => {
                bytes.extend_from_slice(&static_header(1, 253).to_le_bytes());
                bytes.extend_from_slice(&f.to_bits().to_le_bytes());
            }
            Constant::FloatBlock(fs) => {
                bytes.extend_from_slice(&static_header(fs.len(), 254).to_le_bytes());
                for f in fs {
                    bytes.extend_from_slice(&f.to_bits().to_le_bytes());
                }
            }
            Constant::Block(tag, fields) => {
                bytes.extend_from_slice(&static_header(fields.len(), *tag).to_le_bytes());
                for (i, f) in fields.iter().enumerate() {
                    match f {
                        Constant::Int(n) => bytes.extend_from_slice(&(((*n as u64) << 1) | 1).to_le_bytes()),
                        other => {
                            let sub = self.constant_data(other)?;
                            relocs.push((((i + 1) * 8) as u32, sub));
                            bytes.extend_from_slice(&0u64.to_le_bytes());
                        }
                    }
                }
            }
            Constant::Int32(_) | Constant::Int64(_) | Constant::Nativeint(_) => {
                let (ops, n) = match c {
                    Constant::Int32(n) => ("caml_int32_ops", *n as i64),
                    Constant::Int64(n) => ("caml_int64_ops", *n),
                    Constant::Nativeint(n) => ("caml_nativeint_ops", *n),
                    _ => unreachable!(),
                };
                bytes.extend_from_slice(&static_header(2, 255).to_le_bytes());
                bytes.extend_from_slice(&0u64.to_le_bytes());
                bytes.extend_from_slice(&n.to_le_bytes());
                let ops_id = self.import_data(ops)?;
                let gv = self.module.declare_data_in_data(ops_id, &mut desc);
                desc.write_data_addr(8, gv, 0);
            }
            Constant::Int(_) => return Err(CodegenError("immediate constant emitted as data".into())),
        }
        for (off, sub) in relocs {
            let gv = self.module.declare_data_in_data(sub, &mut desc);
            desc.write_data_addr(off, gv, 8);
        }
        desc.define(bytes.into_boxed_slice());
        desc.set_align(8);
        self.module.define_data(id, &desc)?;
        Ok(id)
    }

    /// Compile a closure-converted program. Its functions get symbols with `prefix`; the entry is
    /// exported under `entry_name` when given.
    pub fn compile_program(
        &mut self,
        prog: &Program,
        prefix: &str,
        entry_name: Option<&str>,
    ) -> Result<CompiledUnit, CodegenError> {
        let mut ids: Vec<FuncId> = Vec::new();
        for f in &prog.functions {
            let nparams = f.params.len() + usize::from(f.env.is_some());
            let sig = self.ocaml_sig(nparams);
            let (name, linkage) = match entry_name {
                Some(n) if f.id == prog.entry => (n.to_string(), Linkage::Export),
                _ => (self.fresh_name(prefix, &f.name), Linkage::Local),
            };
            ids.push(self.module.declare_function(&name, linkage, &sig)?);
        }
        let mut functions = Vec::new();
        for f in &prog.functions {
            let (safepoints, size) = emit::emit_function(self, prog, f, &ids)?;
            let debug = std::mem::take(&mut self.last_debug_sites);
            functions.push(CompiledFunction { id: ids[f.id], name: f.name.to_string(), safepoints, size, debug });
        }
        Ok(CompiledUnit { functions, entry: ids[prog.entry] })
    }

    /// Define the function in `self.ctx` under `id` and collect its stack maps. Code that
    /// runs once is compiled with `run_once_isa` when there is one.
    pub(crate) fn finish_function(&mut self, id: FuncId, runs_once: bool) -> Result<(Vec<SafePoint>, u32), CodegenError> {
        let defined = match (&self.run_once_isa, runs_once) {
            (Some(isa), true) => define_with_isa(&mut self.module, &**isa, id, &mut self.ctx),
            _ => self.module.define_function(id, &mut self.ctx),
        };
        if let Err(e) = defined {
            let text = self.ctx.func.display().to_string();
            self.module.clear_context(&mut self.ctx);
            return Err(CodegenError(format!("{:?}\n{}", e, text)));
        }
        let compiled = self.ctx.compiled_code().ok_or_else(|| CodegenError("no compiled code".into()))?;
        let size = compiled.buffer.data().len() as u32;
        let safepoints = compiled
            .buffer
            .user_stack_maps()
            .iter()
            .map(|(off, span, map)| SafePoint {
                ret_offset: *off,
                span: *span,
                slots: map.entries().map(|(_, o)| o).collect(),
            })
            .collect();
        let events = std::mem::take(&mut self.debug_events);
        let returns: Vec<u32> = compiled.buffer.call_sites().map(|c| c.ret_addr).collect();
        self.last_debug_sites = emit::sites_of(&events, &returns, compiled.buffer.get_srclocs_sorted());
        self.module.clear_context(&mut self.ctx);
        Ok((safepoints, size))
    }

    /// Helpers (apply/curry/entry trampoline) that were asked for but are not defined yet;
    /// defines them and returns their frame tables.
    pub fn define_pending_helpers(&mut self) -> Result<Vec<CompiledFunction>, CodegenError> {
        let mut out = Vec::new();
        loop {
            let pending: Vec<Helper> = self.helpers.iter().filter(|(_, (_, d))| !*d).map(|(h, _)| *h).collect();
            if pending.is_empty() {
                return Ok(out);
            }
            for h in pending {
                let id = self.helpers[&h].0;
                self.helpers.insert(h, (id, true));
                let (safepoints, size) = helpers::define(self, h, id)?;
                out.push(CompiledFunction { id, name: h.symbol(), safepoints, size, debug: Vec::new() });
            }
        }
    }

    pub(crate) fn helper(&mut self, h: Helper) -> Result<FuncId, CodegenError> {
        if let Some(&(id, _)) = self.helpers.get(&h) {
            return Ok(id);
        }
        let sig = h.signature(self);
        let id = self.module.declare_function(&h.symbol(), self.helper_linkage, &sig)?;
        self.helpers.insert(h, (id, false));
        Ok(id)
    }

    /// The SystemV entry trampoline `caml_start_program(code, arg, env, exn_out)`.
    pub fn start_program(&mut self) -> Result<FuncId, CodegenError> {
        self.helper(Helper::StartProgram)
    }
}

/// Compile the function in `ctx` with `isa` rather than the module's own, and define its bytes.
fn define_with_isa<M: Module>(module: &mut M, isa: &dyn TargetIsa, id: FuncId, ctx: &mut Context) -> Result<(), ModuleError> {
    ctx.compile(isa, &mut Default::default()).map_err(|e| ModuleError::Compilation(e.inner))?;
    let compiled = ctx.compiled_code().ok_or_else(|| ModuleError::Compilation(cranelift_codegen::CodegenError::Unsupported("no compiled code".into())))?;
    let alignment = (compiled.buffer.alignment as u64).max(isa.function_alignment().minimum as u64);
    let relocs: Vec<ModuleReloc> =
        compiled.buffer.relocs().iter().map(|r| ModuleReloc::from_mach_reloc(r, &ctx.func, id)).collect();
    module.define_function_bytes(id, alignment, compiled.code_buffer(), &relocs)
}

/// A header for static data: black, so the GC never marks or sweeps it.
pub fn static_header(wosize: usize, tag: u8) -> u64 {
    ((wosize as u64) << 10) | (3 << 8) | tag as u64
}
