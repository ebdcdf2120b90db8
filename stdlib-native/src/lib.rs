//! The Stdlib compiled ahead of time (see `build.rs`), linked into whatever depends on this
//! crate: the table of its units, their descriptors (code range, frame table, global block,
//! entry code: the same tables AOT executables carry), and where the static library is for
//! linking AOT programs.
//!
//! A unit is registered with the runtime and initialised by its user (the toplevel does it the
//! first time a phrase needs the unit, dependencies first).

use runtime::startup::UnitDescr;
use std::path::PathBuf;

/// A precompiled unit: its name (`Stdlib__List`) and the units its code refers to, which must
/// be initialised before it.
pub struct Unit {
    pub name: &'static str,
    pub requires: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/precompiled.rs"));

/// The static library holding the precompiled units, as the build wrote it.
const ARCHIVE: &str = concat!(env!("OUT_DIR"), "/libocaml_stdlib.a");

/// Environment variable naming the library to link AOT programs with, overriding `ARCHIVE`.
pub const ARCHIVE_ENV: &str = "OCAMLJIT_STDLIB_LIB";

/// The precompiled unit `name`, with its descriptor.
pub fn find(name: &str) -> Option<(&'static Unit, &'static UnitDescr)> {
    let i = UNITS.iter().position(|u| u.name == name)?;
    // SAFETY: the descriptors are static data of the linked library, never written.
    let d = unsafe { descriptor_at(i).as_ref()? };
    Some((&UNITS[i], d))
}

/// Address of the header of a precompiled unit's global block, from its symbol
/// (`camlStdlib__List`); the JIT links phrases that use the unit to it.
pub fn global_block_symbol(symbol: &str) -> Option<*const u8> {
    let (_, d) = find(symbol.strip_prefix("caml")?)?;
    // SAFETY: `nglobals` entries follow the descriptor (see `compiler/src/aot/tables.rs`).
    let globals = unsafe { std::slice::from_raw_parts(d.globals.as_ptr(), d.nglobals as usize) };
    globals.first().map(|g| g.header as *const u8)
}

/// The static library to link AOT programs with: `$OCAMLJIT_STDLIB_LIB`, else the one this
/// build wrote (present as long as the build tree is).
pub fn archive_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(ARCHIVE_ENV) {
        return Some(PathBuf::from(p));
    }
    let p = PathBuf::from(ARCHIVE);
    p.is_file().then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_units_are_precompiled() {
        for name in ["Stdlib", "Stdlib__List", "CamlinternalFormat", "Stdlib__Printf"] {
            assert!(find(name).is_some(), "{} is not precompiled: {:?}", name, NOT_PRECOMPILED);
        }
    }

    #[test]
    fn units_follow_their_requirements() {
        for (i, u) in UNITS.iter().enumerate() {
            for r in u.requires {
                let j = UNITS.iter().position(|x| x.name == *r);
                assert!(matches!(j, Some(j) if j < i), "{} needs {} first", u.name, r);
            }
        }
    }

    #[test]
    fn global_blocks_resolve() {
        let p = global_block_symbol("camlStdlib__List").expect("block");
        // The header's tag is 0 and its size the number of fields of List's interface.
        let header = unsafe { *(p as *const u64) };
        assert_eq!(header & 0xff, 0);
        assert!(header >> 10 > 10);
        assert!(global_block_symbol("camlNoSuchUnit").is_none());
    }
}
