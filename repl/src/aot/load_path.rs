//! Where compiled interfaces are found, and OCaml's check that the interfaces one compilation
//! reads agree with each other.
//!
//! A module `B` that is neither in the Stdlib nor compiled earlier in the same command is
//! `b.cji` (then `B.cji`) in the current directory, then in each `-I` directory in the order
//! given (OCaml's manual: "searched after the current directory, in the order in which they
//! were given"). Each `.cji` read records its own digest and the digests of the interfaces it
//! was typed against; two different digests for one interface are OCaml's "inconsistent
//! assumptions" error.

use super::messages;
use compiler::aot::unit_files::{CompiledInterface, Digest, FileError, Import};
use compiler::typing::types::Signature;
use std::cell::RefCell;
use std::rc::Rc;

/// The directories searched, the current one (`""`) first.
pub struct LoadPath {
    dirs: Vec<String>,
}

impl LoadPath {
    pub fn new(include_dirs: &[String]) -> LoadPath {
        LoadPath { dirs: std::iter::once(String::new()).chain(include_dirs.iter().cloned()).collect() }
    }

    /// `<unit uncapitalized><ext>`, else `<Unit><ext>`, in the first directory holding one; the
    /// path as messages name it (`a.cji`, `sub/a.cji`).
    pub fn find_unit_file(&self, unit: &str, ext: &str) -> Option<String> {
        let mut names = vec![uncapitalize(unit) + ext];
        if names[0] != format!("{}{}", unit, ext) {
            names.push(format!("{}{}", unit, ext));
        }
        self.dirs
            .iter()
            .flat_map(|d| names.iter().map(move |n| concat(d, n)))
            .find(|p| std::path::Path::new(p).is_file())
    }
}

/// OCaml's `Filename.concat`, with `""` meaning the current directory.
fn concat(dir: &str, file: &str) -> String {
    if dir.is_empty() || dir.ends_with('/') {
        format!("{}{}", dir, file)
    } else {
        format!("{}/{}", dir, file)
    }
}

fn uncapitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// The interfaces one compilation has seen: (unit, digest, the file that recorded it).
#[derive(Default)]
struct Imports {
    table: Vec<(String, Digest, String)>,
    /// The first problem met while reading a `.cji`; it is reported instead of whatever
    /// typing said (OCaml stops at it).
    error: Option<String>,
}

impl Imports {
    /// Every compilation reads the Stdlib first (as OCaml's initial environment does).
    fn starting() -> Imports {
        let (name, digest) = super::stdlib_import();
        Imports { table: vec![(name, digest, super::STDLIB_SOURCE.to_string())], error: None }
    }

    /// OCaml's `Consistbl.check`: the first digest recorded for a unit is the reference.
    fn check(&mut self, unit: &str, digest: Digest, source: &str) -> Result<(), String> {
        match self.table.iter().find(|(u, _, _)| u == unit) {
            Some((_, d, _)) if *d == digest => Ok(()),
            Some((_, _, original)) => Err(format!(
                "@[<hov>The files {}@ and {}@ make inconsistent assumptions@ over interface {}@]",
                messages::escape(original),
                messages::escape(source),
                unit
            )),
            None => {
                self.table.push((unit.to_string(), digest, source.to_string()));
                Ok(())
            }
        }
    }
}

/// What the compilations of one command share: the load path, and for the unit being
/// compiled, the interfaces it read.
pub struct Session {
    pub load_path: LoadPath,
    imports: RefCell<Imports>,
    /// The unit being compiled: never loaded from a `.cji` while it is compiled.
    current_unit: RefCell<String>,
}

impl Session {
    pub fn new(load_path: LoadPath) -> Rc<Session> {
        Rc::new(Session { load_path, imports: RefCell::new(Imports::starting()), current_unit: RefCell::new(String::new()) })
    }

    /// Makes the type checker find units through this session (until environments are reset).
    pub fn install(self: &Rc<Session>) {
        let me = self.clone();
        compiler::typing::set_user_unit_loader(Rc::new(move |name: &str| me.load_for_typing(name)));
    }

