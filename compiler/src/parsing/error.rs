//! Syntax errors and lexer warnings, with the texts OCaml prints for them.

use super::location::Location;

/// An error found while lexing or parsing, with OCaml's message.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub loc: Location,
    /// The text printed after `Error: `.
    pub message: String,
    /// Secondary locations with their notes (e.g. "This '(' might be unmatched").
    pub notes: Vec<(Location, String)>,
}

impl SyntaxError {
    pub fn new(loc: Location, message: impl Into<String>) -> SyntaxError {
        SyntaxError { loc, message: message.into(), notes: Vec::new() }
    }

    /// The bare `Syntax error`.
    pub fn generic(loc: Location) -> SyntaxError {
        SyntaxError::new(loc, "Syntax error")
    }

    /// `Syntax error: ')' expected` with `This '(' might be unmatched`.
    pub fn unclosed(opening_loc: Location, opening: &str, closing_loc: Location, closing: &str) -> SyntaxError {
        SyntaxError {
            loc: closing_loc,
            message: format!("Syntax error: '{}' expected", closing),
            notes: vec![(opening_loc, format!("This '{}' might be unmatched", opening))],
        }
    }

    /// `Syntax error: X expected.`
    pub fn expecting(loc: Location, what: &str) -> SyntaxError {
        SyntaxError::new(loc, format!("Syntax error: {} expected.", what))
    }

    /// `Syntax error: X not expected.`
    pub fn not_expecting(loc: Location, what: &str) -> SyntaxError {
        SyntaxError::new(loc, format!("Syntax error: {} not expected.", what))
    }
}

/// A warning emitted by the lexer or parser (numbers as in OCaml's `Warnings`).
#[derive(Debug, Clone)]
pub struct Warning {
    pub loc: Location,
    pub number: u32,
    /// Mnemonic name printed in brackets, e.g. `comment-not-end`.
    pub name: &'static str,
    pub message: String,
}
