//! Unboxed floats and boxed integers: computing them as raw F64 / I64 values, and boxing them
//! where an OCaml value is needed. Which variables stay unboxed is decided by `codegen::unbox`.

use super::{flags, int_cc, Emitter, Mode, CUSTOM_TAG};
use crate::codegen::unbox::{FloatPrim, Repr};
use crate::codegen::CodegenError;
use crate::lambda::{ArrayKind, BoxedInt, BoxedOp, Constant, Primitive, Var};
use crate::middle::clambda::CExpr;
use cranelift_codegen::ir::types::{F64, I32, I64};
use cranelift_codegen::ir::{BlockArg, InstBuilder, Type, Value};
use cranelift_module::Module;

fn clif_type(r: Repr) -> Type {
    match r {
        Repr::Float => F64,
        Repr::Int(_) => I64,
    }
}

fn ops_symbol(k: BoxedInt) -> &'static str {
    match k {
        BoxedInt::Int32 => "caml_int32_ops",
        BoxedInt::Int64 => "caml_int64_ops",
        BoxedInt::Nativeint => "caml_nativeint_ops",
    }
}

impl<'a, 'b, M: Module> Emitter<'a, 'b, M> {
    /// Bind a `let` variable: unboxed when the function's plan says so.
    pub(super) fn bind_let(&mut self, v: &Var, def: &CExpr) -> Result<(), CodegenError> {
        match self.plan.get(v).copied() {
            Some(r) => {
                let d = self.unboxed(def, r)?;
                let var = self.b.declare_var(clif_type(r));
                self.b.def_var(var, d);
                self.vars.insert(v.clone(), var);
                self.reprs.insert(v.clone(), r);
                self.scope.push((var, Some(clif_type(r))));
            }
            None => {
                let d = self.value(def)?;
                self.bind(v, d);
            }
        }
        Ok(())
    }

    /// The unboxed value of `e`, an expression of the type `r` represents.
    /// The variables `e` binds go out of scope after it.
    pub(super) fn unboxed(&mut self, e: &CExpr, r: Repr) -> Result<Value, CodegenError> {
        let mark = self.scope.len();
        let v = self.unboxed_in_scope(e, r);
        self.scope.truncate(mark);
        v
    }

    fn unboxed_in_scope(&mut self, e: &CExpr, r: Repr) -> Result<Value, CodegenError> {
        match e {
            CExpr::Const(c) => match (c, r) {
                (Constant::Float(f), Repr::Float) => return Ok(self.b.ins().f64const(*f)),
                (Constant::Int32(n), Repr::Int(BoxedInt::Int32)) => return Ok(self.iconst(*n as i64)),
                (Constant::Int64(n), Repr::Int(BoxedInt::Int64))
                | (Constant::Nativeint(n), Repr::Int(BoxedInt::Nativeint)) => return Ok(self.iconst(*n)),
                _ => {}
            },
            CExpr::Var(v) if self.reprs.get(v) == Some(&r) => {
                let var = self.vars[v];
                return Ok(self.b.use_var(var));
            }
            CExpr::Let(v, def, body) | CExpr::LetMut(v, def, body) => {
                self.bind_let(v, def)?;
                return self.unboxed(body, r);
            }
            CExpr::Sequence(a, b) => {
                self.compile(a, Mode::Value)?;
                return self.unboxed(b, r);
            }
            CExpr::IfThenElse(c, a, b) => {
                let cond = self.condition(c)?;
                let then_b = self.b.create_block();
                let else_b = self.b.create_block();
                let join = self.b.create_block();
                let res = self.b.append_block_param(join, clif_type(r));
                self.b.ins().brif(cond, then_b, &[], else_b, &[]);
                for (blk, arm) in [(then_b, a), (else_b, b)] {
                    self.b.switch_to_block(blk);
                    let v = self.unboxed(arm, r)?;
                    self.b.ins().jump(join, &[BlockArg::Value(v)]);
                }
                self.b.switch_to_block(join);
                return Ok(res);
            }
            CExpr::Prim(p, args) => {
                if let Some(v) = self.unboxed_prim(p, args, r)? {
                    return Ok(v);
                }
            }
            CExpr::Loc(d, inner) => {
                let saved = self.enter_loc(d);
                let v = self.unboxed(inner, r);
                self.leave_loc(saved);
                return v;
            }
            _ => {}
        }
        let v = self.value(e)?;
        Ok(self.unbox_repr(v, r))
    }

