//! The abstract syntax tree produced by the parser, mirroring OCaml 4.14's `Parsetree`
//! constructor for constructor (`Pexp_let` is `ExpressionDesc::Let`, `pexp_loc` is `loc`, ...).
//!
//! Not kept from OCaml: the `*_loc_stack` fields (only used by external tools).

use super::asttypes::*;
use super::location::{Loc, Location};
use super::longident::Longident;

pub type Attributes = Vec<Attribute>;

/// `[@id payload]`, `[@@id payload]`, `[@@@id payload]`.
#[derive(Debug, Clone)]
pub struct Attribute {
    pub name: Loc<String>,
    pub payload: Payload,
    pub loc: Location,
}

/// `[%id payload]`, `[%%id payload]`.
pub type Extension = (Loc<String>, Payload);

#[derive(Debug, Clone)]
pub enum Payload {
    /// `[%id s]`: a structure (possibly empty).
    Str(Structure),
    /// `[%id: sig]`
    Sig(Signature),
    /// `[%id: t]`
    Typ(Box<CoreType>),
    /// `[%id? p]` or `[%id? p when e]`
    Pat(Box<Pattern>, Option<Box<Expression>>),
}

// ---------------------------------------------------------------------------------------------
// Type expressions

#[derive(Debug, Clone)]
pub struct CoreType {
    pub desc: CoreTypeDesc,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum CoreTypeDesc {
    /// `_`
    Any,
    /// `'a`
    Var(String),
    /// `t1 -> t2`, `~l:t1 -> t2`, `?l:t1 -> t2`
    Arrow(ArgLabel, Box<CoreType>, Box<CoreType>),
    /// `t1 * ... * tn` (n >= 2)
    Tuple(Vec<CoreType>),
    /// `tconstr`, `t tconstr`, `(t1, .., tn) tconstr`
    Constr(Loc<Longident>, Vec<CoreType>),
    /// `< l1:t1; ...; ln:tn >` (Closed) or `< ...; .. >` (Open)
    Object(Vec<ObjectField>, ClosedFlag),
    /// `#tconstr`, `t #tconstr`, `(t1, ..) #tconstr`
    Class(Loc<Longident>, Vec<CoreType>),
    /// `t as 'a`
    Alias(Box<CoreType>, String),
    /// `[ `A | t ]` (Closed, None), `[> ...]` (Open, None), `[< ... ]` (Closed, Some []),
    /// `[< ... > `A `B ]` (Closed, Some [A; B])
    Variant(Vec<RowField>, ClosedFlag, Option<Vec<String>>),
    /// `'a1 ... 'an. t`; also `type a. t` after desugaring
    Poly(Vec<Loc<String>>, Box<CoreType>),
    /// `(module S)`, `(module S with type t = ..)`
    Package(PackageType),
    /// `[%id]`
    Extension(Extension),
}

/// `(module S with type t1 = T1 and ...)`
pub type PackageType = (Loc<Longident>, Vec<(Loc<Longident>, CoreType)>);

#[derive(Debug, Clone)]
pub struct RowField {
    pub desc: RowFieldDesc,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum RowFieldDesc {
    /// `` `A `` (true, []), `` `A of t `` (false, [t]), `` `A of & t1 & t2 `` (true, [t1; t2]).
    /// The bool says whether the tag has a constant (empty) case.
    Rtag(Loc<String>, bool, Vec<CoreType>),
    /// `[ | t ]`
    Rinherit(CoreType),
}

#[derive(Debug, Clone)]
pub struct ObjectField {
    pub desc: ObjectFieldDesc,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum ObjectFieldDesc {
    Otag(Loc<String>, CoreType),
    Oinherit(CoreType),
}

// ---------------------------------------------------------------------------------------------
// Patterns

#[derive(Debug, Clone)]
pub struct Pattern {
    pub desc: PatternDesc,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum PatternDesc {
    /// `_`
    Any,
    /// `x`
    Var(Loc<String>),
    /// `p as x`
    Alias(Box<Pattern>, Loc<String>),
    /// `1`, `'a'`, `"s"`, `1.0`
    Constant(Constant),
    /// `'a'..'z'`
    Interval(Constant, Constant),
    /// `(p1, ..., pn)` (n >= 2)
    Tuple(Vec<Pattern>),
    /// `C`, `C p`, `C (p1, p2)`, `C (type a b) p`: the names are the locally abstract types.
    Construct(Loc<Longident>, Option<(Vec<Loc<String>>, Box<Pattern>)>),
    /// `` `A ``, `` `A p ``
    Variant(String, Option<Box<Pattern>>),
    /// `{ l1 = p1; ...; ln = pn }` (Closed) or `{ l1 = p1; ...; _ }` (Open)
    Record(Vec<(Loc<Longident>, Pattern)>, ClosedFlag),
    /// `[| p1; ...; pn |]`
    Array(Vec<Pattern>),
    /// `p1 | p2`
    Or(Box<Pattern>, Box<Pattern>),
    /// `(p : t)`
    Constraint(Box<Pattern>, Box<CoreType>),
    /// `#tconst`
    Type(Loc<Longident>),
    /// `lazy p`
    Lazy(Box<Pattern>),
    /// `(module M)` (Some "M") or `(module _)` (None)
    Unpack(Loc<Option<String>>),
    /// `exception p`
    Exception(Box<Pattern>),
    /// `[%id]`
    Extension(Extension),
    /// `M.(p)`
    Open(Loc<Longident>, Box<Pattern>),
}

// ---------------------------------------------------------------------------------------------
// Value expressions

#[derive(Debug, Clone)]
pub struct Expression {
    pub desc: ExpressionDesc,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum ExpressionDesc {
    /// `x`, `M.x`
    Ident(Loc<Longident>),
    /// `1`, `'a'`, `"s"`, `1.0`
    Constant(Constant),
    /// `let P1 = E1 and ... in E`, `let rec ...`
    Let(RecFlag, Vec<ValueBinding>, Box<Expression>),
    /// `function P1 -> E1 | ...`
    Function(Vec<Case>),
    /// `fun P -> E`, `fun ~l:P -> E`, `fun ?l:(P = E0) -> E` (default in the option)
    Fun(ArgLabel, Option<Box<Expression>>, Box<Pattern>, Box<Expression>),
    /// `E0 ~l1:E1 ... En`
    Apply(Box<Expression>, Vec<(ArgLabel, Expression)>),
    /// `match E0 with P1 -> E1 | ...`
    Match(Box<Expression>, Vec<Case>),
    /// `try E0 with P1 -> E1 | ...`
    Try(Box<Expression>, Vec<Case>),
    /// `(E1, ..., En)` (n >= 2)
    Tuple(Vec<Expression>),
    /// `C`, `C E`, `C (E1, ..., En)`
    Construct(Loc<Longident>, Option<Box<Expression>>),
    /// `` `A ``, `` `A E ``
    Variant(String, Option<Box<Expression>>),
    /// `{ l1 = E1; ... }` (None) or `{ E0 with l1 = E1; ... }` (Some E0)
    Record(Vec<(Loc<Longident>, Expression)>, Option<Box<Expression>>),
    /// `E.l`
    Field(Box<Expression>, Loc<Longident>),
    /// `E1.l <- E2`
    Setfield(Box<Expression>, Loc<Longident>, Box<Expression>),
    /// `[| E1; ...; En |]`
    Array(Vec<Expression>),
    /// `if E1 then E2 else E3`
    IfThenElse(Box<Expression>, Box<Expression>, Option<Box<Expression>>),
    /// `E1; E2`
    Sequence(Box<Expression>, Box<Expression>),
    /// `while E1 do E2 done`
    While(Box<Expression>, Box<Expression>),
    /// `for i = E1 to E2 do E3 done` (Upto), `... downto ...` (Downto)
    For(Box<Pattern>, Box<Expression>, Box<Expression>, DirectionFlag, Box<Expression>),
    /// `(E : T)`
    Constraint(Box<Expression>, Box<CoreType>),
    /// `(E :> T)` (None, T), `(E : T0 :> T)` (Some T0, T)
    Coerce(Box<Expression>, Option<Box<CoreType>>, Box<CoreType>),
    /// `E # m`
    Send(Box<Expression>, Loc<String>),
    /// `new M.c`
    New(Loc<Longident>),
    /// `x <- E`
    Setinstvar(Loc<String>, Box<Expression>),
    /// `{< x1 = E1; ... >}`
    Override(Vec<(Loc<String>, Expression)>),
    /// `let module M = ME in E` (name None for `_`)
    LetModule(Loc<Option<String>>, Box<ModuleExpr>, Box<Expression>),
    /// `let exception C in E`
    LetException(ExtensionConstructor, Box<Expression>),
    /// `assert E` (`assert false` is treated specially by the type checker)
    Assert(Box<Expression>),
    /// `lazy E`
    Lazy(Box<Expression>),
    /// Method bodies in objects: the type annotation of `method x : t = ...`.
    Poly(Box<Expression>, Option<Box<CoreType>>),
    /// `object ... end`
    Object(ClassStructure),
    /// `fun (type t) -> E`
    Newtype(Loc<String>, Box<Expression>),
    /// `(module ME)`
    Pack(Box<ModuleExpr>),
    /// `M.(E)`, `let open M in E`, `let open! M in E`
    Open(Box<OpenDeclaration>, Box<Expression>),
    /// `let* P = E in E`, `let* P = E and* P = E in E`
    LetOp(Box<LetOp>),
    /// `[%id]`
    Extension(Extension),
    /// `.`
    Unreachable,
}

/// `P -> E` or `P when E0 -> E`
#[derive(Debug, Clone)]
pub struct Case {
    pub lhs: Pattern,
    pub guard: Option<Expression>,
    pub rhs: Expression,
}

#[derive(Debug, Clone)]
pub struct LetOp {
    pub let_: BindingOp,
    pub ands: Vec<BindingOp>,
    pub body: Expression,
}

#[derive(Debug, Clone)]
pub struct BindingOp {
    pub op: Loc<String>,
    pub pat: Pattern,
    pub exp: Expression,
    pub loc: Location,
}

// ---------------------------------------------------------------------------------------------
// Value descriptions and type declarations

/// `val x : T` (prim empty) or `external x : T = "s1" ... "sn"`
#[derive(Debug, Clone)]
pub struct ValueDescription {
    pub name: Loc<String>,
    pub type_: CoreType,
    pub prim: Vec<String>,
    pub attributes: Attributes,
    pub loc: Location,
}

/// `type ('a, 'b) t = ...`
#[derive(Debug, Clone)]
pub struct TypeDeclaration {
    pub name: Loc<String>,
    pub params: Vec<(CoreType, (Variance, Injectivity))>,
    /// `constraint T1 = T1' ...`
    pub cstrs: Vec<(CoreType, CoreType, Location)>,
    pub kind: TypeKind,
    pub private: PrivateFlag,
    /// `= T`
    pub manifest: Option<CoreType>,
    pub attributes: Attributes,
    pub loc: Location,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Abstract,
    Variant(Vec<ConstructorDeclaration>),
    Record(Vec<LabelDeclaration>),
    /// `= ..`
    Open,
}

/// `x : T` or `mutable x : T`
#[derive(Debug, Clone)]
pub struct LabelDeclaration {
    pub name: Loc<String>,
    pub mutable: MutableFlag,
    pub type_: CoreType,
    pub loc: Location,
    pub attributes: Attributes,
}

/// `C of T1 * T2`, `C : 'a. T1 -> T0`, `C of { ... }`
#[derive(Debug, Clone)]
pub struct ConstructorDeclaration {
    pub name: Loc<String>,
    /// Explicitly quantified variables of a GADT constructor (`C : 'a 'b. ...`, OCaml 4.14).
    pub vars: Vec<Loc<String>>,
    pub args: ConstructorArguments,
    pub res: Option<CoreType>,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum ConstructorArguments {
    Tuple(Vec<CoreType>),
    Record(Vec<LabelDeclaration>),
}

/// `type t += ...`
#[derive(Debug, Clone)]
pub struct TypeExtension {
    pub path: Loc<Longident>,
    pub params: Vec<(CoreType, (Variance, Injectivity))>,
    pub constructors: Vec<ExtensionConstructor>,
    pub private: PrivateFlag,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub struct ExtensionConstructor {
    pub name: Loc<String>,
    pub kind: ExtensionConstructorKind,
    pub loc: Location,
    pub attributes: Attributes,
}

/// `exception C of T`
#[derive(Debug, Clone)]
pub struct TypeException {
    pub constructor: ExtensionConstructor,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum ExtensionConstructorKind {
    /// `C of T1 * T2`, `C : 'a. T -> T0`: quantified variables, arguments, result type.
    Decl(Vec<Loc<String>>, ConstructorArguments, Option<CoreType>),
    /// `C = D`
    Rebind(Loc<Longident>),
}

// ---------------------------------------------------------------------------------------------
// Class language

#[derive(Debug, Clone)]
pub struct ClassType {
    pub desc: ClassTypeDesc,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum ClassTypeDesc {
    /// `c`, `['a] c`
    Constr(Loc<Longident>, Vec<CoreType>),
    /// `object ... end`
    Signature(ClassSignature),
    /// `T -> CT`, `~l:T -> CT`, `?l:T -> CT`
    Arrow(ArgLabel, CoreType, Box<ClassType>),
    Extension(Extension),
    /// `let open M in CT`
    Open(OpenDescription, Box<ClassType>),
}

#[derive(Debug, Clone)]
pub struct ClassSignature {
    pub self_: CoreType,
    pub fields: Vec<ClassTypeField>,
}

#[derive(Debug, Clone)]
pub struct ClassTypeField {
    pub desc: ClassTypeFieldDesc,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum ClassTypeFieldDesc {
    Inherit(ClassType),
    /// `val mutable virtual x : T`
    Val(Loc<String>, MutableFlag, VirtualFlag, CoreType),
    /// `method private virtual m : T`
    Method(Loc<String>, PrivateFlag, VirtualFlag, CoreType),
    /// `constraint T1 = T2`
    Constraint(CoreType, CoreType),
    Attribute(Attribute),
    Extension(Extension),
}

/// Common shape of class declarations, descriptions and class type declarations.
#[derive(Debug, Clone)]
pub struct ClassInfos<T> {
    pub virt: VirtualFlag,
    pub params: Vec<(CoreType, (Variance, Injectivity))>,
    pub name: Loc<String>,
    pub expr: T,
    pub loc: Location,
    pub attributes: Attributes,
}

pub type ClassDescription = ClassInfos<ClassType>;
pub type ClassTypeDeclaration = ClassInfos<ClassType>;
pub type ClassDeclaration = ClassInfos<ClassExpr>;

#[derive(Debug, Clone)]
pub struct ClassExpr {
    pub desc: ClassExprDesc,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum ClassExprDesc {
    /// `c`, `['a] c`
    Constr(Loc<Longident>, Vec<CoreType>),
    /// `object ... end`
    Structure(ClassStructure),
    /// `fun P -> CE` (with labels and defaults as for expressions)
    Fun(ArgLabel, Option<Expression>, Pattern, Box<ClassExpr>),
    /// `CE ~l:E1 ...`
    Apply(Box<ClassExpr>, Vec<(ArgLabel, Expression)>),
    /// `let P = E in CE`
    Let(RecFlag, Vec<ValueBinding>, Box<ClassExpr>),
    /// `(CE : CT)`
    Constraint(Box<ClassExpr>, ClassType),
    Extension(Extension),
    /// `let open M in CE`
    Open(OpenDescription, Box<ClassExpr>),
}

#[derive(Debug, Clone)]
pub struct ClassStructure {
    /// The self pattern (`object (self) ... end`; `_` ghost when absent).
    pub self_: Pattern,
    pub fields: Vec<ClassField>,
}

#[derive(Debug, Clone)]
pub struct ClassField {
    pub desc: ClassFieldDesc,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum ClassFieldDesc {
    /// `inherit CE`, `inherit! CE as x`
    Inherit(OverrideFlag, ClassExpr, Option<Loc<String>>),
    /// `val x = E`, `val virtual x : T`
    Val(Loc<String>, MutableFlag, ClassFieldKind),
    /// `method x = E` (E is a Poly), `method virtual x : T`
    Method(Loc<String>, PrivateFlag, ClassFieldKind),
    /// `constraint T1 = T2`
    Constraint(CoreType, CoreType),
    /// `initializer E`
    Initializer(Expression),
    Attribute(Attribute),
    Extension(Extension),
}

#[derive(Debug, Clone)]
pub enum ClassFieldKind {
    Virtual(CoreType),
    Concrete(OverrideFlag, Expression),
}

// ---------------------------------------------------------------------------------------------
// Module language

#[derive(Debug, Clone)]
pub struct ModuleType {
    pub desc: ModuleTypeDesc,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum ModuleTypeDesc {
    /// `S`
    Ident(Loc<Longident>),
    /// `sig ... end`
    Signature(Signature),
    /// `functor (X : MT1) -> MT2`
    Functor(FunctorParameter, Box<ModuleType>),
    /// `MT with ...`
    With(Box<ModuleType>, Vec<WithConstraint>),
    /// `module type of ME`
    Typeof(Box<ModuleExpr>),
    Extension(Extension),
    /// `(module M)`
    Alias(Loc<Longident>),
}

#[derive(Debug, Clone)]
pub enum FunctorParameter {
    /// `()`
    Unit,
    /// `(X : MT)` (Some "X") or `(_ : MT)` (None)
    Named(Loc<Option<String>>, Box<ModuleType>),
}

pub type Signature = Vec<SignatureItem>;

#[derive(Debug, Clone)]
pub struct SignatureItem {
    pub desc: SignatureItemDesc,
    pub loc: Location,
}

#[derive(Debug, Clone)]
pub enum SignatureItemDesc {
    /// `val x : T`, `external x : T = "s1" ...`
    Value(ValueDescription),
    /// `type t1 = ... and ... and tn = ...`
    Type(RecFlag, Vec<TypeDeclaration>),
    /// `type t1 := ... and ...`
    TypeSubst(Vec<TypeDeclaration>),
    /// `type t1 += ...`
    TypExt(TypeExtension),
    /// `exception C of T`
    Exception(TypeException),
    /// `module X = M`, `module X : MT`
    Module(ModuleDeclaration),
    /// `module X := M`
    ModSubst(ModuleSubstitution),
    /// `module rec X1 : MT1 and ...`
    RecModule(Vec<ModuleDeclaration>),
    /// `module type S = MT`, `module type S`
    ModType(ModuleTypeDeclaration),
    /// `module type S := MT`
    ModTypeSubst(ModuleTypeDeclaration),
    /// `open X`
    Open(OpenDescription),
    /// `include MT`
    Include(IncludeDescription),
    /// `class c1 : ... and ...`
    Class(Vec<ClassDescription>),
    /// `class type ct1 = ... and ...`
    ClassType(Vec<ClassTypeDeclaration>),
    /// `[@@@id]`
    Attribute(Attribute),
    /// `[%%id]`
    Extension(Extension, Attributes),
}

/// `module X : MT`
#[derive(Debug, Clone)]
pub struct ModuleDeclaration {
    pub name: Loc<Option<String>>,
    pub type_: ModuleType,
    pub attributes: Attributes,
    pub loc: Location,
}

/// `module X := M`
#[derive(Debug, Clone)]
pub struct ModuleSubstitution {
    pub name: Loc<String>,
    pub manifest: Loc<Longident>,
    pub attributes: Attributes,
    pub loc: Location,
}

/// `module type S = MT` or `module type S`
#[derive(Debug, Clone)]
pub struct ModuleTypeDeclaration {
    pub name: Loc<String>,
    pub type_: Option<ModuleType>,
    pub attributes: Attributes,
    pub loc: Location,
}

/// Common shape of `open` items.
#[derive(Debug, Clone)]
pub struct OpenInfos<T> {
    pub expr: T,
    pub override_: OverrideFlag,
    pub loc: Location,
    pub attributes: Attributes,
}

/// `open M.N` (in signatures, class types)
pub type OpenDescription = OpenInfos<Loc<Longident>>;
/// `open M.N`, `open struct ... end` (in structures, expressions)
pub type OpenDeclaration = OpenInfos<ModuleExpr>;

#[derive(Debug, Clone)]
pub struct IncludeInfos<T> {
    pub mod_: T,
    pub loc: Location,
    pub attributes: Attributes,
}

/// `include MT`
pub type IncludeDescription = IncludeInfos<ModuleType>;
/// `include ME`
pub type IncludeDeclaration = IncludeInfos<ModuleExpr>;

#[derive(Debug, Clone)]
pub enum WithConstraint {
    /// `with type X.t = ...` (the declaration's name is the last component of the path)
    Type(Loc<Longident>, TypeDeclaration),
    /// `with module X.Y = Z`
    Module(Loc<Longident>, Loc<Longident>),
    /// `with module type X.Y = Z`
    ModType(Loc<Longident>, ModuleType),
    /// `with module type X.Y := sig end`
    ModTypeSubst(Loc<Longident>, ModuleType),
    /// `with type X.t := ..., same format as Type`
    TypeSubst(Loc<Longident>, TypeDeclaration),
    /// `with module X.Y := Z`
    ModSubst(Loc<Longident>, Loc<Longident>),
}

#[derive(Debug, Clone)]
pub struct ModuleExpr {
    pub desc: ModuleExprDesc,
    pub loc: Location,
    pub attributes: Attributes,
}

#[derive(Debug, Clone)]
pub enum ModuleExprDesc {
    /// `X`
    Ident(Loc<Longident>),
    /// `struct ... end`
    Structure(Structure),
    /// `functor (X : MT1) -> ME`
    Functor(FunctorParameter, Box<ModuleExpr>),
    /// `ME1(ME2)`
    Apply(Box<ModuleExpr>, Box<ModuleExpr>),
    /// `(ME : MT)`
    Constraint(Box<ModuleExpr>, Box<ModuleType>),
    /// `(val E)`
    Unpack(Box<Expression>),
    Extension(Extension),
}

pub type Structure = Vec<StructureItem>;

#[derive(Debug, Clone)]
pub struct StructureItem {
    pub desc: StructureItemDesc,
    pub loc: Location,
}

#[derive(Debug, Clone)]
pub enum StructureItemDesc {
    /// `E` (with `[@@id]` attributes)
    Eval(Expression, Attributes),
    /// `let P1 = E1 and ...`, `let rec ...`
    Value(RecFlag, Vec<ValueBinding>),
    /// `external x : T = "s1" ...`
    Primitive(ValueDescription),
    /// `type t1 = ... and ...`
    Type(RecFlag, Vec<TypeDeclaration>),
    /// `type t1 += ...`
    TypExt(TypeExtension),
    /// `exception C of T`, `exception C = M.X`
    Exception(TypeException),
    /// `module X = ME`
    Module(ModuleBinding),
    /// `module rec X1 = ME1 and ...`
    RecModule(Vec<ModuleBinding>),
    /// `module type S = MT`
    ModType(ModuleTypeDeclaration),
    /// `open X`
    Open(OpenDeclaration),
    /// `class c1 = ... and ...`
    Class(Vec<ClassDeclaration>),
    /// `class type ct1 = ... and ...`
    ClassType(Vec<ClassTypeDeclaration>),
    /// `include ME`
    Include(IncludeDeclaration),
    /// `[@@@id]`
    Attribute(Attribute),
    /// `[%%id]`
    Extension(Extension, Attributes),
}

#[derive(Debug, Clone)]
pub struct ValueBinding {
    pub pat: Pattern,
    pub expr: Expression,
    pub attributes: Attributes,
    pub loc: Location,
}

/// `module X = ME` (name None for `_`)
#[derive(Debug, Clone)]
pub struct ModuleBinding {
    pub name: Loc<Option<String>>,
    pub expr: ModuleExpr,
    pub attributes: Attributes,
    pub loc: Location,
}

// ---------------------------------------------------------------------------------------------
// Toplevel

#[derive(Debug, Clone)]
pub enum ToplevelPhrase {
    Def(Structure),
    Dir(ToplevelDirective),
}

/// `#name arg`
#[derive(Debug, Clone)]
pub struct ToplevelDirective {
    pub name: Loc<String>,
    pub arg: Option<DirectiveArgument>,
    pub loc: Location,
}

#[derive(Debug, Clone)]
pub struct DirectiveArgument {
    pub desc: DirectiveArgumentDesc,
    pub loc: Location,
}

#[derive(Debug, Clone)]
pub enum DirectiveArgumentDesc {
    String(String),
    Int(String, Option<char>),
    Ident(Longident),
    Bool(bool),
}
