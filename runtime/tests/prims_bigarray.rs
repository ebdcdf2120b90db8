//! Bigarray primitives against real OCaml (data/bigarray.expected from data/gen_bigarray.ml,
//! whose operations are replayed here by name).

mod common;
use common::*;
use runtime::alloc::copy_double;
use runtime::gc::LocalRoots;
use runtime::prims::bigarray::{self as ba, caml_ba_change_layout, caml_ba_fill};
use runtime::prims::boxed_ints::{box_int32, box_int64, unbox_int32};
use runtime::prims::floats::hexstring_of_float;
use runtime::prims::{compare, hash, Error, PResult};
use runtime::value::*;

const FLOAT32: i64 = 0;
const FLOAT64: i64 = 1;
const INT8_SIGNED: i64 = 2;
const INT8_UNSIGNED: i64 = 3;
const INT16_SIGNED: i64 = 4;
const INT16_UNSIGNED: i64 = 5;
const INT32: i64 = 6;
const INT64: i64 = 7;
const INT: i64 = 8;
const COMPLEX64: i64 = 11;
const CHAR: i64 = 12;
const C: i64 = 0;
const FORTRAN: i64 = 1;

fn h(f: f64) -> String {
    hexstring_of_float(f, -1, b'-')
}
fn show<T>(r: PResult<T>, ok: impl FnOnce(T) -> String) -> String {
    match r {
        Ok(v) => ok(v),
        Err(Error::InvalidArgument(m)) => format!("EXN:{m}"),
        Err(e) => format!("{e:?}"),
    }
}
fn hash_of(v: Value) -> String {
    hash::hash(10, 100, 0, v).to_string()
}
fn getf(a: Value, idx: &[i64]) -> f64 {
    unsafe { ba::get(a, idx).unwrap().double() }
}
fn geti(a: Value, idx: &[i64]) -> i64 {
    ba::get(a, idx).unwrap().int()
}
fn get32(a: Value, idx: &[i64]) -> i64 {
    unbox_int32(ba::get(a, idx).unwrap()) as i64
}
fn join(v: Vec<String>) -> String {
    v.join(" ")
}

/// A float64 C-layout vector of `xs`.
fn fvec(r: &mut LocalRoots, xs: &[f64]) -> usize {
    let a = r.add(ba::create(FLOAT64, C, &[xs.len() as i64]).unwrap());
    for (i, &x) in xs.iter().enumerate() {
        let f = copy_double(x);
        ba::set(r.get(a), &[i as i64], f).unwrap();
    }
    a
}

