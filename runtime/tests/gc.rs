//! The collector keeps everything reachable from Rust-held roots, across minor and major
//! collections, and frees the rest.

use runtime::gc::{self, LocalRoots};
use runtime::value::*;
use std::sync::Mutex;

/// The runtime has one heap for the process: tests take turns.
static HEAP: Mutex<()> = Mutex::new(());

fn list_sum(mut l: Value) -> i64 {
    let mut s = 0;
    while l.is_block() {
        unsafe {
            s += l.field(0).int();
            l = l.field(1);
        }
    }
    s
}

#[test]
fn lists_survive_collections_and_garbage_is_freed() {
    let _turn = HEAP.lock().unwrap_or_else(|e| e.into_inner());
    runtime::init();
    let mut r = LocalRoots::new();
    let keep = r.add(EMPTY_LIST);
    for i in 0..300_000i64 {
        // Garbage between every kept cell.
        let _ = runtime::alloc::alloc_block(0, &[Value::of_int(i), EMPTY_LIST]);
        let cell = runtime::alloc::alloc_block(0, &[Value::of_int(i), r.get(keep)]);
        r.set(keep, cell);
        if i % 100_000 == 0 {
            gc::full_major();
        }
    }
    gc::full_major();
    let expect: i64 = (0..300_000i64).sum();
    assert_eq!(list_sum(r.get(keep)), expect);
    let words_live = gc::gc().major.live_words;
    assert!(words_live >= 900_000 && words_live < 1_200_000, "live words {words_live}");
    assert!(gc::gc().stats.minor_collections > 0);
    r.set(keep, EMPTY_LIST);
    gc::full_major();
    assert!(gc::gc().major.live_words < 10_000);
}

#[test]
fn strings_are_padded_like_ocaml() {
    let _turn = HEAP.lock().unwrap_or_else(|e| e.into_inner());
    runtime::init();
    for len in 0..20 {
        let s = runtime::alloc::copy_bytes(&vec![b'x'; len]);
        unsafe {
            assert_eq!(s.string_len(), len);
            assert_eq!(s.wosize(), len / 8 + 1);
        }
    }
}
