//! Allocation and garbage collection.
//!
//! A minor heap with a bump pointer moving down (generated code allocates inline and calls
//! `caml_alloc_slow` when the pointer crosses `young_limit`), collected by copying its live
//! blocks to the major heap; a major heap collected by mark and sweep. Roots are precise: stack
//! slots described by Cranelift's stack maps, registered globals and Rust-held local roots.

pub mod major;
pub mod roots;

use crate::state::state;
use crate::value::*;
use major::MajorHeap;
use roots::{FrameDescr, Roots};
use std::cell::UnsafeCell;

const DEFAULT_MINOR_WORDS: usize = 256 * 1024;
/// A major collection starts when the major heap grew by this percentage of its live size.
const SPACE_OVERHEAD: usize = 120;

pub struct Gc {
    pub major: MajorHeap,
    pub roots: Roots,
    /// Fields of major blocks that may point to minor blocks.
    remembered: Vec<*mut Value>,
    minor_base: *mut u64,
    minor_words: usize,
    /// Blocks promoted but not yet scanned, during a minor collection.
    todo: Vec<Value>,
    mark_stack: Vec<Value>,
    /// GC stress: collect at every N-th allocation that reaches the runtime.
    stress_every: usize,
    stress_count: usize,
    pub stats: Stats,
}

#[derive(Default, Clone, Copy)]
pub struct Stats {
    pub minor_collections: usize,
    pub major_collections: usize,
    pub promoted_words: usize,
}

struct GcCell(UnsafeCell<Option<Gc>>);
unsafe impl Sync for GcCell {}
static GC: GcCell = GcCell(UnsafeCell::new(None));

/// The GC of the (single) domain. Initialised on first use.
pub fn gc() -> &'static mut Gc {
    // SAFETY: the runtime runs OCaml on one thread at a time.
    unsafe {
        let slot = &mut *GC.0.get();
        if slot.is_none() {
            *slot = Some(Gc::new());
        }
        slot.as_mut().unwrap_unchecked()
    }
}

