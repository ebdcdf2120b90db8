//! The named values of data/named_values.ml, built in Rust (kept in local roots).
#![allow(dead_code)]

use runtime::alloc::{alloc_block, atom, copy_bytes, copy_double, list_of};
use runtime::gc::{self, LocalRoots};
use runtime::prims::boxed_ints;
use runtime::value::*;
use std::collections::HashMap;

const OCAML_NAN: u64 = 0x7FF0_0000_0000_0001;

/// Builds the named values, kept in local roots while the test runs.
pub struct Values {
    pub r: LocalRoots,
    pub idx: HashMap<String, usize>,
}

impl Values {
    pub fn add(&mut self, v: Value) -> usize {
        self.r.add(v)
    }
    pub fn block(&mut self, tag: u8, fields: &[usize]) -> usize {
        let vals: Vec<Value> = fields.iter().map(|&i| self.r.get(i)).collect();
        let b = alloc_block(tag, &vals);
        self.r.add(b)
    }
    pub fn int(&mut self, n: i64) -> usize {
        self.add(Value::of_int(n))
    }
    pub fn str(&mut self, s: &[u8]) -> usize {
        let v = copy_bytes(s);
        self.add(v)
    }
    fn float(&mut self, f: f64) -> usize {
        let v = copy_double(f);
        self.add(v)
    }
    pub fn list(&mut self, items: &[usize]) -> usize {
        let vals: Vec<Value> = items.iter().map(|&i| self.r.get(i)).collect();
        let l = list_of(&vals);
        self.add(l)
    }
    fn int_list(&mut self, n: i64) -> usize {
        let vals: Vec<Value> = (0..n).map(Value::of_int).collect();
        let l = list_of(&vals);
        self.add(l)
    }
    fn float_array(&mut self, fs: &[f64]) -> usize {
        let v = gc::alloc(fs.len(), DOUBLE_ARRAY_TAG);
        for (i, &f) in fs.iter().enumerate() {
            unsafe { v.set_double_field(i, f) };
        }
        self.add(v)
    }
    pub fn name(&mut self, n: &str, i: usize) {
        self.idx.insert(n.to_string(), i);
    }
    pub fn get(&self, n: &str) -> Value {
        self.r.get(*self.idx.get(n).unwrap_or_else(|| panic!("no value {n}")))
    }
}

extern "C" fn some_code() {}

