//! The ocaml-jit compiler: source text to Cranelift IR.
//!
//! One pass per module, data flowing one way:
//! parsing (Parsetree) -> typing (Typedtree) -> lambda (untyped IR) -> closure (flat closures)
//! -> codegen (Cranelift IR through the `cranelift_module::Module` trait).

pub mod parsing;