    /// A primitive computed inline on unboxed operands, or `None` (nothing emitted) when it has
    /// no inline form.
    pub(super) fn unboxed_prim(&mut self, p: &Primitive, args: &[CExpr], r: Repr) -> Result<Option<Value>, CodegenError> {
        use Primitive as P;
        Ok(Some(match (p, r) {
            (P::AddFloat | P::SubFloat | P::MulFloat | P::DivFloat, Repr::Float) => {
                let b = self.float(&args[1])?;
                let a = self.float(&args[0])?;
                match p {
                    P::AddFloat => self.b.ins().fadd(a, b),
                    P::SubFloat => self.b.ins().fsub(a, b),
                    P::MulFloat => self.b.ins().fmul(a, b),
                    _ => self.b.ins().fdiv(a, b),
                }
            }
            (P::NegFloat, Repr::Float) => {
                let a = self.float(&args[0])?;
                self.b.ins().fneg(a)
            }
            (P::AbsFloat, Repr::Float) => {
                let a = self.float(&args[0])?;
                self.b.ins().fabs(a)
            }
            (P::FloatOfInt, Repr::Float) => {
                let a = self.value(&args[0])?;
                let n = self.untag(a);
                self.b.ins().fcvt_from_sint(F64, n)
            }
            (P::FloatField(i), Repr::Float) => {
                let a = self.value(&args[0])?;
                self.b.ins().load(F64, flags(), a, (*i * 8) as i32)
            }
            (P::ArrayRef(ArrayKind::Float, safe), Repr::Float) => {
                let i = self.value(&args[1])?;
                let a = self.value(&args[0])?;
                let addr = self.array_addr(a, i, *safe)?;
                self.b.ins().load(F64, flags(), addr, 0)
            }
            (P::CCall { name, arity, .. }, Repr::Float) => match FloatPrim::of_c_name(name) {
                Some(fp) if fp.arity() == *arity && args.len() == *arity => self.float_prim(fp, args)?,
                _ => return Ok(None),
            },
            (P::BoxedOp(k, op), Repr::Int(k2)) if *k == k2 => match self.boxed_int_op(*k, *op, args)? {
                Some(v) => v,
                None => return Ok(None),
            },
            _ => return Ok(None),
        }))
    }

    fn float_prim(&mut self, fp: FloatPrim, args: &[CExpr]) -> Result<Value, CodegenError> {
        let mut xs = args.iter().rev().map(|a| self.float(a)).collect::<Result<Vec<_>, _>>()?;
        xs.reverse();
        Ok(match fp {
            FloatPrim::Sqrt => self.b.ins().sqrt(xs[0]),
            FloatPrim::Floor => self.b.ins().floor(xs[0]),
            FloatPrim::Ceil => self.b.ins().ceil(xs[0]),
            FloatPrim::Trunc => self.b.ins().trunc(xs[0]),
            FloatPrim::CopySign => self.b.ins().fcopysign(xs[0], xs[1]),
            FloatPrim::Fma => self.b.ins().fma(xs[0], xs[1], xs[2]),
        })
    }

