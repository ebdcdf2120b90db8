//! The Stdlib units of a toplevel session, initialised the first time a phrase needs them
//! (dependencies first).
//!
//! Most units are precompiled into the executable (crate `stdlib-native`): loading one registers
//! its frame table, global block and code range with the runtime and runs its top-level code.
//! A unit the build could not precompile is compiled from its embedded source into the JIT
//! image instead.

use compiler::lambda::Fresh;
use jit::Jit;
use std::collections::HashMap;

/// Where a loaded unit's code is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Loaded {
    /// Being initialised (a unit its own dependencies refer back to).
    InProgress,
    Precompiled,
    Jitted,
}

#[derive(Default)]
pub struct Units {
    loaded: HashMap<String, Loaded>,
    /// Precompiled units registered with the runtime: once only, even when a first
    /// initialisation raised and a later phrase tries again.
    registered: std::collections::HashSet<&'static str>,
}

/// `OCAMLJIT_NO_PRECOMPILED=1` compiles every Stdlib unit from source and types its interface
/// from its `.mli`, as before precompilation (to compare the two or to test the fallback).
pub fn precompiled_disabled() -> bool {
    std::env::var_os("OCAMLJIT_NO_PRECOMPILED").is_some_and(|v| v != "0")
}

impl Units {
    /// Initialise `unit` (and the units it needs) unless it already is.
    pub fn load(&mut self, jit: &mut Jit, fresh: &mut Fresh, unit: &str) -> Result<(), String> {
        if self.loaded.contains_key(unit) {
            return Ok(());
        }
        self.loaded.insert(unit.to_string(), Loaded::InProgress);
        let r = match stdlib_native::find(unit).filter(|_| !precompiled_disabled()) {
            Some((u, descr)) => self.load_precompiled(jit, fresh, u, descr),
            None => self.compile_from_source(jit, fresh, unit),
        };
        match r {
            Ok(how) => {
                self.loaded.insert(unit.to_string(), how);
                Ok(())
            }
            Err(e) => {
                self.loaded.remove(unit);
                Err(e)
            }
        }
    }

    fn load_precompiled(
        &mut self,
        jit: &mut Jit,
        fresh: &mut Fresh,
        u: &'static stdlib_native::Unit,
        descr: &'static runtime::startup::UnitDescr,
    ) -> Result<Loaded, String> {
        for dep in u.requires {
            self.load(jit, fresh, dep)?;
        }
        let fail = |msg: String| format!("Error while loading unit {}: {}\n", u.name, msg);
        let entry = if self.registered.contains(u.name) {
            descr.entry
        } else {
            // SAFETY: the descriptor comes from the linked library and is registered once.
            let entry = unsafe { runtime::startup::register_unit(descr) }.map_err(|e| fail(format!("{:?}", e)))?;
            self.registered.insert(u.name);
            entry
        };
        match jit.run_linked_code(entry).map_err(|e| fail(format!("{:?}", e)))? {
            Ok(_) => Ok(Loaded::Precompiled),
            Err(exn) => Err(fail(format!("exception {}", runtime::printexc::to_string(exn)))),
        }
    }

    fn compile_from_source(&mut self, jit: &mut Jit, fresh: &mut Fresh, unit: &str) -> Result<Loaded, String> {
        let Some((fname, text)) = compiler::driver::stdlib_unit_source(unit) else {
            return Err(format!("Error: no implementation of unit {}\n", unit));
        };
        let fail = |msg: String| {
            let mut m = format!("Error while loading unit {} ({}):\n{}", unit, fname, msg);
            if !m.ends_with('\n') {
                m.push('\n');
            }
            m
        };
        let code = compiler::driver::compile_unit(unit, fname, text, fresh).map_err(fail)?;
        for dep in &code.requires {
            self.load(jit, fresh, dep)?;
        }
        let (sym, n) = &code.block;
        let block = jit.define_global_block(sym, *n).map_err(|e| fail(format!("{:?}", e)))?;
        match jit.run(&code.program, &[(block, *n)]).map_err(|e| fail(format!("{:?}", e)))? {
            Ok(_) => Ok(Loaded::Jitted),
            Err(exn) => Err(fail(format!("exception {}", runtime::printexc::to_string(exn)))),
        }
    }
}
