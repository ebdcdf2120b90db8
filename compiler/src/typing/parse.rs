//! The parser entry points the typer uses (interface files of the Stdlib, the `-i` driver).

use crate::parsing::parsetree::{Signature, Structure};

/// Parses an implementation; a syntax error comes back as OCaml's full report.
pub fn implementation(src: &str, fname: &str) -> Result<Structure, String> {
    crate::parsing::parse_implementation(src, fname).map_err(|e| crate::parsing::report_syntax_error(&e, Some(src.as_bytes())))
}

pub fn interface(src: &str, fname: &str) -> Result<Signature, String> {
    crate::parsing::parse_interface(src, fname).map_err(|e| crate::parsing::report_syntax_error(&e, Some(src.as_bytes())))
}
