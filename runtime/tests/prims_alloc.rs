//! Allocating primitives keep the heap consistent: arrays (flat float arrays, large arrays in
//! the major heap holding young values), Obj.dup, boxed integers, bytes accessors.

mod common;
use common::*;
use runtime::alloc::{copy_double, copy_string};
use runtime::gc::{self, LocalRoots};
use runtime::prims::{arrays, boxed_ints, compare, obj, strings, Error};
use runtime::value::*;

fn ints(a: Value) -> Vec<i64> {
    unsafe { (0..a.wosize()).map(|i| a.field(i).int()).collect() }
}

#[test]
fn large_array_of_a_young_value_survives_collections() {
    let _t = lock();
    let mut r = LocalRoots::new();
    let s = r.add(copy_string("young"));
    let a = r.add(arrays::make_vect(10_000, r.get(s)).unwrap());
    gc::minor_collection();
    gc::full_major();
    // Churn so that the minor heap is reused.
    for i in 0..100_000 {
        let _ = copy_string(&i.to_string());
    }
    let a = r.get(a);
    unsafe {
        assert_eq!(a.wosize(), 10_000);
        assert_eq!(a.field(0), a.field(9_999), "one shared value");
        assert_eq!(a.field(5_000).bytes(), b"young");
    }
}

#[test]
fn storing_young_values_into_a_major_array_is_remembered() {
    let _t = lock();
    let mut r = LocalRoots::new();
    let a = r.add(arrays::make_vect(1000, Value::of_int(0)).unwrap());
    let s = copy_string("fresh");
    arrays::array_fill(r.get(a), 10, 5, s).unwrap();
    gc::minor_collection();
    for i in 0..50_000 {
        let _ = copy_string(&i.to_string());
    }
    gc::minor_collection();
    unsafe {
        assert_eq!(r.get(a).field(12).bytes(), b"fresh");
        assert_eq!(r.get(a).field(9), Value::of_int(0));
    }
}

#[test]
fn float_arrays_are_flat() {
    let _t = lock();
    let mut r = LocalRoots::new();
    let a = r.add(arrays::make_vect(3, copy_double(1.5)).unwrap());
    unsafe {
        assert_eq!(r.get(a).tag(), DOUBLE_ARRAY_TAG);
        r.get(a).set_double_field(1, 2.5);
    }
    let b = r.add(arrays::make_vect(2, copy_double(-1.0)).unwrap());
    let c = r.add(runtime::prims::arrays::caml_array_append(r.get(a), r.get(b)));
    let got: Vec<f64> = unsafe { (0..r.get(c).wosize()).map(|i| r.get(c).double_field(i)).collect() };
    assert_eq!(got, vec![1.5, 2.5, 1.5, -1.0, -1.0]);
    let sub = arrays::array_sub(r.get(c), 1, 2).unwrap();
    unsafe {
        assert_eq!(sub.tag(), DOUBLE_ARRAY_TAG);
        assert_eq!((sub.double_field(0), sub.double_field(1)), (2.5, 1.5));
    }
    assert!(matches!(arrays::make_vect(-1, copy_double(0.0)), Err(Error::InvalidArgument(_))));
    assert!(matches!(arrays::array_sub(r.get(c), 4, 2), Err(Error::InvalidArgument(_))));
}

#[test]
fn blit_handles_overlap_and_concat_joins() {
    let _t = lock();
    let mut r = LocalRoots::new();
    let a = r.add(arrays::make_vect(6, Value::of_int(0)).unwrap());
    for i in 0..6 {
        unsafe { r.get(a).set_field(i, Value::of_int(i as i64)) };
    }
    arrays::array_blit(r.get(a), 0, r.get(a), 2, 4).unwrap();
    assert_eq!(ints(r.get(a)), vec![0, 1, 0, 1, 2, 3]);
    arrays::array_blit(r.get(a), 2, r.get(a), 0, 4).unwrap();
    assert_eq!(ints(r.get(a)), vec![0, 1, 2, 3, 2, 3]);
    assert!(arrays::array_blit(r.get(a), 3, r.get(a), 0, 4).is_err());
    let l = runtime::alloc::list_of(&[r.get(a), runtime::alloc::atom(0), r.get(a)]);
    let c = runtime::prims::arrays::caml_array_concat(l);
    assert_eq!(ints(c), vec![0, 1, 2, 3, 2, 3, 0, 1, 2, 3, 2, 3]);
}