    /// Starts the compilation of `unit`: no interface read yet.
    pub fn start_unit(&self, unit: &str) {
        *self.current_unit.borrow_mut() = unit.to_string();
        *self.imports.borrow_mut() = Imports::starting();
    }

    /// Sets the unit being compiled, keeping what earlier units of the command read (units
    /// compiled together in one `-o` command see the same interfaces).
    pub fn continue_with_unit(&self, unit: &str) {
        *self.current_unit.borrow_mut() = unit.to_string();
    }

    fn load_for_typing(&self, name: &str) -> Option<Result<Signature, String>> {
        if *self.current_unit.borrow() == name {
            return None;
        }
        let path = self.load_path.find_unit_file(name, ".cji")?;
        Some(self.read_interface(name, &path).map(|(sg, _)| sg))
    }

    /// Reads the compiled interface of `unit` at `path` and checks it against the interfaces
    /// read before; a problem is also kept for [`Session::take_error`].
    pub fn read_interface(&self, unit: &str, path: &str) -> Result<(Signature, Digest), String> {
        let result = self.try_read_interface(unit, path);
        if let Err(e) = &result {
            let mut imports = self.imports.borrow_mut();
            if imports.error.is_none() {
                imports.error = Some(e.clone());
            }
        }
        result
    }

    fn try_read_interface(&self, unit: &str, path: &str) -> Result<(Signature, Digest), String> {
        let bytes = std::fs::read(path).map_err(|e| format!("I/O error: {}: {}", messages::escape(path), messages::io_error_text(&e)))?;
        let cji = CompiledInterface::from_bytes(&bytes).map_err(|e| match e {
            FileError::WrongKind => format!("@[{}@ is not a compiled interface@]", messages::escape(path)),
            FileError::OtherVersion => format!(
                "@[{}@ is not a compiled interface for this version of ocaml-jit.@]",
                messages::escape(path)
            ),
            FileError::Corrupted => format!("@[Corrupted compiled interface@ {}@]", messages::escape(path)),
        })?;
        if cji.name != unit {
            return Err(format!(
                "@[<hov>The file {}@ contains the interface of module {}@ instead of {}@]",
                messages::escape(path),
                cji.name,
                unit
            ));
        }
        let sg = cji.signature().map_err(|_| format!("@[Corrupted compiled interface@ {}@]", messages::escape(path)))?;
        let mut imports = self.imports.borrow_mut();
        imports.check(unit, cji.digest, path)?;
        for (name, digest) in &cji.imports {
            imports.check(name, *digest, path)?;
        }
        Ok((sg, cji.digest))
    }

    /// The first problem met while reading interfaces since the unit started, if any.
    pub fn take_error(&self) -> Option<String> {
        self.imports.borrow_mut().error.take()
    }

    /// The interfaces read, except `unit`'s own, in the order they were first met.
    pub fn imports_except(&self, unit: &str) -> Vec<Import> {
        self.imports.borrow().table.iter().filter(|(u, _, _)| u != unit).map(|(u, d, _)| (u.clone(), *d)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_named_as_ocaml_names_them() {
        assert_eq!(concat("", "a.cji"), "a.cji");
        assert_eq!(concat("sub", "a.cji"), "sub/a.cji");
        assert_eq!(concat("sub/", "a.cji"), "sub/a.cji");
        assert_eq!(uncapitalize("Geometry"), "geometry");
    }

    #[test]
    fn the_first_digest_recorded_is_the_reference() {
        let mut i = Imports::default();
        assert!(i.check("A", Digest([1; 16]), "b.cji").is_ok());
        assert!(i.check("A", Digest([1; 16]), "c.cji").is_ok());
        let e = i.check("A", Digest([2; 16]), "a.cji").unwrap_err();
        assert!(e.contains("The files b.cji@ and a.cji@"), "{}", e);
    }
}
