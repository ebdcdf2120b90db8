//! The ocaml-jit runtime: values, allocation and GC, exceptions, primitives.
