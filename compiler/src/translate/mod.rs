//! Translation of the typed tree to Lambda: primitives made explicit, pattern matches compiled,
//! curried functions fused into functions of several parameters.

mod core;
mod format_literal;
mod letrec;
mod matching;
pub mod module;
pub mod primitives;

pub use self::core::{ident_var, Translator, TranslError};