#[test]
fn obj_dup_copies_and_compares_equal() {
    let _t = lock();
    let mut r = LocalRoots::new();
    let s = r.add(copy_string("x"));
    let t = r.add(runtime::alloc::alloc_block(3, &[Value::of_int(7), r.get(s)]));
    let d = r.add(obj::caml_obj_dup(r.get(t)));
    assert_ne!(r.get(d), r.get(t));
    unsafe { assert_eq!(r.get(d).tag(), 3) };
    assert_eq!(compare::compare(r.get(d), r.get(t)), Ok(0));
    let big = r.add(arrays::make_vect(2000, r.get(s)).unwrap());
    let d2 = obj::caml_obj_dup(r.get(big));
    assert_eq!(compare::compare(d2, r.get(big)), Ok(0));
    assert_eq!(obj::reachable_words(r.get(t)), 3 + 2);
}

#[test]
fn boxed_integers_and_bytes_accessors() {
    let _t = lock();
    use boxed_ints::*;
    let mut r = LocalRoots::new();
    let a = r.add(box_int64(i64::MAX));
    let b = r.add(box_int64(1));
    assert_eq!(unbox_int64(caml_int64_add(r.get(a), r.get(b))), i64::MIN);
    // Arguments are rooted: allocating the second may move the first.
    let two = |r: &mut LocalRoots, x: Value, f: &dyn Fn() -> Value| {
        let k = r.add(x);
        let y = f();
        (r.get(k), y)
    };
    let (x, y) = two(&mut r, box_int64(-1), &|| Value::of_int(60));
    assert_eq!(unbox_int64(caml_int64_shift_right_unsigned(x, y)), 15);
    let (x, y) = two(&mut r, box_int32(-1), &|| Value::of_int(28));
    assert_eq!(unbox_int32(caml_int32_shift_right_unsigned(x, y)), 15);
    let (x, y) = two(&mut r, box_int32(0x10000), &|| box_int32(0x10000));
    assert_eq!(unbox_int32(caml_int32_mul(x, y)), 0);
    let (x, y) = two(&mut r, box_int64(i64::MIN), &|| box_int64(-1));
    assert_eq!(unbox_int64(caml_int64_div(x, y)), i64::MIN);
    let s = r.add(strings::create_bytes(8, "Bytes.create").unwrap());
    let n = box_int64(0x0102030405060708);
    strings::caml_bytes_set64(r.get(s), Value::of_int(0), n);
    assert_eq!(strings::caml_string_get16(r.get(s), Value::of_int(0)), Value::of_int(0x0708));
    assert_eq!(unbox_int32(strings::caml_string_get32(r.get(s), Value::of_int(4))), 0x01020304);
    assert!(strings::create_bytes(-1, "Bytes.create").is_err());
}

#[test]
fn weak_arrays_and_ephemerons_hold_their_values() {
    let _t = lock();
    use runtime::prims::weak::*;
    let mut r = LocalRoots::new();
    let w = r.add(caml_weak_create(Value::of_int(3)));
    unsafe { assert_eq!(r.get(w).wosize(), 5) }; // Weak.length = size - 2
    assert_eq!(caml_weak_check(r.get(w), Value::of_int(0)), FALSE);
    assert_eq!(caml_weak_get(r.get(w), Value::of_int(1)), NONE);
    let some = runtime::alloc::alloc_some(copy_string("kept"));
    caml_weak_set(r.get(w), Value::of_int(1), some);
    gc::full_major();
    let got = caml_weak_get(r.get(w), Value::of_int(1));
    unsafe { assert_eq!(got.field(0).bytes(), b"kept") };
    let e = r.add(caml_ephe_create(Value::of_int(1)));
    assert_eq!(caml_ephe_check_data(r.get(e)), FALSE);
    caml_ephe_set_data(r.get(e), Value::of_int(5));
    assert_eq!(caml_ephe_get_data(r.get(e)) != NONE, true);
    caml_ephe_unset_data(r.get(e));
    assert_eq!(caml_ephe_get_data(r.get(e)), NONE);
}
