//! The Stdlib interface files the typer loads (the project's own `stdlib/` sources, embedded).

const SOURCES: &[(&str, &str, &str)] = &[
    ("Stdlib", "stdlib.mli", include_str!("../../../stdlib/stdlib.mli")),
    ("Stdlib__Lazy", "lazy.mli", include_str!("../../../stdlib/lazy.mli")),
    ("Stdlib__List", "list.mli", include_str!("../../../stdlib/list.mli")),
    ("Stdlib__Printf", "printf.mli", include_str!("../../../stdlib/printf.mli")),
];

/// (file name, source) of a unit's interface.
pub fn find(unit: &str) -> Option<(&'static str, &'static str)> {
    SOURCES.iter().find(|(u, _, _)| *u == unit).map(|(_, f, s)| (*f, *s))
}
