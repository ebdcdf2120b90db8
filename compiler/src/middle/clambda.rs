//! Clambda: Lambda after closure conversion. Functions are flat and global; closures are explicit
//! blocks; calls to known functions are direct; `try` bodies are outlined into functions of their
//! own (so a `try` is one `try_call` in the code generator).

use crate::lambda::{Constant, DebugLoc, Direction, Primitive, Var};
use std::rc::Rc;

pub type FunId = usize;

#[derive(Clone, Debug)]
pub enum CExpr {
    Var(Var),
    Const(Constant),
    /// Call of an unknown function value.
    Apply(Box<CExpr>, Vec<CExpr>),
    /// Call of a known function with all its arguments; the last operand is its closure.
    DirectApply(FunId, Vec<CExpr>, Box<CExpr>),
    /// Allocate the shared closure block of a group of (mutually recursive) functions, with the
    /// given free variables; evaluates to the first function's closure.
    MakeClosures(Vec<FunId>, Vec<CExpr>),
    /// A pointer `words` words past a closure pointer (siblings in a shared closure block).
    Offset(Box<CExpr>, i64),
    Let(Var, Box<CExpr>, Box<CExpr>),
    LetMut(Var, Box<CExpr>, Box<CExpr>),
    Assign(Var, Box<CExpr>),
    Prim(Primitive, Vec<CExpr>),
    Switch(Box<CExpr>, CSwitch),
    StringSwitch(Box<CExpr>, Vec<(Rc<[u8]>, CExpr)>, Option<Box<CExpr>>),
    StaticRaise(u32, Vec<CExpr>),
    StaticCatch(Box<CExpr>, u32, Vec<Var>, Box<CExpr>),
    /// `try`: call the outlined body with its free variables, and on an exception bind it and
    /// evaluate the handler.
    TryWith(FunId, Vec<CExpr>, Var, Box<CExpr>),
    IfThenElse(Box<CExpr>, Box<CExpr>, Box<CExpr>),
    Sequence(Box<CExpr>, Box<CExpr>),
    While(Box<CExpr>, Box<CExpr>),
    For(Var, Box<CExpr>, Box<CExpr>, Direction, Box<CExpr>),
    /// The calls and raises inside are at this source location (backtraces).
    Loc(Rc<DebugLoc>, Box<CExpr>),
}

impl CExpr {
    /// Does this code repeat anything without a call (a `while` or `for` loop)? Outlined `try`
    /// bodies and closures are other functions and do not count.
    pub fn has_loop(&self) -> bool {
        use CExpr::*;
        let any = |es: &[CExpr]| es.iter().any(|e| e.has_loop());
        match self {
            While(..) | For(..) => true,
            Var(_) | Const(_) => false,
            Apply(f, args) => f.has_loop() || any(args),
            DirectApply(_, args, clos) => any(args) || clos.has_loop(),
            MakeClosures(_, fvs) => any(fvs),
            Offset(e, _) | Assign(_, e) | Loc(_, e) => e.has_loop(),
            Let(_, a, b) | LetMut(_, a, b) | Sequence(a, b) | StaticCatch(a, _, _, b) => a.has_loop() || b.has_loop(),
            Prim(_, args) | StaticRaise(_, args) => any(args),
            Switch(e, sw) => {
                e.has_loop()
                    || sw.consts.iter().any(|(_, a)| a.has_loop())
                    || sw.blocks.iter().any(|(_, a)| a.has_loop())
                    || sw.default.as_ref().is_some_and(|d| d.has_loop())
            }
            StringSwitch(e, cases, default) => {
                e.has_loop() || cases.iter().any(|(_, a)| a.has_loop()) || default.as_ref().is_some_and(|d| d.has_loop())
            }
            TryWith(_, fvs, _, handler) => any(fvs) || handler.has_loop(),
            IfThenElse(c, a, b) => c.has_loop() || a.has_loop() || b.has_loop(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct CSwitch {
    pub consts: Vec<(i64, CExpr)>,
    pub blocks: Vec<(u8, CExpr)>,
    pub default: Option<Box<CExpr>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FunKind {
    /// An OCaml function: its parameters, then its own closure pointer (`env`).
    Closure,
    /// An outlined `try` body or the entry of a unit: parameters only.
    Plain,
}

#[derive(Clone, Debug)]
pub struct CFunction {
    pub id: FunId,
    pub name: Rc<str>,
    pub params: Vec<Var>,
    /// For closures: the variable bound to the function's own closure pointer.
    pub env: Option<Var>,
    pub body: CExpr,
    pub kind: FunKind,
}

impl CFunction {
    pub fn arity(&self) -> usize {
        self.params.len()
    }
}

/// Layout of one group's shared closure block.
#[derive(Clone, Debug)]
pub struct ClosureLayout {
    /// Word offset of each function's code pointer from the block start.
    pub positions: Vec<usize>,
    /// Word offset of the first free variable.
    pub env_start: usize,
}

impl ClosureLayout {
    pub fn new(arities: &[usize]) -> ClosureLayout {
        let mut positions = Vec::new();
        let mut pos = 0;
        for (i, &a) in arities.iter().enumerate() {
            if i > 0 {
                pos += 1; // the Infix header
            }
            positions.push(pos);
            pos += if a > 1 { 3 } else { 2 };
        }
        ClosureLayout { positions, env_start: pos }
    }
}

/// The result of closure conversion of one unit or phrase.
#[derive(Clone, Debug)]
pub struct Program {
    pub functions: Vec<CFunction>,
    /// The function (kind `Plain`, one unit parameter) that runs the unit's top-level code.
    pub entry: FunId,
}
