//! Emission of one Clambda function as Cranelift IR.

mod debug;
mod unboxed;

pub use debug::DebugSite;
pub(crate) use debug::{sites_of, DebugEvents};

use super::unbox::{self, Repr};
use super::{Backend, CodegenError, Helper, SafePoint};
use crate::lambda::{ArrayKind, BoxedInt, BoxedOp, Comparison, Constant, Direction, Primitive, Var};
use crate::middle::clambda::{CExpr, CFunction, CSwitch, ClosureLayout, FunId, FunKind, Program};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::types::{F64, I64, I8};
use cranelift_codegen::ir::{
    self, Block, BlockArg, BlockCall, ExceptionTableData, ExceptionTableItem, FuncRef, GlobalValue,
    InstBuilder, MemFlagsData, StackSlotData, StackSlotKind, UserFuncName, Value,
};
use cranelift_codegen::entity::EntityRef;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Switch, Variable};
use cranelift_module::{DataId, FuncId, Module};
use runtime_layout::*;
use std::collections::HashMap;

/// Offsets and tags shared with the runtime (kept here so the compiler does not link it).
pub(crate) mod runtime_layout {
    pub const STATE_YOUNG_PTR: i32 = 0;
    pub const STATE_YOUNG_LIMIT: i32 = 8;
    pub const STATE_EXN_HANDLER: i32 = 16;
    pub const CLOSURE_TAG: u8 = 247;
    pub const INFIX_TAG: u8 = 249;
    pub const STRING_TAG: u8 = 252;
    pub const DOUBLE_TAG: u8 = 253;
    pub const DOUBLE_ARRAY_TAG: u8 = 254;
    pub const CUSTOM_TAG: u8 = 255;
}

pub(crate) fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

#[derive(Copy, Clone, PartialEq)]
enum Mode {
    /// The value is returned from the function (calls become tail calls).
    Tail,
    /// The value is produced in the current block.
    Value,
}

pub(crate) struct Emitter<'a, 'b, M: Module> {
    pub be: &'a mut Backend<M>,
    pub b: FunctionBuilder<'b>,
    prog: Option<&'a Program>,
    ids: &'a [FuncId],
    vars: HashMap<Var, Variable>,
    /// The variables to keep unboxed in this function (`unbox::unboxed_vars`).
    plan: HashMap<Var, Repr>,
    /// The variables bound unboxed so far, and how.
    reprs: HashMap<Var, Repr>,
    catches: HashMap<u32, (Block, Vec<Variable>)>,
    funcrefs: HashMap<FuncId, FuncRef>,
    datas: HashMap<DataId, GlobalValue>,
    state: Option<GlobalValue>,
    /// Debug events of this function and the location in force (`debug.rs`).
    debug: debug::DebugEvents,
    cur_loc: Option<std::rc::Rc<crate::lambda::DebugLoc>>,
    /// The variables in scope, innermost last, with their type when they hold raw (unboxed)
    /// numbers rather than OCaml values (`carry_across_cold_call`).
    scope: Vec<(Variable, Option<ir::Type>)>,
    /// The stack slot each raw variable is saved to around cold calls.
    raw_slots: HashMap<usize, ir::StackSlot>,
}

pub(super) fn emit_function<M: Module>(
    be: &mut Backend<M>,
    prog: &Program,
    f: &CFunction,
    ids: &[FuncId],
) -> Result<(Vec<SafePoint>, u32), CodegenError> {
    let nparams = f.params.len() + usize::from(f.env.is_some());
    let sig = be.ocaml_sig(nparams);
    let mut func = ir::Function::with_name_signature(UserFuncName::default(), sig);
    let mut fctx = std::mem::replace(&mut be.fctx, FunctionBuilderContext::new());
    {
        let b = FunctionBuilder::new(&mut func, &mut fctx);
        let mut e = Emitter::new(be, b, Some(prog), ids);
        e.plan = unbox::unboxed_vars(&f.body);
        let entry = e.b.create_block();
        e.b.append_block_params_for_function_params(entry);
        e.b.switch_to_block(entry);
        let params: Vec<Value> = e.b.block_params(entry).to_vec();
        let mut all: Vec<Var> = f.params.clone();
        if let Some(env) = &f.env {
            all.push(env.clone());
        }
        for (v, p) in all.iter().zip(params) {
            e.bind(v, p);
        }
        if f.kind == FunKind::Closure {
            e.poll()?;
        }
        // An outlined `try` body makes no tail calls: in the source its calls are inside the
        // `try`, and their frames must stay for backtraces (as in OCaml).
        let try_body = f.kind == FunKind::Plain && f.id != prog.entry;
        if try_body {
            if let Some(v) = e.compile(&f.body, Mode::Value)? {
                e.b.ins().return_(&[v]);
            }
        } else {
            e.compile(&f.body, Mode::Tail)?;
        }
        e.b.seal_all_blocks();
        let cfg = e.be.module.isa().frontend_config();
        e.b.finalize(cfg);
        e.be.debug_events = std::mem::take(&mut e.debug);
    }
    be.fctx = fctx;
    // `OCAMLJIT_DUMP_CLIF=NAME` prints the Clambda and the Cranelift IR of the functions whose
    // name contains NAME (for reading the generated code).
    if let Some(want) = std::env::var_os("OCAMLJIT_DUMP_CLIF") {
        if f.name.contains(want.to_string_lossy().as_ref()) {
            eprintln!("=== {} ===\n{:?}\n{}", f.name, f.body, func.display());
        }
    }
    be.ctx.func = func;
    be.finish_function(ids[f.id], f.id == prog.entry && !f.body.has_loop())
}

impl<'a, 'b, M: Module> Emitter<'a, 'b, M> {
    pub fn new(be: &'a mut Backend<M>, b: FunctionBuilder<'b>, prog: Option<&'a Program>, ids: &'a [FuncId]) -> Self {
        Emitter {
            be,
            b,
            prog,
            ids,
            vars: HashMap::new(),
            plan: HashMap::new(),
            reprs: HashMap::new(),
            catches: HashMap::new(),
            funcrefs: HashMap::new(),
            datas: HashMap::new(),
            state: None,
            debug: Default::default(),
            cur_loc: None,
            scope: Vec::new(),
            raw_slots: HashMap::new(),
        }
    }

    // ---- Small building blocks --------------------------------------------------------------

    /// Mark an SSA value as an OCaml value: kept in a stack map across calls.
    pub fn val(&mut self, v: Value) -> Value {
        self.b.declare_value_needs_stack_map(v);
        v
    }

    fn bind(&mut self, v: &Var, val: Value) {
        let var = self.b.declare_var(I64);
        self.b.declare_var_needs_stack_map(var);
        self.b.def_var(var, val);
        self.vars.insert(v.clone(), var);
        self.reprs.remove(v);
        self.scope.push((var, None));
    }

