//! The middle end: inlining of small known functions, local references to variables, then
//! closure conversion of Lambda into
//! Clambda.

pub mod clambda;
pub mod closure;
pub mod inline;
pub mod ref_to_var;
