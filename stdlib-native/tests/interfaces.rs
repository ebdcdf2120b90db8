//! The Stdlib interfaces the build serialized (`INTERFACES`) are the ones typing the `.mli`s
//! gives: same bytes when the freshly typed signature is encoded, same printed signature once
//! decoded. Units missing from the table are only those whose `.mli` the typer rejects.

use compiler::typing::{self, printtyp, sigfile, stdlib_sources};

#[test]
fn serialized_interfaces_match_the_mli() {
    for (unit, bytes) in stdlib_native::INTERFACES {
        let typed = match typing::type_stdlib_interface(unit) {
            Some(Ok(sg)) => sg,
            other => panic!("{} is serialized but does not type: {:?}", unit, other.map(|r| r.err())),
        };
        let decoded = sigfile::decode(bytes).unwrap_or_else(|e| panic!("{}: {}", unit, e));
        assert_eq!(printtyp::signature_to_string(&decoded), printtyp::signature_to_string(&typed), "{}", unit);
        let fresh = sigfile::encode(&typed).unwrap_or_else(|e| panic!("{}: {}", unit, e));
        assert!(fresh == *bytes, "{}: the build's encoding differs from the typed .mli's", unit);
    }
}

#[test]
fn every_typable_interface_is_serialized() {
    for unit in stdlib_sources::interface_units() {
        let serialized = stdlib_native::INTERFACES.iter().any(|(u, _)| *u == unit);
        let types = matches!(typing::type_stdlib_interface(unit), Some(Ok(_)));
        assert_eq!(serialized, types, "{}: serialized {} but types {}", unit, serialized, types);
    }
    assert!(stdlib_native::INTERFACES.iter().any(|(u, _)| *u == "Stdlib"));
}
