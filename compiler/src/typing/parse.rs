//! The parser entry points the typer uses (for interface files of the Stdlib and for tests).

use crate::parsing::parsetree::{Signature, Structure};

pub fn implementation(src: &str, fname: &str) -> Result<Structure, String> {
    crate::parsing::parse_implementation(src, fname)
        .map_err(|e| crate::parsing::report_syntax_error(&e, Some(src.as_bytes())))
}

pub fn interface(src: &str, fname: &str) -> Result<Signature, String> {
    crate::parsing::parse_interface(src, fname).map_err(|e| crate::parsing::report_syntax_error(&e, Some(src.as_bytes())))
}