    /// In a cold block about to make a call that is a safepoint (the slow path of an
    /// allocation or a poll): give the innermost variables in scope fresh copies that cross
    /// the call instead of their current values. Cranelift's safepoint pass spills a value live
    /// across a safepoint where it is defined and reloads it at every use; without the copies,
    /// every value live across a rarely taken slow path would live on the stack on the hot
    /// path too. Values that are not variables (and variables beyond the first few) still
    /// cross the call themselves, which is correct, only slower. `carried` values are copied
    /// the same way and returned: the caller passes them on to where the paths join.
    /// Raw float and integer variables are stored to stack slots here and reloaded by
    /// `restore_after_cold_call` (the call clobbers every float register, so otherwise the
    /// register allocator keeps them in memory on the hot path).
    fn carry_across_cold_call(&mut self, carried: &[Value]) -> Vec<Value> {
        const MAX_CARRIED_VARS: usize = 12;
        let start = self.scope.len().saturating_sub(MAX_CARRIED_VARS);
        let vars = self.scope[start..].to_vec();
        for (var, raw) in vars {
            let x = self.b.use_var(var);
            match raw {
                None => {
                    let c = self.b.ins().iadd_imm_s(x, 0);
                    self.b.def_var(var, c);
                }
                Some(_) => {
                    let slot = match self.raw_slots.get(&var.index()) {
                        Some(&s) => s,
                        None => {
                            let s = self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 8, 3));
                            self.raw_slots.insert(var.index(), s);
                            s
                        }
                    };
                    self.b.ins().stack_store(I64, x, slot, 0);
                }
            }
        }
        carried
            .iter()
            .map(|&x| {
                let c = self.b.ins().iadd_imm_s(x, 0);
                self.val(c)
            })
            .collect()
    }

    /// After the call of a cold path: reload the raw variables `carry_across_cold_call` saved.
    fn restore_after_cold_call(&mut self) {
        const MAX_CARRIED_VARS: usize = 12;
        let start = self.scope.len().saturating_sub(MAX_CARRIED_VARS);
        let vars = self.scope[start..].to_vec();
        for (var, raw) in vars {
            if let Some(ty) = raw {
                let slot = self.raw_slots[&var.index()];
                let x = self.b.ins().stack_load(I64, ty, slot, 0);
                self.b.def_var(var, x);
            }
        }
    }

    pub fn iconst(&mut self, n: i64) -> Value {
        self.b.ins().iconst(I64, n)
    }

    pub fn unit(&mut self) -> Value {
        self.iconst(1)
    }

    pub fn tag_int(&mut self, raw: Value) -> Value {
        let s = self.b.ins().ishl_imm_s(raw, 1);
        self.b.ins().bor_imm_s(s, 1)
    }

    pub fn untag(&mut self, v: Value) -> Value {
        self.b.ins().sshr_imm_s(v, 1)
    }

    pub fn tag_bool(&mut self, cond: Value) -> Value {
        let w = self.b.ins().uextend(I64, cond);
        self.tag_int(w)
    }

    pub fn load(&mut self, base: Value, offset: i32) -> Value {
        self.b.ins().load(I64, flags(), base, offset)
    }

    pub fn store(&mut self, v: Value, base: Value, offset: i32) {
        self.b.ins().store(flags(), v, base, offset);
    }

    pub fn funcref(&mut self, id: FuncId) -> FuncRef {
        if let Some(&r) = self.funcrefs.get(&id) {
            return r;
        }
        let r = self.be.module.declare_func_in_func(id, self.b.func);
        self.funcrefs.insert(id, r);
        r
    }

    pub fn data_addr(&mut self, id: DataId) -> Value {
        let gv = match self.datas.get(&id) {
            Some(&g) => g,
            None => {
                let g = self.be.module.declare_data_in_func(id, self.b.func);
                self.datas.insert(id, g);
                g
            }
        };
        self.b.ins().symbol_value(I64, gv)
    }

    pub fn state_addr(&mut self) -> Result<Value, CodegenError> {
        let gv = match self.state {
            Some(g) => g,
            None => {
                let id = self.be.import_data("caml_state")?;
                let g = self.be.module.declare_data_in_func(id, self.b.func);
                self.state = Some(g);
                g
            }
        };
        Ok(self.b.ins().symbol_value(I64, gv))
    }

    /// Start a fresh block for code that follows a jump or a trap (it is unreachable).
    fn dead(&mut self) {
        let blk = self.b.create_block();
        self.b.switch_to_block(blk);
    }

    pub fn call(&mut self, id: FuncId, args: &[Value]) -> Value {
        let r = self.funcref(id);
        let inst = self.b.ins().call(r, args);
        let res = self.b.inst_results(inst);
        if res.is_empty() {
            self.iconst(1)
        } else {
            res[0]
        }
    }

    /// Call a runtime function directly (it neither allocates nor raises).
    pub fn c_call_noalloc(&mut self, name: &str, args: &[Value]) -> Result<Value, CodegenError> {
        let id = self.be.import_c(name, args.len(), true)?;
        Ok(self.call(id, args))
    }

    /// Call a runtime function that may allocate or raise, through the frame-recording stub.
    pub fn c_call(&mut self, name: &str, args: &[Value]) -> Result<Value, CodegenError> {
        let n = args.len();
        if n > 5 {
            return Err(CodegenError(format!("primitive {} has more than 5 arguments", name)));
        }
        let target = self.be.import_c(name, n, true)?;
        let tr = self.funcref(target);
        let addr = self.b.ins().func_addr(I64, tr);
        let stub = self.be.import_c(&format!("caml_c_call{}", n), n + 1, true)?;
        let mut all = args.to_vec();
        all.push(addr);
        let r = self.call(stub, &all);
        Ok(self.val(r))
    }

    /// Raise: never returns. A raise starts a new backtrace, a re-raise continues the one of
    /// the exception it raises again, `raise_notrace` records nothing (OCaml's rules).
    pub fn raise(&mut self, exn: Value, kind: crate::lambda::RaiseKind) -> Result<(), CodegenError> {
        use crate::lambda::RaiseKind;
        let fun = match kind {
            RaiseKind::Regular => "caml_raise_exn",
            RaiseKind::Reraise => "caml_reraise_exn",
            RaiseKind::NoTrace => "caml_raise_exn_notrace",
        };
        let id = self.be.import_c(fun, 1, false)?;
        let saved = self.raise_srcloc(kind != RaiseKind::NoTrace);
        self.call(id, &[exn]);
        self.b.set_srcloc(saved);
        self.b.ins().trap(ir::TrapCode::unwrap_user(1));
        self.dead();
        Ok(())
    }

    /// Call the runtime function `fun`, which raises, through the frame-recording stub (so a
    /// backtrace starts at this frame). Division by zero shows as a raise, a failed bound
    /// check as a primitive that raised, as in ocamlopt.
    fn raise_named(&mut self, fun: &str) -> Result<(), CodegenError> {
        let saved = if fun == "caml_raise_zero_divide" { self.raise_srcloc(true) } else { self.b.srcloc() };
        self.c_call(fun, &[])?;
        self.b.set_srcloc(saved);
        self.b.ins().trap(ir::TrapCode::unwrap_user(1));
        self.dead();
        Ok(())
    }

    /// Branch to a cold block that calls `fun` (which raises) when `cond` holds.
    fn raise_if(&mut self, cond: Value, fun: &str) -> Result<(), CodegenError> {
        let cold = self.b.create_block();
        let cont = self.b.create_block();
        self.b.set_cold_block(cold);
        self.b.ins().brif(cond, cold, &[], cont, &[]);
        self.b.switch_to_block(cold);
        self.raise_named(fun)?;
        self.b.ins().jump(cont, &[]);
        self.b.switch_to_block(cont);
        Ok(())
    }

    /// Inline allocation of a block on the minor heap; returns the pointer to its first field.
    /// The caller must initialise every field before the next call.
    pub fn alloc(&mut self, wosize: usize, tag: u8) -> Result<Value, CodegenError> {
        self.alloc_carrying(wosize, tag, &mut [])
    }

    /// `alloc`, with `carried` (OCaml values computed before and used after the allocation)
    /// replaced by their values after it: they cross the slow path's call as copies.
    pub fn alloc_carrying(&mut self, wosize: usize, tag: u8, carried: &mut [Value]) -> Result<Value, CodegenError> {
        let bytes = ((wosize + 1) * 8) as i64;
        let st = self.state_addr()?;
        let yp = self.b.ins().load(I64, flags(), st, STATE_YOUNG_PTR);
        let lim = self.b.ins().load(I64, flags(), st, STATE_YOUNG_LIMIT);
        let newp = self.b.ins().iadd_imm_s(yp, -bytes);
        let slow_cond = self.b.ins().icmp(IntCC::UnsignedLessThan, newp, lim);
        let slow = self.b.create_block();
        let fast = self.b.create_block();
        let join = self.b.create_block();
        self.b.append_block_param(join, I64);
        for _ in carried.iter() {
            let p = self.b.append_block_param(join, I64);
            self.b.declare_value_needs_stack_map(p);
        }
        self.b.set_cold_block(slow);
        self.b.ins().brif(slow_cond, slow, &[], fast, &[]);
        self.b.switch_to_block(fast);
        self.b.ins().store(flags(), newp, st, STATE_YOUNG_PTR);
        let mut args = vec![BlockArg::Value(newp)];
        args.extend(carried.iter().map(|&v| BlockArg::Value(v)));
        self.b.ins().jump(join, &args);
        self.b.switch_to_block(slow);
        let copies = self.carry_across_cold_call(carried);
        let id = self.be.import_c("caml_alloc_slow", 1, true)?;
        let n = self.iconst(bytes);
        let p = self.call(id, &[n]);
        self.restore_after_cold_call();
        let mut args = vec![BlockArg::Value(p)];
        args.extend(copies.into_iter().map(BlockArg::Value));
        self.b.ins().jump(join, &args);
        self.b.switch_to_block(join);
        let params = self.b.block_params(join).to_vec();
        let hp = params[0];
        carried.copy_from_slice(&params[1..]);
        let header = self.iconst(((wosize as i64) << 10) | tag as i64);
        self.store(header, hp, 0);
        let v = self.b.ins().iadd_imm_s(hp, 8);
        Ok(self.val(v))
    }

    pub fn box_float(&mut self, f: Value) -> Result<Value, CodegenError> {
        let b = self.alloc(1, DOUBLE_TAG)?;
        self.b.ins().store(flags(), f, b, 0);
        Ok(b)
    }

    pub fn unbox_float(&mut self, v: Value) -> Value {
        self.b.ins().load(F64, flags(), v, 0)
    }

    /// Poll point: enter the runtime when `young_limit` was raised (a signal is pending).
    pub fn poll(&mut self) -> Result<(), CodegenError> {
        let st = self.state_addr()?;
        let yp = self.b.ins().load(I64, flags(), st, STATE_YOUNG_PTR);
        let lim = self.b.ins().load(I64, flags(), st, STATE_YOUNG_LIMIT);
        let cond = self.b.ins().icmp(IntCC::UnsignedLessThan, yp, lim);
        let cold = self.b.create_block();
        let cont = self.b.create_block();
        self.b.set_cold_block(cold);
        self.b.ins().brif(cond, cold, &[], cont, &[]);
        self.b.switch_to_block(cold);
        self.carry_across_cold_call(&[]);
        let u = self.unit();
        self.c_call("caml_process_pending", &[u])?;
        self.restore_after_cold_call();
        self.b.ins().jump(cont, &[]);
        self.b.switch_to_block(cont);
        Ok(())
    }

    fn finish(&mut self, v: Value, mode: Mode) -> Option<Value> {
        match mode {
            Mode::Value => Some(v),
            Mode::Tail => {
                self.b.ins().return_(&[v]);
                self.dead();
                None
            }
        }
    }

    // ---- Expressions ------------------------------------------------------------------------

    fn value(&mut self, e: &CExpr) -> Result<Value, CodegenError> {
        Ok(self.compile(e, Mode::Value)?.expect("value mode yields a value"))
    }

    /// The values of `es`, computed right to left as OCaml's native code does (arguments of
    /// applications, primitives and constructors).
    fn values(&mut self, es: &[CExpr]) -> Result<Vec<Value>, CodegenError> {
        let mut vs = es.iter().rev().map(|e| self.value(e)).collect::<Result<Vec<_>, _>>()?;
        vs.reverse();
        Ok(vs)
    }

    /// Compile `e`; in `Mode::Value` return its value, in `Mode::Tail` return from the function.
    /// The variables `e` binds go out of scope after it.
    fn compile(&mut self, e: &CExpr, mode: Mode) -> Result<Option<Value>, CodegenError> {
        let mark = self.scope.len();
        let r = self.compile_in_scope(e, mode);
        self.scope.truncate(mark);
        r
    }

    fn compile_in_scope(&mut self, e: &CExpr, mode: Mode) -> Result<Option<Value>, CodegenError> {
        match e {
            CExpr::Var(v) => {
                let var = *self
                    .vars
                    .get(v)
                    .ok_or_else(|| CodegenError(format!("unbound variable {:?} in code generation", v)))?;
                let x = self.b.use_var(var);
                let x = match self.reprs.get(v).copied() {
                    Some(r) => self.box_repr(x, r)?,
                    None => x,
                };
                Ok(self.finish(x, mode))
            }
            CExpr::Const(c) => {
                let v = self.constant(c)?;
                Ok(self.finish(v, mode))
            }
            CExpr::Apply(f, args) => {
                let avs = self.values(args)?;
                let fv = self.value(f)?;
                self.apply(fv, &avs, mode)
            }
            CExpr::DirectApply(fid, args, clos) => {
                let mut avs = self.values(args)?;
                avs.push(self.value(clos)?);
                let id = self.ids[*fid];
                let r = self.funcref(id);
                match mode {
                    Mode::Tail => {
                        self.b.ins().return_call(r, &avs);
                        self.dead();
                        Ok(None)
                    }
                    Mode::Value => {
                        let inst = self.b.ins().call(r, &avs);
                        let v = self.b.inst_results(inst)[0];
                        Ok(Some(self.val(v)))
                    }
                }
            }
            CExpr::MakeClosures(fids, captured) => {
                let v = self.make_closures(fids, captured)?;
                Ok(self.finish(v, mode))
            }
            CExpr::Offset(e, words) => {
                let v = self.value(e)?;
                let r = self.b.ins().iadd_imm_s(v, words * 8);
                let r = self.val(r);
                Ok(self.finish(r, mode))
            }
            CExpr::Let(v, def, body) | CExpr::LetMut(v, def, body) => {
                self.bind_let(v, def)?;
                self.compile(body, mode)
            }
            CExpr::Assign(v, e) => {
                let x = match self.reprs.get(v).copied() {
                    Some(r) => self.unboxed(e, r)?,
                    None => self.value(e)?,
                };
                let var = *self.vars.get(v).ok_or_else(|| CodegenError(format!("assignment to unbound {:?}", v)))?;
                self.b.def_var(var, x);
                let u = self.unit();
                Ok(self.finish(u, mode))
            }
            CExpr::Prim(p, args) => {
                let v = self.prim(p, args)?;
                Ok(self.finish(v, mode))
            }
            CExpr::Sequence(a, b) => {
                self.compile(a, Mode::Value)?;
                self.compile(b, mode)
            }
            CExpr::Loc(d, inner) => {
                let saved = self.enter_loc(d);
                let r = self.compile(inner, mode);
                self.leave_loc(saved);
                r
            }
            CExpr::IfThenElse(c, a, b) => {
                let cond = self.condition(c)?;
                let then_b = self.b.create_block();
                let else_b = self.b.create_block();
                self.b.ins().brif(cond, then_b, &[], else_b, &[]);
                let join = self.join(mode);
                self.b.switch_to_block(then_b);
                self.arm(a, mode, join)?;
                self.b.switch_to_block(else_b);
                self.arm(b, mode, join)?;
                Ok(self.after_join(join))
            }
            CExpr::Switch(scrut, sw) => self.switch(scrut, sw, mode),
            CExpr::StringSwitch(scrut, cases, default) => self.string_switch(scrut, cases, default.as_deref(), mode),
            CExpr::StaticRaise(lbl, args) => {
                let avs = self.values(args)?;
                let (blk, vars) = self
                    .catches
                    .get(lbl)
                    .cloned()
                    .ok_or_else(|| CodegenError(format!("static exit {} without handler", lbl)))?;
                for (var, v) in vars.iter().zip(avs) {
                    self.b.def_var(*var, v);
                }
                self.b.ins().jump(blk, &[]);
                self.dead();
                Ok(match mode {
                    Mode::Value => Some(self.iconst(1)),
                    Mode::Tail => None,
                })
            }
            CExpr::StaticCatch(body, lbl, vars, handler) => {
                let hblk = self.b.create_block();
                let mut hvars = Vec::new();
                for v in vars {
                    let var = self.b.declare_var(I64);
                    self.b.declare_var_needs_stack_map(var);
                    let u = self.unit();
                    self.b.def_var(var, u);
                    self.vars.insert(v.clone(), var);
                    hvars.push(var);
                }
                self.catches.insert(*lbl, (hblk, hvars));
                let join = self.join(mode);
                self.arm(body, mode, join)?;
                self.b.switch_to_block(hblk);
                // The body may have rebound the same variables (or-patterns); the handler sees
                // the values passed by the exits.
                let hvars = self.catches[lbl].1.clone();
                for (v, var) in vars.iter().zip(hvars) {
                    self.vars.insert(v.clone(), var);
                    self.scope.push((var, None));
                }
                self.arm(handler, mode, join)?;
                Ok(self.after_join(join))
            }
            CExpr::TryWith(fid, args, v, handler) => self.try_with(*fid, args, v, handler, mode),
            CExpr::While(c, body) => {
                let head = self.b.create_block();
                let body_b = self.b.create_block();
                let exit = self.b.create_block();
                self.b.ins().jump(head, &[]);
                self.b.switch_to_block(head);
                let cond = self.condition(c)?;
                self.b.ins().brif(cond, body_b, &[], exit, &[]);
                self.b.switch_to_block(body_b);
                self.compile(body, Mode::Value)?;
                self.poll()?;
                self.b.ins().jump(head, &[]);
                self.b.switch_to_block(exit);
                let u = self.unit();
                Ok(self.finish(u, mode))
            }
            CExpr::For(v, lo, hi, dir, body) => {
                let l = self.value(lo)?;
                let h = self.value(hi)?;
                let hv = self.b.declare_var(I64);
                self.b.def_var(hv, h);
                self.bind(v, l);
                let ivar = self.vars[v];
                let body_b = self.b.create_block();
                let exit = self.b.create_block();
                let skip_cc = if *dir == Direction::Upto { IntCC::SignedGreaterThan } else { IntCC::SignedLessThan };
                let skip = self.b.ins().icmp(skip_cc, l, h);
                self.b.ins().brif(skip, exit, &[], body_b, &[]);
                self.b.switch_to_block(body_b);
                self.compile(body, Mode::Value)?;
                let i = self.b.use_var(ivar);
                let h = self.b.use_var(hv);
                let done = self.b.ins().icmp(IntCC::Equal, i, h);
                let next = self.b.create_block();
                self.b.ins().brif(done, exit, &[], next, &[]);
                self.b.switch_to_block(next);
                let step = if *dir == Direction::Upto { 2 } else { -2 };
                let i2 = self.b.ins().iadd_imm_s(i, step);
                self.b.def_var(ivar, i2);
                self.poll()?;
                self.b.ins().jump(body_b, &[]);
                self.b.switch_to_block(exit);
                let u = self.unit();
                Ok(self.finish(u, mode))
            }
        }
    }

    /// A join block for branches in value mode.
    fn join(&mut self, mode: Mode) -> Option<Block> {
        match mode {
            Mode::Tail => None,
            Mode::Value => {
                let j = self.b.create_block();
                let p = self.b.append_block_param(j, I64);
                self.b.declare_value_needs_stack_map(p);
                Some(j)
            }
        }
    }

    fn arm(&mut self, e: &CExpr, mode: Mode, join: Option<Block>) -> Result<(), CodegenError> {
        let r = self.compile(e, mode)?;
        if let (Some(j), Some(v)) = (join, r) {
            self.b.ins().jump(j, &[BlockArg::Value(v)]);
        }
        Ok(())
    }

    fn after_join(&mut self, join: Option<Block>) -> Option<Value> {
        join.map(|j| {
            self.b.switch_to_block(j);
            self.b.block_params(j)[0]
        })
    }

    /// A condition as a Cranelift boolean, avoiding tagging for comparisons.
    fn condition(&mut self, c: &CExpr) -> Result<Value, CodegenError> {
        if let CExpr::Prim(p, args) = c {
            match p {
                Primitive::IntComp(cmp) | Primitive::FloatComp(cmp) if args.len() == 2 => {
                    if let Primitive::FloatComp(_) = p {
                        let b = self.float(&args[1])?;
                        let a = self.float(&args[0])?;
                        return Ok(self.b.ins().fcmp(float_cc(*cmp), a, b));
                    }
                    let b = self.value(&args[1])?;
                    let a = self.value(&args[0])?;
                    return Ok(self.b.ins().icmp(int_cc(*cmp), a, b));
                }
                Primitive::BoxedOp(k, BoxedOp::Comp(cmp)) if args.len() == 2 => {
                    return self.boxed_int_condition(*k, *cmp, args);
                }
                Primitive::PhysEq | Primitive::PhysNe => {
                    let b = self.value(&args[1])?;
                    let a = self.value(&args[0])?;
                    let cc = if *p == Primitive::PhysEq { IntCC::Equal } else { IntCC::NotEqual };
                    return Ok(self.b.ins().icmp(cc, a, b));
                }
                Primitive::Not => {
                    let a = self.value(&args[0])?;
                    return Ok(self.b.ins().icmp_imm_s(IntCC::Equal, a, 1));
                }
                Primitive::IsInt => {
                    let a = self.value(&args[0])?;
                    let bit = self.b.ins().band_imm_s(a, 1);
                    return Ok(self.b.ins().icmp_imm_s(IntCC::NotEqual, bit, 0));
                }
                _ => {}
            }
        }
        let v = self.value(c)?;
        Ok(self.b.ins().icmp_imm_s(IntCC::NotEqual, v, 1))
    }

    fn apply(&mut self, f: Value, args: &[Value], mode: Mode) -> Result<Option<Value>, CodegenError> {
        let mut all = args.to_vec();
        all.push(f);
        if args.len() == 1 {
            let code = self.load(f, 0);
            let sig = self.be.ocaml_sig(2);
            let sigref = self.b.import_signature(sig);
            return Ok(match mode {
                Mode::Tail => {
                    self.b.ins().return_call_indirect(sigref, code, &all);
                    self.dead();
                    None
                }
                Mode::Value => {
                    let inst = self.b.ins().call_indirect(sigref, code, &all);
                    let v = self.b.inst_results(inst)[0];
                    Some(self.val(v))
                }
            });
        }
        let id = self.be.helper(Helper::Apply(args.len()))?;
        let r = self.funcref(id);
        Ok(match mode {
            Mode::Tail => {
                self.b.ins().return_call(r, &all);
                self.dead();
                None
            }
            Mode::Value => {
                let inst = self.b.ins().call(r, &all);
                let v = self.b.inst_results(inst)[0];
                Some(self.val(v))
            }
        })
    }

    fn make_closures(&mut self, fids: &[FunId], captured: &[CExpr]) -> Result<Value, CodegenError> {
        let prog = self.prog.ok_or_else(|| CodegenError("closures outside a program".into()))?;
        let arities: Vec<usize> = fids.iter().map(|&f| prog.functions[f].arity()).collect();
        let layout = ClosureLayout::new(&arities);
        let mut cvs = self.values(captured)?;
        let size = layout.env_start + cvs.len();
        let blk = self.alloc_carrying(size, CLOSURE_TAG, &mut cvs)?;
        for (i, &fid) in fids.iter().enumerate() {
            let pos = layout.positions[i];
            if i > 0 {
                let h = self.iconst(((pos as i64) << 10) | INFIX_TAG as i64);
                self.store(h, blk, (pos as i32 - 1) * 8);
            }
            let arity = arities[i];
            let own = self.ids[fid];
            let own_ref = self.funcref(own);
            let own_addr = self.b.ins().func_addr(I64, own_ref);
            let entry = if arity == 1 {
                own_addr
            } else {
                let c = self.be.helper(Helper::Curry(arity, 0))?;
                let cr = self.funcref(c);
                self.b.ins().func_addr(I64, cr)
            };
            self.store(entry, blk, pos as i32 * 8);
            let info = closinfo(arity, layout.env_start - pos);
            let infov = self.iconst(info);
            self.store(infov, blk, pos as i32 * 8 + 8);
            if arity > 1 {
                self.store(own_addr, blk, pos as i32 * 8 + 16);
            }
        }
        for (j, v) in cvs.into_iter().enumerate() {
            self.store(v, blk, ((layout.env_start + j) * 8) as i32);
        }
        Ok(blk)
    }

    fn constant(&mut self, c: &Constant) -> Result<Value, CodegenError> {
        match c {
            Constant::Int(n) => Ok(self.iconst(n.wrapping_shl(1) | 1)),
            Constant::Block(tag, fields) if fields.is_empty() => {
                let id = self.be.constant_data(&Constant::Block(*tag, vec![]))?;
                let a = self.data_addr(id);
                Ok(self.b.ins().iadd_imm_s(a, 8))
            }
            _ => {
                let id = self.be.constant_data(c)?;
                let a = self.data_addr(id);
                let v = self.b.ins().iadd_imm_s(a, 8);
                Ok(self.val(v))
            }
        }
    }

    /// An unboxed float: float primitives compute without boxing intermediates.
    fn float(&mut self, e: &CExpr) -> Result<Value, CodegenError> {
        self.unboxed(e, Repr::Float)
    }

    /// Address of element `i` (tagged) of an array or float array, bounds-checked when `safe`.
    fn array_addr(&mut self, a: Value, i: Value, safe: bool) -> Result<Value, CodegenError> {
        let idx = self.untag(i);
        if safe {
            let h = self.load(a, -8);
            let size = self.b.ins().ushr_imm_s(h, 10);
            let oob = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, idx, size);
            self.raise_if(oob, "caml_raise_bound_error")?;
        }
        let off = self.b.ins().ishl_imm_s(idx, 3);
        Ok(self.b.ins().iadd(a, off))
    }

    fn string_length_raw(&mut self, s: Value) -> Value {
        let h = self.load(s, -8);
        let wos = self.b.ins().ushr_imm_s(h, 10);
        let bytes = self.b.ins().ishl_imm_s(wos, 3);
        let last = self.b.ins().iadd(s, bytes);
        let pad = self.b.ins().uload8(I64, flags(), last, -1);
        let b1 = self.b.ins().iadd_imm_s(bytes, -1);
        self.b.ins().isub(b1, pad)
    }

    fn string_addr(&mut self, s: Value, i: Value, safe: bool) -> Result<Value, CodegenError> {
        let idx = self.untag(i);
        if safe {
            let len = self.string_length_raw(s);
            let oob = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, idx, len);
            self.raise_if(oob, "caml_raise_bound_error")?;
        }
        Ok(self.b.ins().iadd(s, idx))
    }

    fn is_float_array(&mut self, a: Value) -> Value {
        let tag = self.b.ins().uload8(I64, flags(), a, -8);
        self.b.ins().icmp_imm_s(IntCC::Equal, tag, DOUBLE_ARRAY_TAG as i64)
    }

    fn prim(&mut self, p: &Primitive, args: &[CExpr]) -> Result<Value, CodegenError> {
        use Primitive as P;
        // Float-valued primitives: compute unboxed, box once.
        if let Some(r) = unbox::prim_result(p, args.len()) {
            if let Some(v) = self.unboxed_prim(p, args, r)? {
                return self.box_repr(v, r);
            }
        }
        match p {
            P::BoxedOp(k, op) => {
                if let Some(v) = self.boxed_int_to_value(*k, *op, args)? {
                    return Ok(v);
                }
            }
            P::IntOfFloat => {
                let f = self.float(&args[0])?;
                let n = self.b.ins().fcvt_to_sint_sat(I64, f);
                return Ok(self.tag_int(n));
            }
            P::FloatComp(c) => {
                let b = self.float(&args[1])?;
                let a = self.float(&args[0])?;
                let r = self.b.ins().fcmp(float_cc(*c), a, b);
                return Ok(self.tag_bool(r));
            }
            P::SetFloatField(i) => {
                let f = self.float(&args[1])?;
                let a = self.value(&args[0])?;
                self.b.ins().store(flags(), f, a, (*i * 8) as i32);
                return Ok(self.unit());
            }
            P::MakeFloatBlock(_) | P::MakeArray(ArrayKind::Float, _) => {
                let mut fs: Vec<Value> = args.iter().rev().map(|a| self.float(a)).collect::<Result<_, _>>()?;
                fs.reverse();
                if fs.is_empty() {
                    return self.constant(&Constant::Block(0, vec![]));
                }
                let blk = self.alloc(fs.len(), DOUBLE_ARRAY_TAG)?;
                for (i, f) in fs.into_iter().enumerate() {
                    self.b.ins().store(flags(), f, blk, (i * 8) as i32);
                }
                return Ok(blk);
            }
            P::ArraySet(ArrayKind::Float, safe) => {
                let f = self.float(&args[2])?;
                let i = self.value(&args[1])?;
                let a = self.value(&args[0])?;
                let addr = self.array_addr(a, i, *safe)?;
                self.b.ins().store(flags(), f, addr, 0);
                return Ok(self.unit());
            }
            _ => {}
        }
        let a = self.values(args)?;
        Ok(match p {
            P::Global(sym) => {
                let id = self.be.import_data(sym)?;
                let addr = self.data_addr(id);
                self.b.ins().iadd_imm_s(addr, 8)
            }
            P::PredefExn(name) => {
                let id = self.be.import_data(&format!("caml_exn_{}", name))?;
                let addr = self.data_addr(id);
                let v = self.load(addr, 0);
                self.val(v)
            }
            P::MakeBlock(..) | P::MakeArray(ArrayKind::Addr | ArrayKind::Int, _) => {
                let tag = if let P::MakeBlock(t, _) = p { *t } else { 0 };
                if a.is_empty() {
                    return self.constant(&Constant::Block(tag, vec![]));
                }
                let mut a = a;
                let blk = self.alloc_carrying(a.len(), tag, &mut a)?;
                for (i, v) in a.into_iter().enumerate() {
                    self.store(v, blk, (i * 8) as i32);
                }
                blk
            }
            P::MakeArray(ArrayKind::Gen, _) => {
                if a.is_empty() {
                    return self.constant(&Constant::Block(0, vec![]));
                }
                let mut a = a;
                let blk = self.alloc_carrying(a.len(), 0, &mut a)?;
                for (i, v) in a.into_iter().enumerate() {
                    self.store(v, blk, (i * 8) as i32);
                }
                // Turns the block into a flat float array when its elements are floats.
                self.c_call("caml_make_array", &[blk])?
            }
            P::Field(i) => {
                let v = self.load(a[0], (*i * 8) as i32);
                self.val(v)
            }
            P::FieldDyn => {
                let idx = self.untag(a[1]);
                let off = self.b.ins().ishl_imm_s(idx, 3);
                let addr = self.b.ins().iadd(a[0], off);
                let v = self.load(addr, 0);
                self.val(v)
            }
            P::SetField(i, barrier) => {
                if *barrier {
                    let addr = self.b.ins().iadd_imm_s(a[0], (*i * 8) as i64);
                    self.c_call_noalloc("caml_modify", &[addr, a[1]])?;
                } else {
                    self.store(a[1], a[0], (*i * 8) as i32);
                }
                self.unit()
            }
            P::Raise(kind) => {
                // `raise_with_backtrace`: install the given backtrace, and continue it.
                let kind = if let [exn, bt] = a[..] {
                    self.c_call_noalloc("caml_restore_raw_backtrace", &[exn, bt])?;
                    crate::lambda::RaiseKind::Reraise
                } else {
                    *kind
                };
                self.raise(a[0], kind)?;
                self.unit()
            }
            P::AddInt => {
                let s = self.b.ins().iadd(a[0], a[1]);
                self.b.ins().iadd_imm_s(s, -1)
            }
            P::SubInt => {
                let s = self.b.ins().isub(a[0], a[1]);
                self.b.ins().iadd_imm_s(s, 1)
            }
            P::MulInt => {
                let x = self.b.ins().iadd_imm_s(a[0], -1);
                let y = self.untag(a[1]);
                let m = self.b.ins().imul(x, y);
                self.b.ins().iadd_imm_s(m, 1)
            }
            P::DivInt | P::ModInt => {
                let zero = self.b.ins().icmp_imm_s(IntCC::Equal, a[1], 1);
                self.raise_if(zero, "caml_raise_zero_divide")?;
                let x = self.untag(a[0]);
                let y = self.untag(a[1]);
                let r = if *p == P::DivInt { self.b.ins().sdiv(x, y) } else { self.b.ins().srem(x, y) };
                self.tag_int(r)
            }
            P::AndInt => self.b.ins().band(a[0], a[1]),
            P::OrInt => self.b.ins().bor(a[0], a[1]),
            P::XorInt => {
                let x = self.b.ins().bxor(a[0], a[1]);
                self.b.ins().bor_imm_s(x, 1)
            }
            P::LslInt => {
                let x = self.b.ins().iadd_imm_s(a[0], -1);
                let n = self.untag(a[1]);
                let s = self.b.ins().ishl(x, n);
                self.b.ins().bor_imm_s(s, 1)
            }
            P::LsrInt => {
                let n = self.untag(a[1]);
                let s = self.b.ins().ushr(a[0], n);
                self.b.ins().bor_imm_s(s, 1)
            }
            P::AsrInt => {
                let n = self.untag(a[1]);
                let s = self.b.ins().sshr(a[0], n);
                self.b.ins().bor_imm_s(s, 1)
            }
            P::NegInt => {
                let two = self.iconst(2);
                self.b.ins().isub(two, a[0])
            }
            P::OffsetInt(n) => self.b.ins().iadd_imm_s(a[0], n.wrapping_mul(2)),
            P::OffsetRef(n) => {
                let v = self.load(a[0], 0);
                let v2 = self.b.ins().iadd_imm_s(v, n.wrapping_mul(2));
                self.store(v2, a[0], 0);
                self.unit()
            }
            P::IntComp(c) => {
                let r = self.b.ins().icmp(int_cc(*c), a[0], a[1]);
                self.tag_bool(r)
            }
            P::Not => {
                let four = self.iconst(4);
                self.b.ins().isub(four, a[0])
            }
            P::IsInt => {
                let bit = self.b.ins().band_imm_s(a[0], 1);
                let s = self.b.ins().ishl_imm_s(bit, 1);
                self.b.ins().bor_imm_s(s, 1)
            }
            P::PhysEq | P::PhysNe => {
                let cc = if *p == P::PhysEq { IntCC::Equal } else { IntCC::NotEqual };
                let r = self.b.ins().icmp(cc, a[0], a[1]);
                self.tag_bool(r)
            }
            P::StringLength | P::BytesLength => {
                let n = self.string_length_raw(a[0]);
                self.tag_int(n)
            }
            P::StringRef { safe } | P::BytesRef { safe } => {
                let addr = self.string_addr(a[0], a[1], *safe)?;
                let c = self.b.ins().uload8(I64, flags(), addr, 0);
                self.tag_int(c)
            }
            P::BytesSet { safe } => {
                let addr = self.string_addr(a[0], a[1], *safe)?;
                let c = self.untag(a[2]);
                let c8 = self.b.ins().ireduce(I8, c);
                self.b.ins().store(flags(), c8, addr, 0);
                self.unit()
            }
            P::ArrayLength(_) => {
                let h = self.load(a[0], -8);
                let n = self.b.ins().ushr_imm_s(h, 10);
                self.tag_int(n)
            }
            P::ArrayRef(kind, safe) => {
                let addr = self.array_addr(a[0], a[1], *safe)?;
                if *kind == ArrayKind::Gen {
                    let isf = self.is_float_array(a[0]);
                    let fb = self.b.create_block();
                    let vb = self.b.create_block();
                    let join = self.join(Mode::Value).expect("join");
                    // Arrays of unknown element type are rarely float arrays.
                    self.b.set_cold_block(fb);
                    self.b.ins().brif(isf, fb, &[], vb, &[]);
                    self.b.switch_to_block(fb);
                    let f = self.b.ins().load(F64, flags(), addr, 0);
                    let boxed = self.box_float(f)?;
                    self.b.ins().jump(join, &[BlockArg::Value(boxed)]);
                    self.b.switch_to_block(vb);
                    let v = self.load(addr, 0);
                    self.b.ins().jump(join, &[BlockArg::Value(v)]);
                    self.after_join(Some(join)).expect("join value")
                } else {
                    let v = self.load(addr, 0);
                    self.val(v)
                }
            }
            P::ArraySet(kind, safe) => {
                let addr = self.array_addr(a[0], a[1], *safe)?;
                match kind {
                    ArrayKind::Int => self.store(a[2], addr, 0),
                    ArrayKind::Addr => {
                        self.c_call_noalloc("caml_modify", &[addr, a[2]])?;
                    }
                    _ => {
                        let isf = self.is_float_array(a[0]);
                        let fb = self.b.create_block();
                        let vb = self.b.create_block();
                        let join = self.b.create_block();
                        self.b.ins().brif(isf, fb, &[], vb, &[]);
                        self.b.switch_to_block(fb);
                        let f = self.unbox_float(a[2]);
                        self.b.ins().store(flags(), f, addr, 0);
                        self.b.ins().jump(join, &[]);
                        self.b.switch_to_block(vb);
                        self.c_call_noalloc("caml_modify", &[addr, a[2]])?;
                        self.b.ins().jump(join, &[]);
                        self.b.switch_to_block(join);
                    }
                }
                self.unit()
            }
            P::BoxedOp(kind, op) => self.boxed_op(*kind, *op, &a)?,
            P::CCall { name, alloc, .. } => {
                if *alloc {
                    self.c_call(name, &a)?
                } else {
                    let v = self.c_call_noalloc(name, &a)?;
                    self.val(v)
                }
            }
            P::Identity => a[0],
            P::Ignore => self.unit(),
            other => return Err(CodegenError(format!("primitive {:?} not handled", other))),
        })
    }

    /// Boxed integer operations without an inline form (division, remainder) call the runtime.
    fn boxed_op(&mut self, kind: BoxedInt, op: BoxedOp, a: &[Value]) -> Result<Value, CodegenError> {
        let k = match kind {
            BoxedInt::Int32 => "int32",
            BoxedInt::Int64 => "int64",
            BoxedInt::Nativeint => "nativeint",
        };
        let name = match op {
            BoxedOp::Add => "add",
            BoxedOp::Sub => "sub",
            BoxedOp::Mul => "mul",
            BoxedOp::Div => "div",
            BoxedOp::Mod => "mod",
            BoxedOp::And => "and",
            BoxedOp::Or => "or",
            BoxedOp::Xor => "xor",
            BoxedOp::Lsl => "shift_left",
            BoxedOp::Lsr => "shift_right_unsigned",
            BoxedOp::Asr => "shift_right",
            BoxedOp::Neg => "neg",
            BoxedOp::OfInt => "of_int",
            BoxedOp::ToInt => "to_int",
            BoxedOp::Comp(c) => {
                let r = self.c_call(&format!("caml_{}_compare", k), a)?;
                let zero = self.iconst(1);
                let cmp = self.b.ins().icmp(int_cc(c), r, zero);
                return Ok(self.tag_bool(cmp));
            }
        };
        self.c_call(&format!("caml_{}_{}", k, name), a)
    }

    fn switch(&mut self, scrut: &CExpr, sw: &CSwitch, mode: Mode) -> Result<Option<Value>, CodegenError> {
        let s = self.value(scrut)?;
        let join = self.join(mode);
        let default_b = self.b.create_block();
        // Blocks for each case.
        let const_blocks: Vec<(i64, Block)> = sw.consts.iter().map(|(n, _)| (*n, self.b.create_block())).collect();
        let tag_blocks: Vec<(u8, Block)> = sw.blocks.iter().map(|(t, _)| (*t, self.b.create_block())).collect();
        let const_default = if sw.default.is_some() || const_blocks.is_empty() {
            default_b
        } else {
            const_blocks[0].1
        };
        let tag_default = if sw.default.is_some() || tag_blocks.is_empty() { default_b } else { tag_blocks[0].1 };
        let emit_consts = |me: &mut Self| {
            let mut swi = Switch::new();
            for &(n, blk) in &const_blocks {
                swi.set_entry(n as u64 as u128, blk);
            }
            let n = me.untag(s);
            swi.emit(&mut me.b, n, const_default);
        };
        let emit_tags = |me: &mut Self| {
            let mut swi = Switch::new();
            for &(t, blk) in &tag_blocks {
                swi.set_entry(t as u128, blk);
            }
            let tag = me.b.ins().uload8(I64, flags(), s, -8);
            swi.emit(&mut me.b, tag, tag_default);
        };
        match (const_blocks.is_empty(), tag_blocks.is_empty()) {
            (false, false) => {
                let cb = self.b.create_block();
                let tb = self.b.create_block();
                let bit = self.b.ins().band_imm_s(s, 1);
                self.b.ins().brif(bit, cb, &[], tb, &[]);
                self.b.switch_to_block(cb);
                emit_consts(self);
                self.b.switch_to_block(tb);
                emit_tags(self);
            }
            (false, true) => emit_consts(self),
            (true, false) => emit_tags(self),
            (true, true) => {
                self.b.ins().jump(default_b, &[]);
            }
        }
        for ((_, blk), (_, e)) in const_blocks.iter().zip(&sw.consts) {
            self.b.switch_to_block(*blk);
            self.arm(e, mode, join)?;
        }
        for ((_, blk), (_, e)) in tag_blocks.iter().zip(&sw.blocks) {
            self.b.switch_to_block(*blk);
            self.arm(e, mode, join)?;
        }
        self.b.switch_to_block(default_b);
        match &sw.default {
            Some(d) => self.arm(d, mode, join)?,
            None => {
                self.b.ins().trap(ir::TrapCode::unwrap_user(2));
                self.dead();
                if let Some(j) = join {
                    let u = self.unit();
                    self.b.ins().jump(j, &[BlockArg::Value(u)]);
                } else {
                    let u = self.unit();
                    self.b.ins().return_(&[u]);
                }
            }
        }
        Ok(self.after_join(join))
    }

    fn string_switch(
        &mut self,
        scrut: &CExpr,
        cases: &[(std::rc::Rc<[u8]>, CExpr)],
        default: Option<&CExpr>,
        mode: Mode,
    ) -> Result<Option<Value>, CodegenError> {
        let s = self.value(scrut)?;
        let join = self.join(mode);
        for (i, (k, e)) in cases.iter().enumerate() {
            let last_without_default = default.is_none() && i + 1 == cases.len();
            if last_without_default {
                self.arm(e, mode, join)?;
                return Ok(self.after_join(join));
            }
            let kv = self.constant(&Constant::String(k.clone()))?;
            let eq = self.c_call_noalloc("caml_string_equal", &[s, kv])?;
            let hit = self.b.ins().icmp_imm_s(IntCC::NotEqual, eq, 1);
            let yes = self.b.create_block();
            let no = self.b.create_block();
            self.b.ins().brif(hit, yes, &[], no, &[]);
            self.b.switch_to_block(yes);
            self.arm(e, mode, join)?;
            self.b.switch_to_block(no);
        }
        match default {
            Some(d) => self.arm(d, mode, join)?,
            None => {
                let u = self.unit();
                if let Some(j) = join {
                    self.b.ins().jump(j, &[BlockArg::Value(u)]);
                } else {
                    self.b.ins().return_(&[u]);
                }
            }
        }
        Ok(self.after_join(join))
    }

    /// `try`: call the outlined body under a handler record; a raise lands in the exception
    /// block with the payload.
    fn try_with(
        &mut self,
        fid: FunId,
        args: &[CExpr],
        v: &Var,
        handler: &CExpr,
        mode: Mode,
    ) -> Result<Option<Value>, CodegenError> {
        let avs = self.values(args)?;
        let fr = self.funcref(self.ids[fid]);
        let call = self.protected_call(Callee::Direct(fr), &avs)?;
        let join = self.join(mode);
        self.b.switch_to_block(call.ok_block);
        self.b.declare_value_needs_stack_map(call.ok_value);
        let r = self.finish(call.ok_value, mode);
        if let (Some(j), Some(r)) = (join, r) {
            self.b.ins().jump(j, &[BlockArg::Value(r)]);
        }
        self.b.switch_to_block(call.exn_block);
        self.b.declare_value_needs_stack_map(call.exn_value);
        self.bind(v, call.exn_value);
        self.arm(handler, mode, join)?;
        Ok(self.after_join(join))
    }

    /// Push a handler record (previous record, handler address, SP, FP) onto
    /// `caml_state.exn_handler` and `try_call` the callee. The normal return pops the record
    /// (before control reaches `ok_block`); a raise has popped it already.
    pub(crate) fn protected_call(&mut self, callee: Callee, args: &[Value]) -> Result<ProtectedCall, CodegenError> {
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 32, 3));
        let st = self.state_addr()?;
        let prev = self.load(st, STATE_EXN_HANDLER);
        self.b.ins().stack_store(I64, prev, slot, 0);
        let sp = self.b.ins().get_stack_pointer(I64);
        let fp = self.b.ins().get_frame_pointer(I64);
        self.b.ins().stack_store(I64, sp, slot, 16);
        self.b.ins().stack_store(I64, fp, slot, 24);
        // The block ending in the try_call is named by get_exception_handler_address, which
        // cannot name the entry block: start a fresh one.
        let cur = self.b.create_block();
        self.b.ins().jump(cur, &[]);
        self.b.switch_to_block(cur);
        let pc = self.b.ins().get_exception_handler_address(I64, cur, 0);
        self.b.ins().stack_store(I64, pc, slot, 8);
        let rec = self.b.ins().stack_addr(I64, slot, 0);
        self.store(rec, st, STATE_EXN_HANDLER);

        let returned = self.b.create_block();
        let ret_v = self.b.append_block_param(returned, I64);
        let exn_block = self.b.create_block();
        let exn_value = self.b.append_block_param(exn_block, I64);
        let sigref = match callee {
            Callee::Direct(fr) => self.b.func.dfg.ext_funcs[fr].signature,
            Callee::Indirect(_, sig) => sig,
        };
        let normal = BlockCall::new(returned, [BlockArg::TryCallRet(0)], &mut self.b.func.dfg.value_lists);
        let on_exn = BlockCall::new(exn_block, [BlockArg::TryCallExn(0)], &mut self.b.func.dfg.value_lists);
        let table = self
            .b
            .func
            .dfg
            .exception_tables
            .push(ExceptionTableData::new(sigref, normal, [ExceptionTableItem::Default(on_exn)]));
        // The call of an outlined `try` body is no call in the source: no backtrace entry.
        let saved = self.b.srcloc();
        self.b.set_srcloc(ir::SourceLoc::default());
        match callee {
            Callee::Direct(fr) => self.b.ins().try_call(fr, args, table),
            Callee::Indirect(code, _) => self.b.ins().try_call_indirect(code, args, table),
        };
        self.b.set_srcloc(saved);
        // Normal return: pop the record.
        self.b.switch_to_block(returned);
        let prev = self.b.ins().stack_load(I64, I64, slot, 0);
        let st = self.state_addr()?;
        self.store(prev, st, STATE_EXN_HANDLER);
        let ok_block = self.b.create_block();
        let ok_value = self.b.append_block_param(ok_block, I64);
        self.b.ins().jump(ok_block, &[BlockArg::Value(ret_v)]);
        Ok(ProtectedCall { ok_block, ok_value, exn_block, exn_value })
    }
}

