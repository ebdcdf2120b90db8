//! Weak arrays and ephemerons, with OCaml's layout (field 0 a link, field 1 the data, keys from
//! field 2). Not weak yet: the collector holds their contents strongly (so a value is never
//! observed as collected, which OCaml's semantics allow), and the blocks have tag 0 instead of
//! Abstract_tag so that the collector scans them.

use super::{prim, Error, PResult, Primitive};
use crate::alloc::{alloc_some, atom};
use crate::gc;
use crate::value::*;

const EXTRA: usize = 2;
const DATA: usize = 1;

/// The marker of an empty slot: a static block no OCaml value can be equal to physically.
fn none() -> Value {
    atom(ABSTRACT_TAG)
}

fn create(n: i64, who: &str) -> PResult {
    if n < 0 || n as u64 > (MAX_WOSIZE - EXTRA) as u64 {
        return Err(Error::InvalidArgument(who.into()));
    }
    let size = n as usize + EXTRA;
    let mut r = crate::gc::LocalRoots::new();
    let marker = r.add(none());
    let b = gc::alloc(size, 0);
    for i in 0..size {
        unsafe { b.init_field(i, r.get(marker)) };
    }
    unsafe { b.init_field(0, UNIT) };
    Ok(b)
}

fn slot(e: Value, i: i64, who: &str) -> PResult<usize> {
    let n = unsafe { e.wosize() } - EXTRA;
    if i < 0 || i as u64 >= n as u64 {
        return Err(Error::InvalidArgument(who.into()));
    }
    Ok(i as usize + EXTRA)
}

fn get_opt(e: Value, field: usize) -> Value {
    let v = unsafe { e.field(field) };
    if v == none() {
        NONE
    } else {
        alloc_some(v)
    }
}

/// A copy of a block's top level (what `get_copy` returns for the stored value).
fn get_copy_opt(e: Value, field: usize) -> Value {
    let v = unsafe { e.field(field) };
    if v == none() {
        return NONE;
    }
    let c = super::obj::dup_with_tag(v, None);
    alloc_some(c)
}

fn set_opt(e: Value, field: usize, opt: Value) {
    let v = if opt.is_block() { unsafe { opt.field(0) } } else { none() };
    unsafe { e.set_field(field, v) };
}

fn blit(e1: Value, o1: i64, e2: Value, o2: i64, n: i64, who: &str) -> PResult<()> {
    if n < 0 {
        return Err(Error::InvalidArgument(who.into()));
    }
    if n == 0 {
        return Ok(());
    }
    let (s1, s2) = (slot(e1, o1, who)?, slot(e2, o2, who)?);
    slot(e1, o1 + n - 1, who)?;
    slot(e2, o2 + n - 1, who)?;
    let n = n as usize;
    let vals: Vec<Value> = (0..n).map(|i| unsafe { e1.field(s1 + i) }).collect();
    for (i, v) in vals.into_iter().enumerate() {
        unsafe { e2.set_field(s2 + i, v) };
    }
    Ok(())
}

fn unit(r: PResult<()>) -> Value {
    super::ret(r.map(|()| UNIT))
}

macro_rules! keyed {
    ($get:ident, $get_copy:ident, $check:ident, $blit:ident, $create:ident,
     $n_get:literal, $n_get_copy:literal, $n_check:literal, $n_blit:literal, $n_create:literal) => {
        #[no_mangle]
        pub extern "C" fn $create(n: Value) -> Value {
            super::ret(create(n.int(), $n_create))
        }
        #[no_mangle]
        pub extern "C" fn $get(e: Value, i: Value) -> Value {
            super::ret(slot(e, i.int(), $n_get).map(|f| get_opt(e, f)))
        }
        #[no_mangle]
        pub extern "C" fn $get_copy(e: Value, i: Value) -> Value {
            super::ret(slot(e, i.int(), $n_get_copy).map(|f| get_copy_opt(e, f)))
        }
        #[no_mangle]
        pub extern "C" fn $check(e: Value, i: Value) -> Value {
            super::ret(slot(e, i.int(), $n_check).map(|f| Value::of_bool(unsafe { e.field(f) } != none())))
        }
        #[no_mangle]
        pub extern "C" fn $blit(e1: Value, o1: Value, e2: Value, o2: Value, n: Value) -> Value {
            unit(blit(e1, o1.int(), e2, o2.int(), n.int(), $n_blit))
        }
    };
}

