//! The Stdlib interface files the typer loads (the project's own `stdlib/` sources, embedded
//! by `compiler/build.rs`).

/// (unit name, file name, source text)
const SOURCES: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/stdlib_interfaces.rs"));

/// (file name, source) of a unit's interface.
pub fn find(unit: &str) -> Option<(&'static str, &'static str)> {
    SOURCES.iter().find(|(u, _, _)| *u == unit).map(|(_, f, s)| (*f, *s))
}

/// Every unit with an interface.
pub fn units() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(u, _, _)| *u)
}
