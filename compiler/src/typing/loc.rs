//! Source locations used by the typer (the parser's `Location`).

pub use crate::parsing::location::Location;

pub fn none() -> Location {
    Location::none()
}
