//! Long identifiers: `x`, `M.x`, `F(X).t` (OCaml's `Longident.t`).

use std::fmt;

#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Longident {
    Lident(String),
    Ldot(Box<Longident>, String),
    Lapply(Box<Longident>, Box<Longident>),
}

impl Longident {
    pub fn ldot(prefix: Longident, name: impl Into<String>) -> Longident {
        Longident::Ldot(Box::new(prefix), name.into())
    }

    /// The last component (`x` of `M.N.x`); for an application, the functor's last component.
    pub fn last(&self) -> &str {
        match self {
            Longident::Lident(s) | Longident::Ldot(_, s) => s,
            Longident::Lapply(f, _) => f.last(),
        }
    }

    /// The components of a path without application (`M.N.x` -> `["M","N","x"]`).
    /// Returns `None` if the path contains an application.
    pub fn flatten(&self) -> Option<Vec<&str>> {
        fn go<'a>(l: &'a Longident, acc: &mut Vec<&'a str>) -> bool {
            match l {
                Longident::Lident(s) => {
                    acc.push(s);
                    true
                }
                Longident::Ldot(p, s) => {
                    let ok = go(p, acc);
                    acc.push(s);
                    ok
                }
                Longident::Lapply(..) => false,
            }
        }
        let mut acc = Vec::new();
        if go(self, &mut acc) {
            Some(acc)
        } else {
            None
        }
    }
}

/// Prints the way OCaml's `Printast` does: `M.x`, `F(X).t`.
impl fmt::Display for Longident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Longident::Lident(s) => write!(f, "{}", s),
            Longident::Ldot(p, s) => write!(f, "{}.{}", p, s),
            Longident::Lapply(a, b) => write!(f, "{}({})", a, b),
        }
    }
}

impl fmt::Debug for Longident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self)
    }
}