pub fn build() -> Values {
    let mut v = Values { r: LocalRoots::new(), idx: HashMap::new() };
    for (n, x) in [("int_0", 0), ("int_1", 1), ("int_m1", -1), ("int_42", 42),
        ("int_max", (1 << 62) - 1), ("int_min", -(1 << 62)), ("int_big", 0x123456789ab)] {
        let i = v.int(x);
        v.name(n, i);
    }
    let long = [vec![b'x'; 100], b"yz".to_vec()].concat();
    for (n, s) in [("str_empty", &b""[..]), ("str_a", b"a"), ("str_ab", b"ab"), ("str_abc", b"abc"),
        ("str_abd", b"abd"), ("str_abcd", b"abcd"), ("str_abcde", b"abcde"), ("str_long", &long),
        ("str_bin", b"\x00\xff\x80\x01")] {
        let i = v.str(s);
        v.name(n, i);
    }
    for (n, f) in [("float_0", 0.0), ("float_m0", -0.0), ("float_1", 1.0), ("float_m1", -1.0),
        ("float_nan", f64::from_bits(OCAML_NAN)), ("float_nan2", f64::from_bits(0xfff8000000000000)),
        ("float_inf", f64::INFINITY), ("float_minf", f64::NEG_INFINITY), ("float_pi", 3.14159),
        ("float_tiny", 5e-324)] {
        let i = v.float(f);
        v.name(n, i);
    }
    for (n, x) in [("i64_0", 0), ("i64_m1", -1), ("i64_big", 0x123456789abcdef), ("i64_min", i64::MIN)] {
        let i = v.add(boxed_ints::box_int64(x));
        v.name(n, i);
    }
    for (n, x) in [("i32_m1", -1), ("i32_5", 5)] {
        let i = v.add(boxed_ints::box_int32(x));
        v.name(n, i);
    }
    for (n, x) in [("n_m1", -1), ("n_big", 0x123456789a)] {
        let i = v.add(boxed_ints::box_nativeint(x));
        v.name(n, i);
    }
    let (one, two, three) = (v.int(1), v.int(2), v.int(3));
    let l = v.list(&[one, two]);
    v.name("list_12", l);
    let l = v.list(&[one, three]);
    v.name("list_13", l);
    let l = v.list(&[one, two, three]);
    v.name("list_123", l);
    let l = v.int_list(100);
    v.name("list_100", l);
    let l = v.int_list(1000);
    v.name("list_1000", l);
    let none = v.int(0);
    v.name("none", none);
    let b = v.block(0, &[one]);
    v.name("some_1", b);
    let b = v.block(0, &[two]);
    v.name("some_2", b);
    let abc = v.str(b"abc");
    let b = v.block(0, &[abc]);
    v.name("some_str", b);
    let (a, bb) = (v.str(b"a"), v.str(b"b"));
    let p = v.block(0, &[one, a]);
    v.name("pair_1a", p);
    let p = v.block(0, &[one, bb]);
    v.name("pair_1b", p);
    let nan = v.float(f64::from_bits(OCAML_NAN));
    let p = v.block(0, &[nan, one]);
    v.name("pair_nan", p);
    let (f25, x) = (v.float(2.5), v.str(b"x"));
    let t = v.block(0, &[one, f25, x]);
    v.name("triple", t);
    v.name("A", none);
    let five = v.int(5);
    let b = v.block(0, &[five]);
    v.name("B5", b);
    let b = v.block(1, &[one, two]);
    v.name("C12", b);
    let b = v.block(1, &[one, three]);
    v.name("C13", b);
    let r = v.float_array(&[1.0, 2.0]);
    v.name("rec_f", r);
    let r = v.float_array(&[1.0, f64::from_bits(OCAML_NAN)]);
    v.name("rec_nan", r);
    let r = v.float_array(&[1.0, 2.0, 3.0]);
    v.name("farr", r);
    let e = v.add(atom(0));
    v.name("arr_empty", e);
    let r = v.block(0, &[one, two, three]);
    v.name("arr_int", r);
    let r = v.block(0, &[a, bb]);
    v.name("arr_str", r);
    // [(1, "one", [1.5]); (2, "two", [2.5; 3.5])]
    let (s1, f15) = (v.str(b"one"), v.float(1.5));
    let l1 = v.list(&[f15]);
    let t1 = v.block(0, &[one, s1, l1]);
    let (s2, f35) = (v.str(b"two"), v.float(3.5));
    let l2 = v.list(&[f25, f35]);
    let t2 = v.block(0, &[two, s2, l2]);
    let l = v.list(&[t1, t2]);
    v.name("nested", l);
    let mut d = v.int(0);
    for _ in 0..50 {
        d = v.block(0, &[d]);
    }
    v.name("deep", d);
    let nf = v.add(unsafe { runtime::fail::caml_exn_Not_found });
    v.name("exn_not_found", nf);
    let fe = v.add(unsafe { runtime::fail::caml_exn_Failure });
    let b = v.block(0, &[fe, x]);
    v.name("exn_failure", b);
    // A closure block: code pointer, then arity 1 and environment start 2 in the info word.
    let clos = gc::alloc(2, CLOSURE_TAG);
    unsafe {
        clos.init_field(0, Value(some_code as usize as u64));
        clos.init_field(1, Value((1u64 << 56) | (2 << 1) | 1));
    }
    let c = v.add(clos);
    v.name("closure", c);
    v
}

