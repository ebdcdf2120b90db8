//! The signature codec (`typing::sigfile`) against typing the Stdlib's `.mli`s: for every unit,
//! the decoded signature prints as the typed one does, encodes back to the same bytes (so no
//! field is lost either way), and bad bytes give errors, not panics.

use compiler::typing::{self, printtyp, sigfile, stdlib_sources, types::Signature};

fn typed(unit: &str) -> Signature {
    match typing::type_stdlib_interface(unit) {
        Some(Ok(sg)) => sg,
        Some(Err(e)) => panic!("{} does not type: {}", unit, e),
        None => panic!("no interface for {}", unit),
    }
}

/// Units whose `.mli` the typer accepts (the others stay typed at run time, see
/// `tests/stdlib_units.rs`).
fn typable_units() -> Vec<&'static str> {
    stdlib_sources::interface_units().filter(|u| matches!(typing::type_stdlib_interface(u), Some(Ok(_)))).collect()
}

#[test]
fn every_unit_round_trips() {
    let units = typable_units();
    assert!(units.len() > 50, "only {} interfaces type", units.len());
    for unit in units {
        let sg = typed(unit);
        let bytes = sigfile::encode(&sg).unwrap_or_else(|e| panic!("{}: {}", unit, e));
        let decoded = sigfile::decode(&bytes).unwrap_or_else(|e| panic!("{}: {}", unit, e));
        assert_eq!(printtyp::signature_to_string(&decoded), printtyp::signature_to_string(&sg), "{} prints differently", unit);
        let again = sigfile::encode(&decoded).unwrap_or_else(|e| panic!("{}: {}", unit, e));
        assert!(again == bytes, "{}: re-encoding the decoded signature gives other bytes", unit);
    }
}

#[test]
fn decoded_types_are_shared_graphs() {
    // `'a` of `List.map` is one node in its argument and in its result.
    let sg = sigfile::decode(&sigfile::encode(&typed("Stdlib__List")).expect("encode")).expect("decode");
    let map = sg.iter().find(|i| i.ident().name() == "map").expect("List.map");
    let typing::types::SignatureItem::Value(_, v) = map else { panic!("not a value") };
    let text = printtyp::scheme_to_string(v.ty);
    assert_eq!(text, "('a -> 'b) -> 'a list -> 'b list");
}

#[test]
fn bad_bytes_are_errors() {
    let bytes = sigfile::encode(&typed("Stdlib__Bool")).expect("encode");
    for n in 0..bytes.len() {
        assert!(sigfile::decode(&bytes[..n]).is_err(), "a prefix of {} bytes decodes", n);
    }
    for i in 8..bytes.len() {
        let mut b = bytes.clone();
        b[i] ^= 0xff;
        let _ = sigfile::decode(&b);
    }
    assert!(sigfile::decode(b"not a signature").is_err());
}