/// The function a protected call calls.
#[derive(Copy, Clone)]
pub(crate) enum Callee {
    Direct(FuncRef),
    /// A code pointer called with the given signature.
    Indirect(Value, ir::SigRef),
}

/// The blocks a protected call continues in: `ok_block(ok_value)` after a normal return,
/// `exn_block(exn_value)` after a raise.
pub(crate) struct ProtectedCall {
    pub ok_block: Block,
    pub ok_value: Value,
    pub exn_block: Block,
    pub exn_value: Value,
}

pub(crate) fn closinfo(arity: usize, startenv: usize) -> i64 {
    ((arity as i64) << 56) | ((startenv as i64) << 1) | 1
}

pub(crate) fn int_cc(c: Comparison) -> IntCC {
    match c {
        Comparison::Eq => IntCC::Equal,
        Comparison::Ne => IntCC::NotEqual,
        Comparison::Lt => IntCC::SignedLessThan,
        Comparison::Le => IntCC::SignedLessThanOrEqual,
        Comparison::Gt => IntCC::SignedGreaterThan,
        Comparison::Ge => IntCC::SignedGreaterThanOrEqual,
    }
}

fn float_cc(c: Comparison) -> FloatCC {
    match c {
        Comparison::Eq => FloatCC::Equal,
        Comparison::Ne => FloatCC::NotEqual,
        Comparison::Lt => FloatCC::LessThan,
        Comparison::Le => FloatCC::LessThanOrEqual,
        Comparison::Gt => FloatCC::GreaterThan,
        Comparison::Ge => FloatCC::GreaterThanOrEqual,
    }
}

#[allow(dead_code)]
const _TAGS: [u8; 3] = [STRING_TAG, CUSTOM_TAG, CLOSURE_TAG];
