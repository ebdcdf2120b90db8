//! Polymorphic hash and compare against real OCaml on a fixed set of named values
//! (data/gen_values.ml builds the same values).

mod common;
use common::*;
use common::values::build;
use runtime::alloc::list_of;
use runtime::gc::{self, LocalRoots};
use runtime::prims::{compare, hash, Error};
use runtime::value::*;

#[test]
fn hash_matches_ocaml() {
    let _t = lock();
    let v = build();
    gc::minor_collection(); // values must survive being moved
    let mut m = Mismatches::default();
    for l in data("values.expected").iter().filter(|l| l[0] == "hash") {
        let p: Vec<i64> = l[2].split(' ').map(|x| x.parse().unwrap()).collect();
        let h = hash::hash(p[0], p[1], p[2], v.get(&l[1]));
        m.check(format!("hash {} {}", l[1], l[2]), &h.to_string(), &l[3]);
    }
    m.finish();
}

fn show(r: Result<String, Error>) -> String {
    match r {
        Ok(s) => s,
        Err(Error::InvalidArgument(m)) => format!("EXN:{m}"),
        Err(e) => format!("{e:?}"),
    }
}

#[test]
fn compare_matches_ocaml() {
    let _t = lock();
    let v = build();
    let mut m = Mismatches::default();
    for l in data("values.expected").iter().filter(|l| l[0] == "cmp") {
        let (a, b) = (v.get(&l[1]), v.get(&l[2]));
        let r = (|| {
            Ok(format!(
                "{} {} {} {} {} {} {}",
                compare::compare(a, b)?,
                compare::equal(a, b)?,
                !compare::equal(a, b)?,
                compare::lessthan(a, b)?,
                compare::lessequal(a, b)?,
                compare::greaterthan(a, b)?,
                compare::greaterequal(a, b)?
            ))
        })();
        m.check(format!("{} vs {}", l[1], l[2]), &show(r), &l[3]);
    }
    m.finish();
}

#[test]
fn compare_is_iterative_on_long_lists() {
    let _t = lock();
    let n = 1_000_000;
    let vals: Vec<Value> = (0..n).map(Value::of_int).collect();
    let mut r = LocalRoots::new();
    let a = r.add(list_of(&vals));
    let b = r.add(list_of(&vals));
    assert_eq!(compare::compare(r.get(a), r.get(b)), Ok(0));
    assert_eq!(compare::equal(r.get(a), r.get(b)), Ok(true));
}
