//! The middle end: local references to variables, then closure conversion of Lambda into
//! Clambda.

pub mod clambda;
pub mod closure;
pub mod ref_to_var;
