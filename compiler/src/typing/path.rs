//! Access paths: `t`, `M.t`, `F(X).t`.

use super::ident::Ident;
use std::fmt;
use std::rc::Rc;

#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Path {
    Pident(Ident),
    Pdot(Rc<Path>, Rc<str>),
    Papply(Rc<Path>, Rc<Path>),
}

impl Path {
    pub fn dot(prefix: &Path, name: &str) -> Path {
        Path::Pdot(Rc::new(prefix.clone()), Rc::from(name))
    }

    /// The last component's name.
    pub fn last(&self) -> &str {
        match self {
            Path::Pident(id) => id.name(),
            Path::Pdot(_, s) => s,
            Path::Papply(_, p) => p.last(),
        }
    }

    /// The identifier the path starts from.
    pub fn head(&self) -> &Ident {
        match self {
            Path::Pident(id) => id,
            Path::Pdot(p, _) => p.head(),
            Path::Papply(p, _) => p.head(),
        }
    }

    pub fn is_ident(&self, id: &Ident) -> bool {
        matches!(self, Path::Pident(i) if i == id)
    }

    /// Name as OCaml writes it, e.g. `Stdlib.List.t`.
    pub fn name(&self) -> String {
        let mut s = String::new();
        self.write_name(&mut s);
        s
    }

    fn write_name(&self, s: &mut String) {
        match self {
            Path::Pident(id) => s.push_str(id.name()),
            Path::Pdot(p, n) => {
                p.write_name(s);
                s.push('.');
                s.push_str(n)
            }
            Path::Papply(a, b) => {
                a.write_name(s);
                s.push('(');
                b.write_name(s);
                s.push(')')
            }
        }
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Pident(id) => write!(f, "{:?}", id),
            Path::Pdot(p, n) => write!(f, "{:?}.{}", p, n),
            Path::Papply(a, b) => write!(f, "{:?}({:?})", a, b),
        }
    }
}
