//! Source positions and locations, shaped like OCaml's `Lexing.position` and `Location.t`.
//!
//! Offsets are byte offsets into the source text, as in OCaml, so printed column numbers
//! ("characters 4-7") agree with OCaml's.

use std::fmt;
use std::rc::Rc;

/// A point in a source file (OCaml's `Lexing.position`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Position {
    /// File name as it appears in messages.
    pub fname: Rc<str>,
    /// Line number, starting at 1.
    pub line: u32,
    /// Byte offset of the beginning of the line.
    pub bol: u32,
    /// Byte offset of the position itself.
    pub cnum: u32,
}

impl Position {
    pub fn new(fname: Rc<str>) -> Position {
        Position { fname, line: 1, bol: 0, cnum: 0 }
    }

    /// Column of the position in bytes (`cnum - bol`).
    pub fn column(&self) -> i64 {
        self.cnum as i64 - self.bol as i64
    }

    /// OCaml's `Lexing.dummy_pos`: no file, line 0, offset -1 (here `u32::MAX`).
    pub fn dummy() -> Position {
        Position { fname: Rc::from(""), line: 0, bol: 0, cnum: u32::MAX }
    }
}

impl fmt::Debug for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.fname, self.line, self.column())
    }
}

/// A source range (OCaml's `Location.t`). `ghost` marks locations that do not correspond to
/// text written by the user (OCaml prints them with a trailing `ghost`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub start: Position,
    pub end: Position,
    pub ghost: bool,
}

impl Location {
    pub fn new(start: Position, end: Position) -> Location {
        Location { start, end, ghost: false }
    }

    /// OCaml's `Location.none`.
    pub fn none() -> Location {
        Location { start: Position::dummy(), end: Position::dummy(), ghost: true }
    }

    /// The same range marked as ghost.
    pub fn to_ghost(&self) -> Location {
        Location { start: self.start.clone(), end: self.end.clone(), ghost: true }
    }

    /// The smallest range covering `self` and `other` (not ghost).
    pub fn span(&self, other: &Location) -> Location {
        Location { start: self.start.clone(), end: other.end.clone(), ghost: false }
    }

    /// Byte range in the source text.
    pub fn byte_range(&self) -> std::ops::Range<usize> {
        self.start.cnum as usize..self.end.cnum as usize
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "({}[{},{}+{}]..[{},{}+{}]){}",
            self.start.fname,
            self.start.line,
            self.start.bol,
            self.start.column(),
            self.end.line,
            self.end.bol,
            self.end.column(),
            if self.ghost { " ghost" } else { "" }
        )
    }
}

/// A value with the location it came from (OCaml's `'a Location.loc`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Located<T> {
    pub txt: T,
    pub loc: Location,
}

/// Short name used throughout the Parsetree.
pub type Loc<T> = Located<T>;

impl<T> Located<T> {
    pub fn new(txt: T, loc: Location) -> Located<T> {
        Located { txt, loc }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Located<U> {
        Located { txt: f(self.txt), loc: self.loc }
    }
}

impl<T: fmt::Debug> fmt::Debug for Located<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} @ {:?}", self.txt, self.loc)
    }
}
