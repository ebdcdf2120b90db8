//! ocamlopt's checks of the units given to a link, with its messages:
//! - every unit whose code a unit uses is linked before it ("No implementations provided for
//!   the following modules"), checked from the last unit back to the first;
//! - all units were compiled against the same version of each interface ("Files b.cjx and
//!   a.cjx make inconsistent assumptions over interface A"), and no module is defined twice,
//!   checked from the first unit on.

use super::messages::escape;
use compiler::aot::unit_files::{Digest, Import};

/// What the checks need to know of a unit to link.
pub struct LinkedUnit {
    pub name: String,
    /// The unit's `.cjx` as messages name it (`b.cjx`, also for a unit compiled from `b.ml` by
    /// the same command).
    pub file: String,
    pub interface_digest: Digest,
    pub imports: Vec<Import>,
    /// Units whose code it uses; those of the Stdlib are always there.
    pub requires: Vec<String>,
}

/// The first problem of the link, as a message body in `Format`'s `@` notation.
pub fn check(units: &[LinkedUnit], is_stdlib_unit: &dyn Fn(&str) -> bool) -> Result<(), String> {
    check_implementations(units, is_stdlib_unit)?;
    check_consistency(units)
}

fn check_implementations(units: &[LinkedUnit], is_stdlib_unit: &dyn Fn(&str) -> bool) -> Result<(), String> {
    let mut missing = MissingTable::default();
    for u in units.iter().rev() {
        missing.remove(&u.name);
        for r in u.requires.iter().filter(|r| **r != u.name && !is_stdlib_unit(r)) {
            missing.add(r, &u.file);
        }
    }
    let entries = missing.in_ocaml_order();
    if entries.is_empty() {
        return Ok(());
    }
    let mut body = String::from("@[<v 2>No implementations provided for the following modules:");
    for (unit, refs) in entries {
        let refs: Vec<String> = refs.iter().map(|r| escape(r)).collect();
        body.push_str(&format!("@ @[<hov 2>{} referenced from {}@]", unit, refs.join(",@ ")));
    }
    body.push_str("@]");
    Err(body)
}

fn check_consistency(units: &[LinkedUnit]) -> Result<(), String> {
    // (interface, digest, file that recorded it); the Stdlib linked is the reference for it.
    let (stdlib, stdlib_digest) = super::stdlib_import();
    let mut interfaces: Vec<(&str, Digest, &str)> = vec![(&stdlib, stdlib_digest, super::STDLIB_SOURCE)];
    let mut defined: Vec<(&str, &str)> = Vec::new();
    for u in units {
        // A unit's own interface digest is the reference from then on, unchecked (as ocamlopt).
        match interfaces.iter_mut().find(|(n, _, _)| *n == u.name) {
            Some(e) => *e = (&u.name, u.interface_digest, &u.file),
            None => interfaces.push((&u.name, u.interface_digest, &u.file)),
        }
        for (name, digest) in u.imports.iter().filter(|(n, _)| *n != u.name) {
            match interfaces.iter().find(|(n, _, _)| n == name) {
                Some((_, d, _)) if d == digest => {}
                Some((_, _, original)) => {
                    return Err(format!(
                        "@[<hov>Files {}@ and {}@ make inconsistent assumptions over interface {}@]",
                        escape(&u.file),
                        escape(original),
                        name
                    ))
                }
                None => interfaces.push((name, *digest, &u.file)),
            }
        }
        if let Some((_, earlier)) = defined.iter().find(|(n, _)| *n == u.name) {
            return Err(format!(
                "@[<hov>Files {}@ and {}@ both define a module named {}@]",
                escape(&u.file),
                escape(earlier),
                u.name
            ));
        }
        defined.push((&u.name, &u.file));
    }
    Ok(())
}

/// The units still missing, kept as ocamlopt keeps them (a `Hashtbl` created with size 17 of
/// unit name to referencing files): its report lists them in the order that table's iteration
/// gives, which this reproduces (buckets from the last, and in a bucket the oldest first).
#[derive(Default)]
struct MissingTable {
    /// (unit, referencing files newest first, insertion number)
    entries: Vec<(String, Vec<String>, u64)>,
    inserted: u64,
    /// The most bindings the table has held: its bucket count only grows.
    max_size: usize,
}