fn results() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut put = |n: &str, s: String| out.push((n.to_string(), s));
    let mut r = LocalRoots::new();

    let a = fvec(&mut r, &[0.0, 1.5, 3.0, 4.5, 6.0]);
    put("f64_elems", join((0..5).map(|i| h(getf(r.get(a), &[i]))).collect()));
    put("f64_hash", hash_of(r.get(a)));
    put("f64_oob", show(ba::get(r.get(a), &[5]), |_| "ok".into()));
    let s = r.add(ba::sub(r.get(a), 1, 3).unwrap());
    put("f64_sub", join((0..3).map(|i| h(getf(r.get(s), &[i]))).collect()));
    put("f64_sub_bad", show(ba::sub(r.get(a), 3, 3), |_| "ok".into()));

    let g = r.add(ba::create(INT32, FORTRAN, &[2, 3]).unwrap());
    for i in 1..=2 {
        for j in 1..=3 {
            let v = box_int32((i * 10 + j) as i32);
            ba::set(r.get(g), &[i, j], v).unwrap();
        }
    }
    put("i32_hash", hash_of(r.get(g)));
    let sl = r.add(ba::slice(r.get(g), &[2]).unwrap());
    let n = ba::dim(r.get(sl), 0).unwrap();
    put("i32_slice", join((1..=n).map(|i| get32(r.get(sl), &[i]).to_string()).collect()));
    let sr = r.add(ba::sub(r.get(g), 2, 2).unwrap());
    put("i32_sub_right_dims", format!("{} {}", ba::dim(r.get(sr), 0).unwrap(), ba::dim(r.get(sr), 1).unwrap()));
    let mut e = Vec::new();
    for i in 1..=2 {
        for j in 1..=2 {
            e.push(get32(r.get(sr), &[i, j]).to_string());
        }
    }
    put("i32_sub_right", join(e));
    let c = r.add(caml_ba_change_layout(r.get(g), Value::of_int(C)));
    put("i32_c_dims", format!("{} {}", ba::dim(r.get(c), 0).unwrap(), ba::dim(r.get(c), 1).unwrap()));
    let mut e = Vec::new();
    for i in 0..3 {
        for j in 0..2 {
            e.push(get32(r.get(c), &[i, j]).to_string());
        }
    }
    put("i32_c_elems", join(e));
    put("i32_wrong_indices", show(ba::get(r.get(g), &[1]), |_| "ok".into()));

    let mut wrap = Vec::new();
    for (kind, v) in [(INT8_SIGNED, 200), (INT8_UNSIGNED, 300), (INT16_SIGNED, 40000), (INT16_UNSIGNED, -1)] {
        let x = ba::create(kind, C, &[1]).unwrap();
        ba::set(x, &[0], Value::of_int(v)).unwrap();
        wrap.push(geti(x, &[0]).to_string());
    }
    put("wrap", join(wrap));

    let mut cmp = |r: &mut LocalRoots, x: &[f64], y: &[f64]| {
        let a = fvec(r, x);
        let b = fvec(r, y);
        let (a, b) = (r.get(a), r.get(b));
        format!("{} {} {}", compare::compare(a, b).unwrap(), compare::equal(a, b).unwrap(), compare::lessthan(a, b).unwrap())
    };
    put("cmp_equal", cmp(&mut r, &[1.0, 2.0], &[1.0, 2.0]));
    put("cmp_less", cmp(&mut r, &[1.0, 2.0], &[1.0, 3.0]));
    put("cmp_size", cmp(&mut r, &[1.0, 2.0, 0.0], &[1.0, 3.0]));
    put("cmp_nan", cmp(&mut r, &[f64::NAN], &[f64::NAN]));
    put("cmp_nan_num", cmp(&mut r, &[f64::NAN], &[1.0]));
    let one = fvec(&mut r, &[1.0]);
    let f32 = r.add(ba::create(FLOAT32, C, &[1]).unwrap());
    put("cmp_kind", compare::compare(r.get(one), r.get(f32)).unwrap().to_string());
    let fo = r.add(caml_ba_change_layout(r.get(one), Value::of_int(FORTRAN)));
    put("cmp_layout", compare::compare(r.get(one), r.get(fo)).unwrap().to_string());

    put("create_neg", show(ba::create(FLOAT64, C, &[2, -1]), |_| "ok".into()));
    let three = fvec(&mut r, &[1.0, 2.0, 3.0]);
    put("reshape_bad", show(ba::reshape(r.get(three), &[2, 2]), |_| "ok".into()));
    let four = fvec(&mut r, &[1.0, 2.0, 3.0, 4.0]);
    let re = ba::reshape(r.get(four), &[2, 2]).unwrap();
    put("reshape_ok", h(getf(re, &[1, 0])));
    let two = fvec(&mut r, &[1.0, 2.0]);
    put("blit_bad", show(ba::blit(r.get(one), r.get(two)), |_| "ok".into()));

    let z = r.add(ba::create(COMPLEX64, C, &[2]).unwrap());
    for (i, (re, im)) in [(1.0, 2.0), (-0.5, 3.0)].into_iter().enumerate() {
        let c = runtime::gc::alloc(2, DOUBLE_ARRAY_TAG);
        unsafe {
            c.set_double_field(0, re);
            c.set_double_field(1, im);
        }
        ba::set(r.get(z), &[i as i64], c).unwrap();
    }
    let z1 = ba::get(r.get(z), &[1]).unwrap();
    put("complex", unsafe { format!("{} {}", h(z1.double_field(0)), h(z1.double_field(1))) });
    put("complex_hash", hash_of(r.get(z)));

    let ch = r.add(ba::create(CHAR, C, &[5]).unwrap());
    for (i, c) in b"hello".iter().enumerate() {
        ba::set(r.get(ch), &[i as i64], Value::of_int(*c as i64)).unwrap();
    }
    put("char_hash", hash_of(r.get(ch)));
    let i16 = r.add(ba::create(INT16_SIGNED, C, &[3]).unwrap());
    for (i, v) in [1, 2, -3].into_iter().enumerate() {
        ba::set(r.get(i16), &[i as i64], Value::of_int(v)).unwrap();
    }
    put("i16_hash", hash_of(r.get(i16)));
    let i64a = r.add(ba::create(INT64, C, &[2]).unwrap());
    for (i, v) in [-1i64, 0x123456789].into_iter().enumerate() {
        let b = box_int64(v);
        ba::set(r.get(i64a), &[i as i64], b).unwrap();
    }
    put("i64_hash", hash_of(r.get(i64a)));
    let f32a = r.add(ba::create(FLOAT32, C, &[3]).unwrap());
    for (i, v) in [f64::from_bits(0x7FF0_0000_0000_0001), -0.0, 1.5].into_iter().enumerate() {
        let f = copy_double(v);
        ba::set(r.get(f32a), &[i as i64], f).unwrap();
    }
    put("f32_hash", hash_of(r.get(f32a)));
    let ci = r.add(ba::create(INT, C, &[3]).unwrap());
    for (i, v) in [1, -1, (1i64 << 62) - 1].into_iter().enumerate() {
        ba::set(r.get(ci), &[i as i64], Value::of_int(v)).unwrap();
    }
    put("int_hash", hash_of(r.get(ci)));
    let big = r.add(ba::create(INT8_UNSIGNED, C, &[1000]).unwrap());
    caml_ba_fill(r.get(big), Value::of_int(7));
    put("big_u8_hash", hash_of(r.get(big)));
    out
}

#[test]
fn bigarrays_match_ocaml() {
    let _t = lock();
    let got = results();
    let mut m = Mismatches::default();
    for l in data("bigarray.expected") {
        let g = got.iter().find(|(n, _)| *n == l[0]).map(|(_, s)| s.clone()).unwrap_or_else(|| "<missing>".into());
        m.check(l[0].clone(), &g, &l[1]);
    }
    m.finish();
}