impl Gc {
    fn new() -> Gc {
        let minor_words = std::env::var("OCAMLJIT_MINOR_WORDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_MINOR_WORDS)
            .max(1024);
        let stress_every = std::env::var("OCAMLJIT_GC_STRESS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let layout = std::alloc::Layout::array::<u64>(minor_words).expect("minor heap layout");
        // SAFETY: non-zero layout.
        let minor_base = unsafe { std::alloc::alloc(layout) } as *mut u64;
        if minor_base.is_null() {
            crate::fail::out_of_memory();
        }
        let st = state();
        st.young_start = minor_base as usize;
        st.young_end = minor_base as usize + minor_words * 8;
        st.young_ptr = st.young_end;
        let gc = Gc {
            major: MajorHeap::new(),
            roots: Roots::new(),
            remembered: Vec::new(),
            minor_base,
            minor_words,
            todo: Vec::new(),
            mark_stack: Vec::new(),
            stress_every,
            stress_count: 0,
            stats: Stats::default(),
        };
        reset_young_limit_with(stress_every);
        gc
    }
}

fn reset_young_limit_with(stress_every: usize) {
    let st = state();
    st.young_limit = if st.pending_signal != 0 || stress_every > 0 {
        // Every allocation reaches the runtime.
        usize::MAX
    } else {
        st.young_start
    };
}

pub fn reset_young_limit() {
    reset_young_limit_with(gc().stress_every)
}

#[inline(always)]
pub fn is_young(v: Value) -> bool {
    let st = state();
    v.is_block() && (v.0 as usize) > st.young_start && (v.0 as usize) <= st.young_end
}

// ---------------------------------------------------------------------------------------------
// Allocation API for the runtime's Rust code.

/// Allocate a block; small blocks go to the minor heap. Fields are uninitialised unless the tag
/// is scanned, in which case they are set to `()` so a collection never sees garbage.
pub fn alloc(wosize: usize, tag: u8) -> Value {
    let v = if wosize <= MAX_YOUNG_WOSIZE && wosize > 0 {
        alloc_small_raw(wosize, tag)
    } else {
        alloc_shr_raw(wosize, tag)
    };
    if tag < NO_SCAN_TAG {
        for i in 0..wosize {
            unsafe { v.init_field(i, UNIT) }
        }
    }
    v
}

/// Allocate directly in the major heap (for large blocks). Fields uninitialised.
pub fn alloc_shr_raw(wosize: usize, tag: u8) -> Value {
    if wosize > MAX_WOSIZE {
        crate::fail::out_of_memory();
    }
    // Collect before allocating: a block allocated first would be unreachable (so freed) in a
    // collection that ran before the caller stored it anywhere.
    maybe_major_after_alloc();
    let g = gc();
    let p = g.major.alloc(wosize, tag);
    Value::from_ptr(p)
}

fn alloc_small_raw(wosize: usize, tag: u8) -> Value {
    let bytes = (wosize + 1) * 8;
    let st = state();
    if st.young_ptr < st.young_start + bytes || gc().stress_every > 0 {
        collect_if_needed(bytes);
    }
    let st = state();
    st.young_ptr -= bytes;
    unsafe {
        *(st.young_ptr as *mut u64) = make_header(wosize, tag, WHITE);
    }
    Value((st.young_ptr + 8) as u64)
}

/// Entry from generated code when inline allocation crossed `young_limit` (through the
/// `caml_alloc_slow` stub, which records the OCaml frame). Returns the header address of a block
/// of `bytes` bytes (header included) in the minor heap; generated code writes the header.
pub extern "C" fn alloc_slow(bytes: usize) -> usize {
    crate::signals::process_pending();
    collect_if_needed(bytes);
    let st = state();
    st.young_ptr -= bytes;
    st.young_ptr
}

fn collect_if_needed(bytes: usize) {
    let g = gc();
    let st = state();
    let stress_hit = if g.stress_every > 0 {
        g.stress_count += 1;
        g.stress_count % g.stress_every == 0
    } else {
        false
    };
    if stress_hit || st.young_ptr < st.young_start + bytes {
        minor_collection();
        if stress_hit && g.stress_count % (g.stress_every * 16) == 0 {
            major_collection();
        } else if major_due() {
            // Promotions fill the major heap too: without this, a program that only promotes
            // would grow its heap without bound.
            major_collection();
        }
    }
}

/// Has the major heap received enough words since the last major collection (relative to
/// what was live after it) to collect again?
fn major_due() -> bool {
    let g = gc();
    g.major.allocated_words > (g.major.live_words.max(1 << 20) * SPACE_OVERHEAD) / 100
}

fn maybe_major_after_alloc() {
    if major_due() {
        minor_collection();
        major_collection();
    }
}

/// The write barrier: store `v` into the field at `p`, remembering major-to-minor pointers.
#[inline]
pub unsafe fn modify(p: *mut Value, v: Value) {
    *p = v;
    if is_young(v) && !is_young(Value(p as u64)) {
        gc().remembered.push(p);
    }
}

#[no_mangle]
pub unsafe extern "C" fn caml_modify(p: *mut Value, v: Value) {
    modify(p, v)
}

// ---------------------------------------------------------------------------------------------
// Roots registration.

pub fn register_frame(ret_addr: usize, span: u32, slots: Box<[u32]>) {
    gc().roots.frametable.insert(ret_addr, FrameDescr { span, slots });
}

/// Declare `[start, end)` as generated OCaml code, for the stack walk.
pub fn register_code_range(start: usize, end: usize) {
    let r = &mut gc().roots.code_ranges;
    let i = r.partition_point(|&(s, _)| s < start);
    r.insert(i, (start, end));
}

/// Register `n` consecutive values at `p` as roots for the rest of the process.
pub fn register_global_roots(p: *mut Value, n: usize) {
    gc().roots.globals.push((p, n));
}

/// Values held by Rust code across allocations. Index-based, so moves by the GC are seen.
pub struct LocalRoots {
    base: usize,
}

impl LocalRoots {
    pub fn new() -> LocalRoots {
        LocalRoots { base: gc().roots.locals.len() }
    }
    pub fn add(&mut self, v: Value) -> usize {
        let l = &mut gc().roots.locals;
        l.push(v);
        l.len() - 1
    }
    pub fn get(&self, i: usize) -> Value {
        gc().roots.locals[i]
    }
    pub fn set(&self, i: usize, v: Value) {
        gc().roots.locals[i] = v
    }
}

impl Drop for LocalRoots {
    fn drop(&mut self) {
        gc().roots.locals.truncate(self.base);
    }
}

/// Record an OCaml stretch before Rust calls back into OCaml; `leave_callback` restores it.
pub fn enter_callback() {
    let st = state();
    gc().roots.stretches.push((st.last_fp, st.last_ret));
    st.last_fp = 0;
    st.last_ret = 0;
}

pub fn leave_callback() {
    let st = state();
    let (fp, ret) = gc().roots.stretches.pop().unwrap_or((0, 0));
    st.last_fp = fp;
    st.last_ret = ret;
}

// ---------------------------------------------------------------------------------------------
// Minor collection: copy live young blocks to the major heap.

unsafe fn oldify(p: *mut Value) {
    let v = *p;
    if !is_young(v) {
        return;
    }
    let h = v.header();
    if h == 0 {
        // Already promoted: the first field holds the new address.
        *p = v.field(0);
        return;
    }
    let tag = header_tag(h);
    if tag == INFIX_TAG {
        let offset = header_wosize(h) * 8;
        let mut start = Value(v.0 - offset as u64);
        oldify(&mut start);
        *p = Value(start.0 + offset as u64);
        return;
    }
    let wosize = header_wosize(h);
    let g = gc();
    let new = Value::from_ptr(g.major.alloc(wosize, tag));
    std::ptr::copy_nonoverlapping(v.ptr(), new.ptr(), wosize);
    *v.header_ptr() = 0;
    v.init_field(0, new);
    *p = new;
    g.stats.promoted_words += wosize + 1;
    if tag < NO_SCAN_TAG {
        g.todo.push(new);
    }
}

/// First field of a block the GC must scan (closures start with code pointers and arity words).
#[inline]
unsafe fn first_scanned_field(v: Value, tag: u8) -> usize {
    if tag == CLOSURE_TAG {
        let info = v.field(1).0;
        ((info << 8) >> 9) as usize
    } else {
        0
    }
}

pub fn minor_collection() {
    let g = gc();
    let st = state();
    unsafe {
        let (fp, ret) = (st.last_fp, st.last_ret);
        g.roots.scan_stack(fp, ret, &mut |p| oldify(p));
        g.roots.scan_globals(&mut |p| oldify(p));
        let remembered = std::mem::take(&mut g.remembered);
        for &p in &remembered {
            oldify(p);
        }
        g.remembered = remembered;
        g.remembered.clear();
        while let Some(v) = g.todo.pop() {
            let tag = v.tag();
            let start = first_scanned_field(v, tag);
            for i in start..v.wosize() {
                oldify(v.field_ptr(i));
            }
        }
    }
    st.young_ptr = st.young_end;
    g.stats.minor_collections += 1;
    if cfg!(debug_assertions) {
        // Poison the minor heap so a missed root fails loudly.
        unsafe { std::ptr::write_bytes(g.minor_base as *mut u8, 0xEB, g.minor_words * 8) };
    }
}

// ---------------------------------------------------------------------------------------------
// Major collection: mark from the roots, then sweep. Runs after a minor collection, so no young
// block exists.

unsafe fn mark_value(v: Value, stack: &mut Vec<Value>) {
    if !v.is_block() {
        return;
    }
    let mut v = v;
    let mut h = v.header();
    if header_tag(h) == INFIX_TAG {
        v = Value(v.0 - (header_wosize(h) * 8) as u64);
        h = v.header();
    }
    if h & COLOR_MASK != WHITE {
        return;
    }
    *v.header_ptr() = (h & !COLOR_MASK) | BLACK;
    if header_tag(h) < NO_SCAN_TAG {
        stack.push(v);
    }
}

pub fn major_collection() {
    let g = gc();
    let st = state();
    let mut stack = std::mem::take(&mut g.mark_stack);
    unsafe {
        let mut mark_root = |p: *mut Value| mark_value(*p, &mut stack);
        g.roots.scan_stack(st.last_fp, st.last_ret, &mut mark_root);
        g.roots.scan_globals(&mut mark_root);
        while let Some(v) = stack.pop() {
            let tag = v.tag();
            let start = first_scanned_field(v, tag);
            for i in start..v.wosize() {
                mark_value(v.field(i), &mut stack);
            }
        }
    }
    g.mark_stack = stack;
    g.major.sweep();
    g.stats.major_collections += 1;
}

/// `Gc.full_major`: empty the minor heap, then a complete major cycle.
pub fn full_major() {
    minor_collection();
    major_collection();
}
