//! Small types shared by the Parsetree and later trees (OCaml's `Asttypes`, plus the
//! Parsetree's `constant`).

use super::location::Location;

/// A literal as written in the source (OCaml's `Parsetree.constant`).
/// Numbers are kept as their source text so that range checks happen in the type checker
/// with OCaml's messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// `12`, `0x1F`, `3_000l`: the digits as written (with `_`, without the suffix) and the
    /// suffix `l`, `L` or `n` if any.
    Integer(String, Option<char>),
    /// A character literal; OCaml characters are bytes.
    Char(u8),
    /// A string literal: its bytes (escapes resolved; OCaml strings need not be UTF-8),
    /// the location of the contents, and the delimiter `id` of `{id|...|id}` if quoted.
    String(Vec<u8>, Location, Option<String>),
    /// `1.5`, `1e10`, `0x1p4`: the text as written and the suffix (`g`..`z`, `G`..`Z`) if any.
    Float(String, Option<char>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecFlag {
    Nonrecursive,
    Recursive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DirectionFlag {
    Upto,
    Downto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrivateFlag {
    Private,
    Public,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MutableFlag {
    Immutable,
    Mutable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VirtualFlag {
    Virtual,
    Concrete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OverrideFlag {
    Override,
    Fresh,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClosedFlag {
    Closed,
    Open,
}

/// Labels of arguments and arrows: `x`, `~x`, `?x`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ArgLabel {
    Nolabel,
    Labelled(String),
    Optional(String),
}

/// Variance annotation of a type parameter: `+'a`, `-'a`, `'a`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variance {
    Covariant,
    Contravariant,
    NoVariance,
}

/// Injectivity annotation of a type parameter: `!'a`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Injectivity {
    Injective,
    NoInjectivity,
}
