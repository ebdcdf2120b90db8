//! The Stdlib interface files the typer loads (the project's own `stdlib/*.mli`, embedded at
//! build time by `compiler/build.rs`). `list.mli` is unit `Stdlib__List`, `stdlib.mli` is
//! `Stdlib`, `camlinternalFormatBasics.mli` keeps its own name.

const SOURCES: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/stdlib_interfaces.rs"));

/// (file name, source) of a unit's interface.
pub fn find(unit: &str) -> Option<(&'static str, &'static str)> {
    SOURCES.iter().find(|(u, _, _)| *u == unit).map(|(_, f, s)| (*f, *s))
}

/// Names of the units that have an interface (`stdlib/*.mli`), in file name order.
pub fn interface_units() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(u, _, _)| *u)
}

const IMPLEMENTATIONS: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/stdlib_implementations.rs"));

/// (file name, source) of a unit's implementation.
pub fn find_implementation(unit: &str) -> Option<(&'static str, &'static str)> {
    IMPLEMENTATIONS.iter().find(|(u, _, _)| *u == unit).map(|(_, f, s)| (*f, *s))
}

/// Names of the units that have an implementation (`stdlib/*.ml`), in file name order.
pub fn implementation_units() -> impl Iterator<Item = &'static str> {
    IMPLEMENTATIONS.iter().map(|(u, _, _)| *u)
}
