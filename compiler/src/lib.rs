//! The ocaml-jit compiler: source text to Cranelift IR.
//!
//! One pass per module, data flowing one way:
//! parsing (Parsetree) -> typing (Typedtree) -> lambda (untyped IR) -> middle (closure
//! conversion to Clambda) -> codegen (Cranelift IR through the `cranelift_module::Module` trait).

pub mod aot;
pub mod codegen;
pub mod driver;
pub mod format_string;
pub mod lambda;
pub mod middle;
pub mod parsing;
pub mod raw_text;
pub mod translate;
pub mod typing;
