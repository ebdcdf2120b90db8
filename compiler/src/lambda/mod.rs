//! Lambda: the untyped intermediate language between the typed tree and closure conversion.
//!
//! Values are uniform OCaml values; every operation the source language has is an explicit
//! primitive; pattern matches are already compiled to switches and static exits.

pub mod print;

use std::fmt;
use std::rc::Rc;

/// A variable: a name for dumps and a stamp that makes it unique within a compilation.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Var {
    pub name: Rc<str>,
    pub stamp: u32,
}

impl fmt::Debug for Var {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.name, self.stamp)
    }
}

/// Hands out fresh variables and static-exit labels.
#[derive(Default)]
pub struct Fresh {
    next: u32,
}

impl Fresh {
    pub fn starting_at(n: u32) -> Fresh {
        Fresh { next: n }
    }
    pub fn var(&mut self, name: &str) -> Var {
        self.next += 1;
        Var { name: name.into(), stamp: self.next }
    }
    pub fn label(&mut self) -> u32 {
        self.next += 1;
        self.next
    }
    pub fn peek(&self) -> u32 {
        self.next
    }
}

/// Constants, including structured ones that are emitted as static data.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    /// An immediate: ints, chars, bools, unit, constant constructors, `[]`.
    Int(i64),
    Float(f64),
    String(Rc<[u8]>),
    Int32(i32),
    Int64(i64),
    Nativeint(i64),
    /// An immutable block of constants (a constant tuple, list, constructor application).
    Block(u8, Vec<Constant>),
    /// A flat float array / all-float record.
    FloatBlock(Vec<f64>),
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Comparison {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BoxedInt {
    Int32,
    Int64,
    Nativeint,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ArrayKind {
    /// Unknown element type: may be a flat float array.
    Gen,
    /// Pointers or ints, never floats.
    Addr,
    Int,
    Float,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Mutability {
    Immutable,
    Mutable,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum RaiseKind {
    Regular,
    Reraise,
    NoTrace,
}

/// Operations with explicit semantics. Arities are fixed per primitive.
#[derive(Clone, Debug, PartialEq)]
pub enum Primitive {
    /// The address of a static module block (a compilation unit, or a toplevel phrase's globals).
    Global(Rc<str>),
    /// A predefined exception constructor held by the runtime (`Not_found`, ...).
    PredefExn(Rc<str>),
    MakeBlock(u8, Mutability),
    /// An all-float record or float array literal: a Double_array block from unboxed floats.
    MakeFloatBlock(Mutability),
    Field(usize),
    /// Store into a field; `barrier` is false when the stored value is known to be immediate.
    SetField(usize, bool),
    FloatField(usize),
    SetFloatField(usize),
    /// Dynamic field access (`Obj.field`).
    FieldDyn,
    Raise(RaiseKind),
    // Integers (tagged, 63-bit).
    AddInt,
    SubInt,
    MulInt,
    DivInt,
    ModInt,
    AndInt,
    OrInt,
    XorInt,
    LslInt,
    LsrInt,
    AsrInt,
    NegInt,
    OffsetInt(i64),
    /// `incr`/`decr` on a ref cell.
    OffsetRef(i64),
    IntComp(Comparison),
    Not,
    IsInt,
    /// `==` and `!=`.
    PhysEq,
    PhysNe,
    // Floats (boxed in and out; the code generator keeps intermediates unboxed).
    FloatOfInt,
    IntOfFloat,
    NegFloat,
    AbsFloat,
    AddFloat,
    SubFloat,
    MulFloat,
    DivFloat,
    FloatComp(Comparison),
    // Strings and bytes.
    StringLength,
    BytesLength,
    StringRef { safe: bool },
    BytesRef { safe: bool },
    BytesSet { safe: bool },
    // Arrays.
    MakeArray(ArrayKind, Mutability),
    ArrayLength(ArrayKind),
    ArrayRef(ArrayKind, bool),
    ArraySet(ArrayKind, bool),
    // Boxed integers.
    BoxedOp(BoxedInt, BoxedOp),
    /// A call to a runtime function by name. `alloc` is false for `[@@noalloc]` externals.
    CCall { name: Rc<str>, arity: usize, alloc: bool },
    /// `Obj.magic` and friends: the argument unchanged.
    Identity,
    Ignore,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BoxedOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    And,
    Or,
    Xor,
    Lsl,
    Lsr,
    Asr,
    Neg,
    OfInt,
    ToInt,
    Comp(Comparison),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Switch {
    /// Cases on immediate values (constant constructors, ints, chars).
    pub consts: Vec<(i64, Lambda)>,
    /// Cases on block tags.
    pub blocks: Vec<(u8, Lambda)>,
    /// Taken when no case matches; `None` when the cases are exhaustive.
    pub default: Option<Box<Lambda>>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Direction {
    Upto,
    Downto,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub params: Vec<Var>,
    pub body: Lambda,
    /// A name for symbols and backtraces (`fib`, `anon`).
    pub name: Rc<str>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Lambda {
    Var(Var),
    Const(Constant),
    /// Application; `args` is never empty.
    Apply(Box<Lambda>, Vec<Lambda>),
    Function(Rc<Function>),
    Let(Var, Box<Lambda>, Box<Lambda>),
    /// Recursive bindings: functions, or values OCaml's `let rec` accepts.
    LetRec(Vec<(Var, Lambda)>, Box<Lambda>),
    Prim(Primitive, Vec<Lambda>),
    Switch(Box<Lambda>, Switch),
    StringSwitch(Box<Lambda>, Vec<(Rc<[u8]>, Lambda)>, Option<Box<Lambda>>),
    /// Jump to the enclosing `StaticCatch` with this label, passing values for its variables.
    StaticRaise(u32, Vec<Lambda>),
    StaticCatch(Box<Lambda>, u32, Vec<Var>, Box<Lambda>),
    TryWith(Box<Lambda>, Var, Box<Lambda>),
    IfThenElse(Box<Lambda>, Box<Lambda>, Box<Lambda>),
    Sequence(Box<Lambda>, Box<Lambda>),
    While(Box<Lambda>, Box<Lambda>),
    For(Var, Box<Lambda>, Box<Lambda>, Direction, Box<Lambda>),
    /// Assignment to a variable introduced by `LetMut`.
    Assign(Var, Box<Lambda>),
    /// A mutable local variable (from `let x = ref ...` that does not escape).
    LetMut(Var, Box<Lambda>, Box<Lambda>),
    /// The calls and raises inside happen at this source location (for backtraces; made only
    /// when compiling with debug information).
    Loc(Rc<DebugLoc>, Box<Lambda>),
}

/// Where a call or a raise is, as a backtrace prints it: `Foo.f.inner in file "foo.ml", line 3,
/// characters 10-13` (characters counted from the beginning of the start line).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DebugLoc {
    /// OCaml's scope name: unit, modules and named definitions, `(fun)` for anonymous functions.
    pub scope: Rc<str>,
    pub file: Rc<str>,
    pub line: u32,
    pub start: u32,
    pub end: u32,
}

impl DebugLoc {
    /// Code that has no location in backtraces (a compiler-made re-raise).
    pub fn hidden() -> DebugLoc {
        DebugLoc { scope: "".into(), file: "".into(), line: 0, start: 0, end: 0 }
    }

    pub fn is_hidden(&self) -> bool {
        self.scope.is_empty()
    }
}

pub const UNIT: Lambda = Lambda::Const(Constant::Int(0));

impl Lambda {
    pub fn int(n: i64) -> Lambda {
        Lambda::Const(Constant::Int(n))
    }
    pub fn prim(p: Primitive, args: Vec<Lambda>) -> Lambda {
        Lambda::Prim(p, args)
    }
    pub fn seq(a: Lambda, b: Lambda) -> Lambda {
        Lambda::Sequence(Box::new(a), Box::new(b))
    }
    pub fn let_(v: Var, e: Lambda, body: Lambda) -> Lambda {
        Lambda::Let(v, Box::new(e), Box::new(body))
    }
    pub fn if_(c: Lambda, a: Lambda, b: Lambda) -> Lambda {
        Lambda::IfThenElse(Box::new(c), Box::new(a), Box::new(b))
    }
    pub fn apply(f: Lambda, args: Vec<Lambda>) -> Lambda {
        Lambda::Apply(Box::new(f), args)
    }
}
