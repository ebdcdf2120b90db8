//! The names a structure or signature defines: types, modules, module types and extension
//! constructors must be unique in it (OCaml's "Multiple definition of the ... name"), while a
//! value hides an earlier value of the same name, which then leaves the signature.

use super::errors::{ErrorKind, TypeError};
use super::ident::Ident;
use super::types::{ExtStatus, Signature, SignatureItem};
use crate::parsing::location::Location;
use rustc_hash::FxHashSet;
use std::rc::Rc;

#[derive(Default)]
pub struct SignatureNames {
    seen: FxHashSet<(&'static str, Rc<str>)>,
}

impl SignatureNames {
    /// Records the names `items` define (the items of one structure or signature item at
    /// `item_loc`); a name defined twice is an error at the second definition.
    pub fn check(&mut self, items: &[SignatureItem], item_loc: &Location) -> Result<(), TypeError> {
        for it in items {
            let (kind, loc) = match it {
                SignatureItem::Value(..) => continue,
                SignatureItem::Type(..) => ("type", item_loc),
                // A constructor of `type t += A` is reported at the constructor.
                SignatureItem::TypeExt(_, e, st) => ("extension constructor", if *st == ExtStatus::Exception { item_loc } else { &e.loc }),
                // A module of `module rec` is reported at its binding.
                SignatureItem::Module(_, md, st) => ("module", if *st == super::types::RecStatus::NotRec { item_loc } else { &md.loc }),
                SignatureItem::ModType(..) => ("module type", item_loc),
            };
            let name = it.ident().name.clone();
            if !self.seen.insert((kind, name.clone())) {
                return Err(TypeError::new(loc, ErrorKind::DuplicateName(kind, name.to_string())));
            }
        }
        Ok(())
    }
}

/// The signature without the values a later value of the same name hides.
pub fn drop_shadowed_values(sig: Signature) -> Signature {
    let mut later: FxHashSet<Rc<str>> = FxHashSet::default();
    let mut kept: Vec<SignatureItem> = Vec::with_capacity(sig.len());
    for it in sig.into_iter().rev() {
        if let SignatureItem::Value(id, _) = &it {
            if !later.insert(id.name.clone()) {
                continue;
            }
        }
        kept.push(it);
    }
    kept.reverse();
    kept
}

/// The first value of `sig` whose type mentions a type defined by one of `hidden` (the
/// identifiers an `open struct .. end` bound), with that type's identifier.
pub fn escaping_open_type<'a>(sig: &'a Signature, hidden: &[Ident]) -> Option<(&'a SignatureItem, Ident)> {
    sig.iter().find_map(|it| match it {
        SignatureItem::Value(_, vd) => super::ctype::find_constr(vd.ty, |p| hidden.contains(p.head())).map(|p| (it, p.head().clone())),
        _ => None,
    })
}
