//! What the match compiler knows about the scrutinee at a point of the generated code: for
//! immutable positions inside the scrutinee (paths of field indices from the root), which
//! immediate or block tag the word there is, or which ones it is not.
//!
//! The facts are physical (about the machine word, not about a type), so they stay true
//! whatever the static type of the position, and they can be met at the handler of a static
//! exit from the facts known at every exit that jumps to it.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

/// A path from the root of the scrutinee: physical field indices. Only immutable positions
/// get a path (a mutable field may change while the match runs, e.g. in a guard).
pub type Path = Rc<[usize]>;

/// What a word can be tested for by a switch.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// An immediate (tagged) integer with this value.
    Imm(i64),
    /// A block with this tag.
    Tag(u8),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    Is(Key),
    Not(BTreeSet<Key>),
}

#[derive(Clone, Debug, Default)]
pub struct Knowledge {
    facts: HashMap<Path, Fact>,
}

impl Knowledge {
    pub fn fact(&self, path: &Option<Path>) -> Option<&Fact> {
        path.as_ref().and_then(|p| self.facts.get(p))
    }

    /// This knowledge plus "the word at `path` is `key`".
    pub fn with_is(&self, path: &Option<Path>, key: Key) -> Knowledge {
        let mut k = self.clone();
        if let Some(p) = path {
            k.facts.insert(p.clone(), Fact::Is(key));
        }
        k
    }

    /// This knowledge plus "the word at `path` is none of `keys`".
    pub fn with_not(&self, path: &Option<Path>, keys: impl IntoIterator<Item = Key>) -> Knowledge {
        let mut k = self.clone();
        if let Some(p) = path {
            let mut set = match k.facts.get(p) {
                Some(Fact::Not(s)) => s.clone(),
                Some(Fact::Is(_)) => return k,
                None => BTreeSet::new(),
            };
            set.extend(keys);
            if !set.is_empty() {
                k.facts.insert(p.clone(), Fact::Not(set));
            }
        }
        k
    }

    /// Whether a word known by this knowledge can be `key`.
    pub fn may_be(&self, path: &Option<Path>, key: Key) -> bool {
        match self.fact(path) {
            Some(Fact::Is(k)) => *k == key,
            Some(Fact::Not(s)) => !s.contains(&key),
            None => true,
        }
    }

    /// What holds in both situations (the handler of an exit taken from either).
    pub fn meet(&self, other: &Knowledge) -> Knowledge {
        let mut facts = HashMap::new();
        for (p, a) in &self.facts {
            let Some(b) = other.facts.get(p) else { continue };
            let met = match (a, b) {
                (Fact::Is(x), Fact::Is(y)) if x == y => Some(Fact::Is(*x)),
                (Fact::Is(_), Fact::Is(_)) => None,
                (Fact::Is(x), Fact::Not(s)) | (Fact::Not(s), Fact::Is(x)) => {
                    let mut s = s.clone();
                    s.remove(x);
                    (!s.is_empty()).then_some(Fact::Not(s))
                }
                (Fact::Not(s), Fact::Not(t)) => {
                    let s: BTreeSet<Key> = s.intersection(t).copied().collect();
                    (!s.is_empty()).then_some(Fact::Not(s))
                }
            };
            if let Some(f) = met {
                facts.insert(p.clone(), f);
            }
        }
        Knowledge { facts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(v: &[usize]) -> Option<Path> {
        Some(v.into())
    }

    #[test]
    fn meet_keeps_only_common_facts() {
        let root = path(&[]);
        let a = Knowledge::default().with_is(&root, Key::Tag(1));
        let b = Knowledge::default().with_not(&root, [Key::Imm(0)]);
        let m = a.meet(&b);
        assert!(m.may_be(&root, Key::Tag(1)));
        assert!(!m.may_be(&root, Key::Imm(0)));
        let c = Knowledge::default().with_is(&root, Key::Tag(2));
        assert!(a.meet(&c).fact(&root).is_none());
    }

    #[test]
    fn untracked_paths_know_nothing() {
        let k = Knowledge::default().with_is(&None, Key::Imm(3));
        assert!(k.may_be(&None, Key::Imm(4)));
    }
}