    /// Inline arithmetic of a boxed integer operation that yields a boxed integer; `None` for
    /// division and remainder (they raise, and min_int / -1 must wrap: the runtime does both).
    fn boxed_int_op(&mut self, k: BoxedInt, op: BoxedOp, args: &[CExpr]) -> Result<Option<Value>, CodegenError> {
        let r = Repr::Int(k);
        let v = match op {
            BoxedOp::Add | BoxedOp::Sub | BoxedOp::Mul | BoxedOp::And | BoxedOp::Or | BoxedOp::Xor => {
                let b = self.unboxed(&args[1], r)?;
                let a = self.unboxed(&args[0], r)?;
                let ins = self.b.ins();
                let x = match op {
                    BoxedOp::Add => ins.iadd(a, b),
                    BoxedOp::Sub => ins.isub(a, b),
                    BoxedOp::Mul => ins.imul(a, b),
                    BoxedOp::And => ins.band(a, b),
                    BoxedOp::Or => ins.bor(a, b),
                    _ => ins.bxor(a, b),
                };
                self.wrap_int(k, x)
            }
            BoxedOp::Neg => {
                let a = self.unboxed(&args[0], r)?;
                let x = self.b.ins().ineg(a);
                self.wrap_int(k, x)
            }
            BoxedOp::Lsl | BoxedOp::Lsr | BoxedOp::Asr => {
                let n = self.value(&args[1])?;
                let n = self.untag(n);
                let a = self.unboxed(&args[0], r)?;
                // Shift counts are taken modulo the width, as the runtime's wrapping shifts do.
                let (a, n) = if k == BoxedInt::Int32 {
                    (self.b.ins().ireduce(I32, a), self.b.ins().ireduce(I32, n))
                } else {
                    (a, n)
                };
                let x = match op {
                    BoxedOp::Lsl => self.b.ins().ishl(a, n),
                    BoxedOp::Lsr => self.b.ins().ushr(a, n),
                    _ => self.b.ins().sshr(a, n),
                };
                if k == BoxedInt::Int32 {
                    self.b.ins().sextend(I64, x)
                } else {
                    x
                }
            }
            BoxedOp::OfInt => {
                let a = self.value(&args[0])?;
                let n = self.untag(a);
                self.wrap_int(k, n)
            }
            BoxedOp::Div | BoxedOp::Mod | BoxedOp::ToInt | BoxedOp::Comp(_) => return Ok(None),
        };
        Ok(Some(v))
    }

    /// An int32 result is kept sign-extended from its low 32 bits.
    fn wrap_int(&mut self, k: BoxedInt, x: Value) -> Value {
        if k == BoxedInt::Int32 {
            let lo = self.b.ins().ireduce(I32, x);
            self.b.ins().sextend(I64, lo)
        } else {
            x
        }
    }

    /// `to_int` and comparisons of boxed integers, which yield OCaml ints.
    pub(super) fn boxed_int_to_value(&mut self, k: BoxedInt, op: BoxedOp, args: &[CExpr]) -> Result<Option<Value>, CodegenError> {
        let r = Repr::Int(k);
        Ok(match op {
            BoxedOp::ToInt => {
                let a = self.unboxed(&args[0], r)?;
                Some(self.tag_int(a))
            }
            BoxedOp::Comp(c) => {
                let cmp = self.boxed_int_condition(k, c, args)?;
                Some(self.tag_bool(cmp))
            }
            _ => None,
        })
    }

    pub(super) fn boxed_int_condition(
        &mut self,
        k: BoxedInt,
        c: crate::lambda::Comparison,
        args: &[CExpr],
    ) -> Result<Value, CodegenError> {
        let r = Repr::Int(k);
        let b = self.unboxed(&args[1], r)?;
        let a = self.unboxed(&args[0], r)?;
        Ok(self.b.ins().icmp(int_cc(c), a, b))
    }

    /// Box a raw value: a fresh Double_tag or custom block.
    pub(super) fn box_repr(&mut self, v: Value, r: Repr) -> Result<Value, CodegenError> {
        match r {
            Repr::Float => self.box_float(v),
            Repr::Int(k) => {
                let id = self.be.import_data(ops_symbol(k))?;
                let blk = self.alloc(2, CUSTOM_TAG)?;
                let ops = self.data_addr(id);
                self.store(ops, blk, 0);
                self.store(v, blk, 8);
                Ok(blk)
            }
        }
    }

    pub(super) fn unbox_repr(&mut self, v: Value, r: Repr) -> Value {
        match r {
            Repr::Float => self.unbox_float(v),
            Repr::Int(_) => self.load(v, 8),
        }
    }
}
