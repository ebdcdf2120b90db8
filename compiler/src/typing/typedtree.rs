//! The typed tree: the Parsetree after type checking, with every name resolved.
//!
//! Every expression and pattern carries its type (`ty`, a `TypeExpr` into the type store:
//! call `types::repr`/`types::desc` to inspect it, `ctype::expand_head` to see through
//! abbreviations). Variables are `Ident`s (unique stamps); constructors and fields carry their
//! descriptions (tag, arity, position, representation); values carry their path and their
//! description (including `external` primitive names and arity). A later pass can translate
//! this tree to an untyped IR without an environment.
//!
//! Conventions:
//! - `Apply` arguments are in the order of the function's parameters; `None` marks a
//!   parameter left open (the application is partial: eta-expand). An erased optional
//!   argument is given as the expression `None`.
//! - `fun ?(x = d) -> e` is already desugared: the parameter is the option, and the body
//!   starts with `let x = match param with Some x -> x | None -> d`.
//! - Type constraints, coercions and `fun (type a)` are erased (their effect is in `ty`).
//! - `Match` keeps value cases and exception cases (`| exception E -> ..`) apart.

use super::ident::Ident;
use super::path::Path;
use super::types::*;
use crate::parsing::asttypes::{ClosedFlag, DirectionFlag, RecFlag};
use crate::parsing::location::{Located, Location};
use crate::parsing::longident::Longident;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    Int(i64),
    Char(u8),
    String(Vec<u8>),
    /// The float literal's text as written (OCaml's float_of_string accepts it).
    Float(String),
    Int32(i32),
    Int64(i64),
    Nativeint(i64),
}

#[derive(Clone, Debug)]
pub struct Pattern {
    pub desc: PatternDesc,
    pub loc: Location,
    pub ty: TypeExpr,
}