impl MissingTable {
    fn add(&mut self, unit: &str, by: &str) {
        match self.entries.iter_mut().find(|(u, _, _)| u == unit) {
            Some((_, refs, _)) => refs.insert(0, by.to_string()),
            None => {
                self.entries.push((unit.to_string(), vec![by.to_string()], self.inserted));
                self.inserted += 1;
                self.max_size = self.max_size.max(self.entries.len());
            }
        }
    }

    fn remove(&mut self, unit: &str) {
        self.entries.retain(|(u, _, _)| u != unit);
    }

    fn in_ocaml_order(self) -> Vec<(String, Vec<String>)> {
        // `Hashtbl.create 17` has 32 buckets and doubles them when it holds more than twice as
        // many bindings; resizing keeps the order inside buckets.
        let mut buckets: u64 = 32;
        while self.max_size as u64 > 2 * buckets {
            buckets *= 2;
        }
        let mut entries = self.entries;
        entries.sort_by_key(|(u, _, seq)| (std::cmp::Reverse(ocaml_string_hash(u) as u64 & (buckets - 1)), *seq));
        entries.into_iter().map(|(u, refs, _)| (u, refs)).collect()
    }
}

/// OCaml's `Hashtbl.hash` of a string.
fn ocaml_string_hash(s: &str) -> u32 {
    use runtime::prims::hash::{final_mix, mix_bytes};
    final_mix(mix_bytes(0, s.as_bytes())) & 0x3FFF_FFFF
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, file: &str, requires: &[&str]) -> LinkedUnit {
        LinkedUnit {
            name: name.into(),
            file: file.into(),
            interface_digest: Digest([0; 16]),
            imports: vec![],
            requires: requires.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn hashes_are_ocamls() {
        // Values printed by OCaml 4.13's `Hashtbl.hash`.
        assert_eq!(ocaml_string_hash("A"), 197996951);
        assert_eq!(ocaml_string_hash("B"), 306990974);
        assert_eq!(ocaml_string_hash("Geometry"), 519819066);
    }

    #[test]
    fn missing_units_are_listed_in_ocamls_order() {
        let units = [unit("C", "c.cjx", &["A", "B", "Stdlib"]), unit("D", "d.cjx", &["B", "A"])];
        let e = check(&units, &|u| u == "Stdlib").unwrap_err();
        assert_eq!(
            e,
            "@[<v 2>No implementations provided for the following modules:\
             @ @[<hov 2>B referenced from c.cjx,@ d.cjx@]@ @[<hov 2>A referenced from c.cjx,@ d.cjx@]@]"
        );
    }

    #[test]
    fn a_unit_linked_after_its_user_is_missing() {
        let units = [unit("B", "b.cjx", &["A"]), unit("A", "a.cjx", &[])];
        assert!(check(&units, &|_| false).is_err());
        let units = [unit("A", "a.cjx", &[]), unit("B", "b.cjx", &["A"])];
        assert!(check(&units, &|_| false).is_ok());
    }

    #[test]
    fn a_unit_compiled_with_another_stdlib_is_refused() {
        let mut a = unit("A", "a.cjx", &[]);
        a.imports = vec![super::super::stdlib_import()];
        assert!(check(&[a], &|_| false).is_ok());
        let mut b = unit("B", "b.cjx", &[]);
        b.imports = vec![("Stdlib".into(), Digest([9; 16]))];
        let e = check(&[b], &|_| false).unwrap_err();
        assert!(e.contains("over interface Stdlib"), "{}", e);
    }

    #[test]
    fn inconsistent_assumptions_name_the_later_file_first() {
        let mut a = unit("A", "a.cjx", &[]);
        a.interface_digest = Digest([1; 16]);
        let mut b = unit("B", "b.cjx", &["A"]);
        b.imports = vec![("A".into(), Digest([2; 16]))];
        let e = check(&[a, b], &|_| false).unwrap_err();
        assert_eq!(e, "@[<hov>Files b.cjx@ and a.cjx@ make inconsistent assumptions over interface A@]");
    }
}
