//! Number formatting and parsing primitives against outputs of real OCaml (data/*.expected).

mod common;
use common::*;
use runtime::prims::{boxed_ints, floats, ints, Error};

fn show_err(e: Error) -> String {
    match e {
        Error::Failure(m) => format!("FAIL:{m}"),
        Error::InvalidArgument(m) => format!("INVALID:{m}"),
        other => format!("{other:?}"),
    }
}

#[test]
fn float_and_int_formats_match_ocaml() {
    let mut m = Mismatches::default();
    for l in data("formats.expected") {
        let (kind, fmt, input, want) = (&l[0], unescape(&l[1]), &l[2], String::from_utf8(unescape(&l[3])).unwrap());
        let got = match kind.as_str() {
            "float" => floats::format_float(&fmt, float_of_bits_hex(input)).map_err(show_err),
            "string_of_float" => Ok(floats::string_of_float(float_of_bits_hex(input))),
            "int" => ints::format_int(&fmt, input.parse().unwrap(), 63, "format_int").map_err(show_err),
            "int32" => ints::format_int(&fmt, input.parse().unwrap(), 32, "format_int").map_err(show_err),
            "int64" | "nativeint" => {
                ints::format_int(&fmt, input.parse().unwrap(), 64, "format_int").map_err(show_err)
            }
            "hex" => {
                let (p, st) = l[1].split_once(' ').unwrap();
                Ok(floats::hexstring_of_float(float_of_bits_hex(input), p.parse().unwrap(), st.as_bytes()[0]))
            }
            k => panic!("unknown kind {k}"),
        };
        let got = got.unwrap_or_else(|e| e);
        m.check(format!("{kind} {} {input}", l[1]), &got, &want);
    }
    m.finish();
}

#[test]
fn parsing_and_float_truncation_match_ocaml() {
    let mut m = Mismatches::default();
    for l in data("parse.expected") {
        let (kind, input, want) = (&l[0], unescape(&l[1]), &l[2]);
        let got = match kind.as_str() {
            "int" => ints::parse_int(&input, 63, "int_of_string").map(|n| ((n << 1) >> 1).to_string()),
            "int32" => ints::parse_int(&input, 32, "Int32.of_string").map(|n| (n as i32).to_string()),
            "int64" => ints::parse_int(&input, 64, "Int64.of_string").map(|n| n.to_string()),
            "nativeint" => ints::parse_int(&input, 64, "Nativeint.of_string").map(|n| n.to_string()),
            "float" => floats::float_of_string(&input).map(|f| format!("{:016x}", f.to_bits())),
            "int_of_float" => {
                let f = float_of_bits_hex(&l[1]);
                // Tagging drops the top bit, as the primitive's result does.
                Ok(((boxed_ints::f64_to_i64(f) << 1) >> 1).to_string())
            }
            "int32_of_float" => Ok(boxed_ints::f64_to_i32(float_of_bits_hex(&l[1])).to_string()),
            "int64_of_float" | "nativeint_of_float" => {
                Ok(boxed_ints::f64_to_i64(float_of_bits_hex(&l[1])).to_string())
            }
            k => panic!("unknown kind {k}"),
        };
        let got = got.unwrap_or_else(show_err);
        m.check(format!("{kind} {:?}", l[1]), &got, want);
    }
    m.finish();
}

#[test]
fn toplevel_float_printing_matches_ocaml() {
    let mut m = Mismatches::default();
    for l in data("float_repres.expected") {
        m.check(l[0].clone(), &floats::float_repres(float_of_bits_hex(&l[0])), &l[1]);
    }
    m.finish();
}

#[test]
fn bad_formats_are_errors_not_crashes() {
    for f in ["%s", "%", "", "%d%d", "%ld x", "%*d", "d", "%lld"] {
        assert!(ints::format_int(f.as_bytes(), 1, 63, "format_int").is_err(), "{f}");
        assert!(floats::format_float(f.as_bytes(), 1.0).is_err(), "{f}");
    }
    assert!(ints::format_int(b"%0000000000000000000000000000000d", 1, 63, "format_int").is_err());
}
