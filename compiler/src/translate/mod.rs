//! Translation of the typed tree to Lambda: primitives made explicit, pattern matches compiled,
//! curried functions fused into functions of several parameters.

mod core;
pub mod debug_scope;
mod format_literal;
mod letrec;
mod match_knowledge;
mod match_rows;
mod match_switch;
mod match_tree;
mod recmod_check;
mod matching;
pub mod module;
pub mod primitives;
mod static_exits;

pub use self::core::{ident_var, Translator, TranslError};
