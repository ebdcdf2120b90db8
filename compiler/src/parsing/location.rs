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

    /// OCaml's `Location.none` (file `_none_`, line 0, offset -1).
    pub fn none() -> Location {
        let p = Position { fname: Rc::from("_none_"), line: 0, bol: 0, cnum: u32::MAX };
        Location { start: p.clone(), end: p, ghost: true }
    }

    /// The same range marked as ghost.
    pub fn to_ghost(&self) -> Location {
        Location { start: self.start.clone(), end: self.end.clone(), ghost: true }
    }

    /// The same range, not ghost.
    pub fn clone_nonghost(&self) -> Location {
        Location { start: self.start.clone(), end: self.end.clone(), ghost: false }
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

// ---------------------------------------------------------------------------------------------
// Error and warning reports, printed the way OCaml 4.13 prints them.

/// Where the source text of a report comes from, and how locations are shown.
pub enum ReportMode<'a> {
    /// Compiling a file: `File "f.ml", line 3, characters 4-7:`. `src` is the file's text
    /// (for the excerpt), if available.
    File { src: Option<&'a [u8]> },
    /// The interactive toplevel: `Line 1, characters 8-9:` with lines counted from the
    /// start of the phrase. `src` is the whole input the positions index into and
    /// `phrase_start` the position where the current phrase begins.
    Toplevel { src: &'a [u8], phrase_start: Position },
}

impl<'a> ReportMode<'a> {
    fn src(&self) -> Option<&'a [u8]> {
        match self {
            ReportMode::File { src } => *src,
            ReportMode::Toplevel { src, .. } => Some(src),
        }
    }

    /// Line number as displayed.
    fn display_line(&self, line: u32) -> i64 {
        match self {
            ReportMode::File { .. } => line as i64,
            ReportMode::Toplevel { phrase_start, .. } => line as i64 - phrase_start.line as i64 + 1,
        }
    }

    /// Column as displayed: in the toplevel, the first line of a phrase that starts in the
    /// middle of a line counts from the phrase start.
    fn display_col(&self, p: &Position) -> i64 {
        p.column()
    }

    /// The location header, e.g. `File "f.ml", line 3, characters 4-7:`.
    pub fn header(&self, loc: &Location) -> String {
        let l1 = self.display_line(loc.start.line);
        let l2 = self.display_line(loc.end.line);
        let c1 = self.display_col(&loc.start);
        // The end column is counted from the start line's beginning on single-line
        // locations, from the end line's beginning otherwise.
        let c2 = if loc.start.line == loc.end.line { loc.end.cnum as i64 - loc.start.bol as i64 } else { self.display_col(&loc.end) };
        let lines = if l1 == l2 { format!("line {}", l1) } else { format!("lines {}-{}", l1, l2) };
        match self {
            ReportMode::File { .. } => {
                if loc.start.cnum == u32::MAX {
                    format!("File \"{}\", {}:", loc.start.fname, lines)
                } else {
                    format!("File \"{}\", {}, characters {}-{}:", loc.start.fname, lines, c1, c2)
                }
            }
            ReportMode::Toplevel { .. } => {
                let lines = if l1 == l2 { format!("Line {}", l1) } else { format!("Lines {}-{}", l1, l2) };
                format!("{}, characters {}-{}:", lines, c1, c2)
            }
        }
    }

    /// The source excerpt under the header (empty when there is nothing to show).
    pub fn excerpt(&self, loc: &Location) -> String {
        let src = match self.src() {
            Some(s) => s,
            None => return String::new(),
        };
        let (s, e) = (loc.start.cnum as usize, loc.end.cnum as usize);
        if loc.start.cnum == u32::MAX || s >= e || s >= src.len() {
            return String::new();
        }
        // Collect the lines covering [s, e).
        let mut lines: Vec<(i64, usize, &[u8])> = Vec::new();
        let mut bol = loc.start.bol as usize;
        let mut line = loc.start.line;
        loop {
            let eol = src[bol..].iter().position(|&c| c == b'\n').map_or(src.len(), |k| bol + k);
            lines.push((self.display_line(line), bol, &src[bol..eol]));
            if eol >= e.saturating_sub(1) || eol >= src.len() {
                break;
            }
            bol = eol + 1;
            line += 1;
        }
        let mut out = String::new();
        if lines.len() == 1 {
            let (n, bol, text) = lines[0];
            let num = n.to_string();
            out.push_str(&format!("{} | {}\n", num, String::from_utf8_lossy(text)));
            out.push_str(&" ".repeat(num.len() + 3));
            for (i, &c) in text.iter().enumerate() {
                let pos = bol + i;
                if pos >= s && pos < e {
                    out.push('^');
                } else if pos < e {
                    out.push(if c == b'\t' { '\t' } else { ' ' });
                }
            }
            out.push('\n');
            return out;
        }
        let width = lines.iter().map(|l| l.0.to_string().len()).max().unwrap_or(1);
        let max_lines = 10;
        let shown: Vec<Option<&(i64, usize, &[u8])>> = if lines.len() <= max_lines {
            lines.iter().map(Some).collect()
        } else {
            let mut v: Vec<Option<&(i64, usize, &[u8])>> = lines[..max_lines / 2].iter().map(Some).collect();
            v.push(None);
            v.extend(lines[lines.len() - (max_lines / 2 - 1)..].iter().map(Some));
            v
        };
        for l in shown {
            match l {
                None => out.push_str("...\n"),
                Some((n, bol, text)) => {
                    out.push_str(&format!("{:>w$} | ", n, w = width));
                    let mut buf = Vec::new();
                    for (i, &c) in text.iter().enumerate() {
                        let pos = bol + i;
                        buf.push(if pos >= s && pos < e { c } else { b'.' });
                    }
                    out.push_str(&String::from_utf8_lossy(&buf));
                    out.push('\n');
                }
            }
        }
        out
    }

    /// A full report: header, excerpt, `kind: message` (e.g. kind `Error`), then notes,
    /// each with its own header and excerpt and its text indented by two spaces.
    pub fn report(&self, loc: &Location, kind: &str, message: &str, notes: &[(Location, String)]) -> String {
        let mut out = String::new();
        out.push_str(&self.header(loc));
        out.push('\n');
        out.push_str(&self.excerpt(loc));
        out.push_str(kind);
        out.push_str(": ");
        out.push_str(message);
        out.push('\n');
        for (nloc, text) in notes {
            out.push_str(&self.header(nloc));
            out.push('\n');
            out.push_str(&self.excerpt(nloc));
            out.push_str("  ");
            out.push_str(text);
            out.push('\n');
        }
        out
    }
}