keyed!(caml_weak_get, caml_weak_get_copy, caml_weak_check, caml_weak_blit, caml_weak_create,
    "Weak.get", "Weak.get_copy", "Weak.check", "Weak.blit", "Weak.create");
keyed!(caml_ephe_get_key, caml_ephe_get_key_copy, caml_ephe_check_key, caml_ephe_blit_key,
    caml_ephe_create, "Obj.Ephemeron.get_key", "Obj.Ephemeron.get_key_copy",
    "Obj.Ephemeron.check_key", "Obj.Ephemeron.blit_key", "Obj.Ephemeron.create");

#[no_mangle]
pub extern "C" fn caml_ephe_unset_key(e: Value, i: Value) -> Value {
    unit(slot(e, i.int(), "Obj.Ephemeron.unset_key").map(|f| unsafe { e.set_field(f, none()) }))
}

/// `Weak.set w i (Some v | None)`.
#[no_mangle]
pub extern "C" fn caml_weak_set(w: Value, i: Value, opt: Value) -> Value {
    unit(slot(w, i.int(), "Weak.set").map(|f| set_opt(w, f, opt)))
}
/// `Obj.Ephemeron.set_key e i v` (the value itself, not an option).
#[no_mangle]
pub extern "C" fn caml_ephe_set_key(e: Value, i: Value, v: Value) -> Value {
    unit(slot(e, i.int(), "Obj.Ephemeron.set_key").map(|f| unsafe { e.set_field(f, v) }))
}
#[no_mangle]
pub extern "C" fn caml_ephe_get_data(e: Value) -> Value {
    get_opt(e, DATA)
}
#[no_mangle]
pub extern "C" fn caml_ephe_get_data_copy(e: Value) -> Value {
    get_copy_opt(e, DATA)
}
#[no_mangle]
pub extern "C" fn caml_ephe_set_data(e: Value, v: Value) -> Value {
    unsafe { e.set_field(DATA, v) };
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_ephe_unset_data(e: Value) -> Value {
    unsafe { e.set_field(DATA, none()) };
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_ephe_check_data(e: Value) -> Value {
    Value::of_bool(unsafe { e.field(DATA) } != none())
}
#[no_mangle]
pub extern "C" fn caml_ephe_blit_data(e1: Value, e2: Value) -> Value {
    unsafe { e2.set_field(DATA, e1.field(DATA)) };
    UNIT
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(1, caml_weak_create, true),
        prim!(2, caml_weak_get, true),
        prim!(2, caml_weak_get_copy, true),
        prim!(3, caml_weak_set, true),
        prim!(2, caml_weak_check, true),
        prim!(5, caml_weak_blit, true),
        prim!(1, caml_ephe_create, true),
        prim!(2, caml_ephe_get_key, true),
        prim!(2, caml_ephe_get_key_copy, true),
        prim!(3, caml_ephe_set_key, true),
        prim!(2, caml_ephe_unset_key, true),
        prim!(2, caml_ephe_check_key, true),
        prim!(5, caml_ephe_blit_key, true),
        prim!(1, caml_ephe_get_data, true),
        prim!(1, caml_ephe_get_data_copy, true),
        prim!(2, caml_ephe_set_data, false),
        prim!(1, caml_ephe_unset_data, false),
        prim!(1, caml_ephe_check_data, false),
        prim!(2, caml_ephe_blit_data, false),
    ]
}
