//! Typing options of the whole session, set once from the command line (OCaml's
//! `-rectypes`, `-short-paths`, `-principal`, kept in its `Clflags`).

use std::cell::Cell;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TypingFlags {
    /// `-rectypes`: unification accepts recursive types through any type constructor.
    pub rectypes: bool,
    /// `-short-paths`: printed types name each type constructor by its shortest path.
    pub short_paths: bool,
    /// `-principal`: warn (18) where type-directed disambiguation is not principal.
    pub principal: bool,
}

thread_local! {
    static FLAGS: Cell<TypingFlags> = const { Cell::new(TypingFlags { rectypes: false, short_paths: false, principal: false }) };
}

pub fn set(flags: TypingFlags) {
    FLAGS.with(|f| f.set(flags));
}

pub fn get() -> TypingFlags {
    FLAGS.with(|f| f.get())
}

pub fn rectypes() -> bool {
    get().rectypes
}

pub fn short_paths() -> bool {
    get().short_paths
}

pub fn principal() -> bool {
    get().principal
}
