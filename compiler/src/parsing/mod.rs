//! Lexer, parser and the Parsetree.
//!
//! The Parsetree mirrors OCaml 4.14's `Parsetree`; see `parsetree.rs`.

pub mod asttypes;
pub mod location;
pub mod longident;
pub mod parsetree;
