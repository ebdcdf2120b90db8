//! The middle end: closure conversion of Lambda into Clambda.

pub mod clambda;
pub mod closure;
