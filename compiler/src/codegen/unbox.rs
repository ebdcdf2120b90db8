//! Which local variables of a function live unboxed: a `let` (or a mutable variable from a
//! non-escaping `ref`) whose definition computes a float or a boxed integer is kept as a raw
//! F64 / I64 Cranelift variable, never in a stack map, and is boxed only where its value escapes
//! (each use in a position that needs an OCaml value boxes it afresh).
//!
//! Soundness rests on typing: when one definition of a variable is known to compute a float, every
//! value it ever holds is a float (the other bindings of the same variable, the assignments of a
//! mutable one), so reading those through a boxed value is always valid.

use crate::lambda::{ArrayKind, BoxedInt, BoxedOp, Constant, Primitive, Var};
use crate::middle::clambda::CExpr;
use std::collections::HashMap;

/// How an unboxed value is represented.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Repr {
    /// An F64.
    Float,
    /// An I64 holding the integer (an int32 sign-extended to the whole word).
    Int(BoxedInt),
}

/// A runtime float primitive that the code generator computes inline on unboxed floats.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum FloatPrim {
    Sqrt,
    Floor,
    Ceil,
    Trunc,
    CopySign,
    Fma,
}

impl FloatPrim {
    /// The inline form of a `float -> ... -> float` external, by its C name.
    pub fn of_c_name(name: &str) -> Option<FloatPrim> {
        Some(match name {
            "caml_sqrt_float" => FloatPrim::Sqrt,
            "caml_floor_float" => FloatPrim::Floor,
            "caml_ceil_float" => FloatPrim::Ceil,
            "caml_trunc_float" => FloatPrim::Trunc,
            "caml_copysign_float" => FloatPrim::CopySign,
            "caml_fma_float" => FloatPrim::Fma,
            _ => return None,
        })
    }

    pub fn arity(self) -> usize {
        match self {
            FloatPrim::CopySign => 2,
            FloatPrim::Fma => 3,
            _ => 1,
        }
    }
}

/// The representation of what `e` computes when it is certainly an unboxed-able number whose
/// boxed form would be freshly allocated; `vars` holds the variables already known unboxed.
pub fn produces(e: &CExpr, vars: &HashMap<Var, Repr>) -> Option<Repr> {
    match e {
        CExpr::Const(Constant::Float(_)) => Some(Repr::Float),
        CExpr::Const(Constant::Int32(_)) => Some(Repr::Int(BoxedInt::Int32)),
        CExpr::Const(Constant::Int64(_)) => Some(Repr::Int(BoxedInt::Int64)),
        CExpr::Const(Constant::Nativeint(_)) => Some(Repr::Int(BoxedInt::Nativeint)),
        CExpr::Var(v) => vars.get(v).copied(),
        CExpr::Prim(p, args) => prim_result(p, args.len()),
        CExpr::Let(_, _, body) | CExpr::LetMut(_, _, body) | CExpr::Sequence(_, body) => produces(body, vars),
        CExpr::IfThenElse(_, a, b) => produces(a, vars).or_else(|| produces(b, vars)),
        CExpr::Loc(_, e) => produces(e, vars),
        _ => None,
    }
}

/// The unboxed result of a primitive, when it computes one inline.
pub fn prim_result(p: &Primitive, nargs: usize) -> Option<Repr> {
    use Primitive as P;
    match p {
        P::AddFloat
        | P::SubFloat
        | P::MulFloat
        | P::DivFloat
        | P::NegFloat
        | P::AbsFloat
        | P::FloatOfInt
        | P::FloatField(_)
        | P::ArrayRef(ArrayKind::Float, _) => Some(Repr::Float),
        P::CCall { name, arity, .. } => {
            FloatPrim::of_c_name(name).filter(|f| f.arity() == *arity && nargs == *arity).map(|_| Repr::Float)
        }
        P::BoxedOp(k, op) => match op {
            BoxedOp::ToInt | BoxedOp::Comp(_) => None,
            _ => Some(Repr::Int(*k)),
        },
        _ => None,
    }
}

/// The variables of a function body to keep unboxed.
pub fn unboxed_vars(body: &CExpr) -> HashMap<Var, Repr> {
    let mut vars = HashMap::new();
    let mut others = Vec::new();
    collect(body, &mut vars, &mut others);
    // A variable also bound by a static handler, a loop or a `try` stays boxed everywhere.
    for v in others {
        vars.remove(&v);
    }
    vars
}

fn collect(e: &CExpr, vars: &mut HashMap<Var, Repr>, others: &mut Vec<Var>) {
    match e {
        CExpr::StaticCatch(_, _, vs, _) => others.extend(vs.iter().cloned()),
        CExpr::For(v, ..) | CExpr::TryWith(_, _, v, _) => others.push(v.clone()),
        _ => {}
    }
    let mut collect = |e: &CExpr, vars: &mut HashMap<Var, Repr>| collect(e, vars, others);
    match e {
        CExpr::Var(_) | CExpr::Const(_) => {}
        CExpr::Let(v, def, body) | CExpr::LetMut(v, def, body) => {
            collect(def, vars);
            if let Some(r) = produces(def, vars) {
                vars.insert(v.clone(), r);
            }
            collect(body, vars);
        }
        CExpr::Apply(f, args) => {
            collect(f, vars);
            args.iter().for_each(|a| collect(a, vars));
        }
        CExpr::DirectApply(_, args, clos) => {
            args.iter().for_each(|a| collect(a, vars));
            collect(clos, vars);
        }
        CExpr::MakeClosures(_, es) | CExpr::Prim(_, es) | CExpr::StaticRaise(_, es) | CExpr::TryWith(_, es, _, _) => {
            es.iter().for_each(|a| collect(a, vars));
            if let CExpr::TryWith(_, _, _, h) = e {
                collect(h, vars);
            }
        }
        CExpr::Offset(a, _) | CExpr::Assign(_, a) | CExpr::Loc(_, a) => collect(a, vars),
        CExpr::Switch(s, sw) => {
            collect(s, vars);
            sw.consts.iter().for_each(|(_, a)| collect(a, vars));
            sw.blocks.iter().for_each(|(_, a)| collect(a, vars));
            if let Some(d) = &sw.default {
                collect(d, vars);
            }
        }
        CExpr::StringSwitch(s, cases, d) => {
            collect(s, vars);
            cases.iter().for_each(|(_, a)| collect(a, vars));
            if let Some(d) = d {
                collect(d, vars);
            }
        }
        CExpr::StaticCatch(a, _, _, b) | CExpr::IfThenElse(_, a, b) | CExpr::Sequence(a, b) | CExpr::While(a, b) => {
            if let CExpr::IfThenElse(c, _, _) = e {
                collect(c, vars);
            }
            collect(a, vars);
            collect(b, vars);
        }
        CExpr::For(_, lo, hi, _, body) => {
            collect(lo, vars);
            collect(hi, vars);
            collect(body, vars);
        }
    }
}