#[derive(Clone, Debug)]
pub enum PatternDesc {
    Any,
    Var(Ident, Located<String>),
    Alias(Box<Pattern>, Ident, Located<String>),
    Constant(Constant),
    Tuple(Vec<Pattern>),
    /// Constructor with its arguments (for an inline record: one `Record` pattern).
    Construct(Located<Longident>, Rc<ConstructorDescription>, Vec<Pattern>),
    /// Fields given in the pattern (in the order written) and whether `; _` closed it.
    Record(Vec<(Located<Longident>, Rc<LabelDescription>, Pattern)>, ClosedFlag),
    Array(Vec<Pattern>),
    Or(Box<Pattern>, Box<Pattern>),
    Lazy(Box<Pattern>),
    /// `` `A `` or `` `A p ``: the tag, its argument pattern.
    Variant(Rc<str>, Option<Box<Pattern>>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Partial {
    Partial,
    Total,
}

#[derive(Clone, Debug)]
pub struct Case {
    pub lhs: Pattern,
    pub guard: Option<Expression>,
    pub rhs: Expression,
}

#[derive(Clone, Debug)]
pub struct ValueBinding {
    pub pat: Pattern,
    pub expr: Expression,
    pub loc: Location,
}

#[derive(Clone, Debug)]
pub enum RecordField {
    /// The field is copied from the `with` expression; its type.
    Kept(TypeExpr),
    Overridden(Located<Longident>, Expression),
}

#[derive(Clone, Debug)]
pub struct Expression {
    pub desc: ExpressionDesc,
    pub loc: Location,
    pub ty: TypeExpr,
}

#[derive(Clone, Debug)]
pub enum ExpressionDesc {
    /// A value: its path (a local `Pident` or a module component `Pdot`) and description.
    Ident(Path, Located<Longident>, Rc<ValueDescription>),
    Constant(Constant),
    Let(RecFlag, Vec<ValueBinding>, Box<Expression>),
    /// A one-parameter function: `param` is bound to the argument, then `cases` match it.
    Function { arg_label: ArgLabel, param: Ident, cases: Vec<Case>, partial: Partial },
    Apply(Box<Expression>, Vec<(ArgLabel, Option<Expression>)>),
    Match { scrutinee: Box<Expression>, cases: Vec<Case>, exn_cases: Vec<Case>, partial: Partial },
    Try(Box<Expression>, Vec<Case>),
    Tuple(Vec<Expression>),
    /// Constructor with its arguments (for an inline record: one `Record` expression).
    Construct(Located<Longident>, Rc<ConstructorDescription>, Vec<Expression>),
    /// All fields in position order; `extended` is the `with` expression if any.
    Record { fields: Vec<(Rc<LabelDescription>, RecordField)>, repr: RecordRepr, extended: Option<Box<Expression>> },
    Field(Box<Expression>, Located<Longident>, Rc<LabelDescription>),
    Setfield(Box<Expression>, Located<Longident>, Rc<LabelDescription>, Box<Expression>),
    Array(Vec<Expression>),
    IfThenElse(Box<Expression>, Box<Expression>, Option<Box<Expression>>),
    Sequence(Box<Expression>, Box<Expression>),
    While(Box<Expression>, Box<Expression>),
    /// `for id = e1 to/downto e2 do body done` (the ident is fresh even for `_`).
    For(Ident, Box<Expression>, Box<Expression>, DirectionFlag, Box<Expression>),
    LetModule(Option<Ident>, Box<ModuleExpr>, Box<Expression>),
    LetException(Ident, Rc<ExtensionConstructor>, Box<Expression>),
    /// `assert e`; `assert false` is `Assert` of the constant `false` (type `'a`).
    Assert(Box<Expression>),
    Lazy(Box<Expression>),
    /// `` `A `` or `` `A e ``.
    Variant(Rc<str>, Option<Box<Expression>>),
    /// `M.(e)` / `let open M in e`: the body (names are already resolved).
    Open(Path, Box<Expression>),
    /// `.` (unreachable case)
    Unreachable,
    /// `(module M)`: the module and the module type of the package it becomes.
    Pack(Box<ModuleExpr>, ModuleType),
    /// `object (self) ... end`.
    Object(Rc<ObjectExpr>),
    /// `e#m`: the object and the method's name.
    Send(Box<Expression>, Rc<str>),
    /// An instance variable read in a method: the method's self parameter and the variable's
    /// index among the object's instance variables.
    InstVar(Ident, usize),
    /// `x <- e` on an instance variable (self parameter, index, new value).
    SetInstVar(Ident, usize, Box<Expression>),
    /// `{< x = e; .. >}`: a copy of self (its self parameter) with these variables replaced.
    Override(Ident, Vec<(usize, Expression)>),
}

/// An immediate object. At run time a block with Object_tag: the method table, a unique id,
/// then the instance variables in order.
#[derive(Clone, Debug)]
pub struct ObjectExpr {
    /// The instance variables in order: name, mutable, initial value.
    pub vals: Vec<(Rc<str>, bool, Expression)>,
    /// Every method (public or private), each a function whose first parameter is self.
    pub methods: Vec<(Rc<str>, Expression)>,
    /// `initializer e`: functions of self run once the object is made, in order.
    pub initializers: Vec<Expression>,
}

#[derive(Clone, Debug)]
pub struct ModuleExpr {
    pub desc: ModuleExprDesc,
    pub mty: ModuleType,
    pub loc: Location,
}

#[derive(Clone, Debug)]
pub enum ModuleExprDesc {
    Ident(Path),
    Structure(Structure),
    /// `(M : S)`: the module, and the signature it is restricted to.
    Constraint(Box<ModuleExpr>, ModuleType),
    /// `(val e)`: the block held by a first-class module.
    Unpack(Box<Expression>),
    /// `functor (X : S) -> ME`: the parameter with its type (None for `()`), the body.
    Functor(Option<(Ident, ModuleType)>, Box<ModuleExpr>),
    /// `F(A)`: the functor, the argument (None for `F ()`) and the parameter's type (the
    /// argument is coerced to it).
    Apply(Box<ModuleExpr>, Option<Box<ModuleExpr>>, Option<ModuleType>),
}

#[derive(Clone, Debug)]
pub struct Structure {
    pub items: Vec<StructureItem>,
    /// The signature of the structure (what it exports, in order).
    pub signature: Signature,
}

#[derive(Clone, Debug)]
pub struct StructureItem {
    pub desc: StructureItemDesc,
    pub loc: Location,
}

#[derive(Clone, Debug)]
pub enum StructureItemDesc {
    Eval(Expression),
    Value(RecFlag, Vec<ValueBinding>),
    /// `external` declaration (no code: uses refer to the primitive).
    Primitive(Ident, Rc<ValueDescription>),
    Type(RecFlag, Vec<(Ident, Rc<TypeDeclaration>)>),
    /// `type t += A | B`: each new constructor needs a fresh runtime identity.
    TypExt(Vec<(Ident, Rc<ExtensionConstructor>)>),
    /// `exception E of t`: a fresh exception constructor.
    Exception(Ident, Rc<ExtensionConstructor>),
    /// `exception E = M.F`: `E` is the same constructor as the one at the path.
    ExceptionRebind(Ident, Path, Rc<ExtensionConstructor>),
    Module(Option<Ident>, ModuleExpr),
    /// `module rec A : SA = ... and ...`: each module, its body and its declared type.
    RecModule(Vec<(Ident, ModuleExpr, ModuleType)>),
    ModType(Ident, Rc<ModtypeDeclaration>),
    Open(Path),
    /// `include M`: the module and the identifiers it binds here (in signature order).
    Include(ModuleExpr, Signature),
    /// `open struct .. end`: bound as by `include`, but not part of the structure's signature.
    OpenStruct(ModuleExpr, Signature),
}
