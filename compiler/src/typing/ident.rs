//! Unique identifiers: a name plus a stamp, so that two bindings of the same name never collide.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

/// What an identifier names a binding of; persistent (global) units compare by name only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdentKind {
    /// A binding local to the unit being typed (stamp > 0).
    Local,
    /// A compilation unit (`Stdlib`, `List`): stamp 0, compared by name.
    Global,
    /// A predefined type or exception (`int`, `Not_found`): fixed stamp.
    Predef,
}

#[derive(Clone)]
pub struct Ident {
    pub name: Rc<str>,
    pub stamp: u32,
    pub kind: IdentKind,
}

thread_local! {
    static NEXT_STAMP: Cell<u32> = const { Cell::new(1000) };
}

impl Ident {
    /// A fresh local identifier.
    pub fn create(name: &str) -> Ident {
        Ident::create_rc(Rc::from(name))
    }

    pub fn create_rc(name: Rc<str>) -> Ident {
        let stamp = NEXT_STAMP.with(|s| {
            let v = s.get();
            s.set(v + 1);
            v
        });
        Ident { name, stamp, kind: IdentKind::Local }
    }

    pub fn global(name: &str) -> Ident {
        Ident { name: Rc::from(name), stamp: 0, kind: IdentKind::Global }
    }

    pub fn predef(name: &str, stamp: u32) -> Ident {
        Ident { name: Rc::from(name), stamp, kind: IdentKind::Predef }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn is_global(&self) -> bool {
        self.kind == IdentKind::Global
    }

    /// The same name with a new stamp (used when copying signatures).
    pub fn rename(&self) -> Ident {
        match self.kind {
            IdentKind::Local => Ident::create_rc(self.name.clone()),
            _ => self.clone(),
        }
    }

    /// Key identifying the binding: stamp for locals/predefs, name for globals.
    pub fn unique_name(&self) -> String {
        format!("{}_{}", self.name, self.stamp)
    }
}

impl PartialEq for Ident {
    fn eq(&self, other: &Ident) -> bool {
        if self.kind == IdentKind::Global || other.kind == IdentKind::Global {
            self.kind == other.kind && self.name == other.name
        } else {
            self.stamp == other.stamp
        }
    }
}
impl Eq for Ident {}

impl std::hash::Hash for Ident {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        if self.kind == IdentKind::Global {
            self.name.hash(h)
        } else {
            self.stamp.hash(h)
        }
    }
}

impl fmt::Debug for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.name, self.stamp)
    }
}
