//! Marshalling in OCaml's format: bytes written for the named values equal real OCaml's
//! (data/marshal.expected from data/gen_marshal.ml), and OCaml's bytes read back to equal values.

mod common;
use common::values::{build, Values};
use common::*;
use runtime::prims::marshal::{from_bytes, to_bytes, Flags};
use runtime::prims::{compare, Error};
use runtime::value::*;

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect()
}
fn hex(b: &[u8]) -> String {
    b.iter().map(|c| format!("{c:02x}")).collect()
}

/// The extra values of gen_marshal.ml: a string shared three times, a cyclic list.
fn add_extras(v: &mut Values) {
    let s = v.str(b"shared");
    let nil = v.int(0);
    let l = v.list(&[s]);
    let _ = nil;
    let t = v.block(0, &[s, s, l]);
    v.name("shared3", t);
    let (one, two) = (v.int(1), v.int(2));
    let c2 = v.block(0, &[two, one]); // tail patched below
    let c1 = v.block(0, &[one, c2]);
    unsafe { v.r.get(c2).set_field(1, v.r.get(c1)) };
    v.name("cyclic", c1);
}

#[test]
fn marshalled_bytes_match_ocaml() {
    let _t = lock();
    let mut v = build();
    add_extras(&mut v);
    let mut m = Mismatches::default();
    for l in data("marshal.expected") {
        let flags = Flags { no_sharing: l[1] == "no_sharing", ..Flags::default() };
        let got = match to_bytes(v.get(&l[0]), flags) {
            Ok(b) => hex(&b),
            Err(Error::InvalidArgument(msg)) => format!("EXN:{msg}"),
            Err(e) => format!("{e:?}"),
        };
        m.check(format!("{} {}", l[0], l[1]), &got, &l[2]);
    }
    m.finish();
}

#[test]
fn ocaml_marshalled_data_reads_back_equal() {
    let _t = lock();
    let mut v = build();
    add_extras(&mut v);
    let mut checked = 0;
    for l in data("marshal.expected") {
        if l[2].starts_with("EXN") || l[0] == "cyclic" {
            continue;
        }
        let back = from_bytes(&unhex(&l[2]), 0, "input_value").unwrap_or_else(|e| panic!("{}: {e:?}", l[0]));
        let orig = v.get(&l[0]);
        // Exceptions get fresh identities only for non-negative ids; predefined ones compare equal.
        assert_eq!(compare::compare(back, orig), Ok(0), "{} {}", l[0], l[1]);
        checked += 1;
    }
    assert!(checked > 100);
    // Sharing and cycles survive.
    let line = data("marshal.expected").into_iter().find(|l| l[0] == "shared3" && l[1] == "sharing").unwrap();
    let t = from_bytes(&unhex(&line[2]), 0, "input_value").unwrap();
    unsafe {
        assert_eq!(t.field(0), t.field(1));
        assert_eq!(t.field(2).field(0), t.field(0));
    }
    let line = data("marshal.expected").into_iter().find(|l| l[0] == "cyclic").unwrap();
    let c = from_bytes(&unhex(&line[2]), 0, "input_value").unwrap();
    unsafe {
        assert_eq!(c.field(1).field(1), c);
        assert_eq!(c.field(1).field(0), Value::of_int(2));
    }
}

#[test]
fn malformed_input_is_an_error() {
    let _t = lock();
    let good = unhex("8495a6be00000005000000020000000600000006a041a04240");
    assert!(from_bytes(&good, 0, "input_value").is_ok());
    for cut in 0..good.len() {
        assert!(from_bytes(&good[..cut], 0, "input_value").is_err(), "cut at {cut}");
    }
    let mut bad_magic = good.clone();
    bad_magic[0] = 0;
    assert_eq!(from_bytes(&bad_magic, 0, "input_value"), Err(Error::Failure("input_value: bad object".into())));
    // A block header claiming 2^40 fields with no data behind it.
    let mut huge = unhex("8495a6be0000000900000001000000000000000013");
    huge.extend((1u64 << 50).to_be_bytes());
    assert!(from_bytes(&huge, 0, "input_value").is_err());
    // A back-reference to an object that does not exist.
    let bad_ref = unhex("8495a6be00000002000000000000000000000000" /* header */);
    let mut b = bad_ref.clone();
    b[7] = 2;
    b.extend([0x04, 0x05]);
    assert!(from_bytes(&b, 0, "input_value").is_err());
}
