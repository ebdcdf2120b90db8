//! The major heap: size-segregated pages for small blocks, individual allocations for large ones,
//! collected by a non-moving mark and sweep.
//!
//! Free slots carry the BLUE colour and are chained through their first field. Blocks allocated
//! here start WHITE; marking turns reachable ones BLACK; sweeping frees the WHITE ones and turns the
//! BLACK ones WHITE again. Static blocks (outside the heap) are permanently BLACK, so marking never
//! enters them; their fields are scanned as roots instead.

use crate::value::*;
use std::alloc::{alloc, dealloc, Layout};

const PAGE_BYTES: usize = 1 << 16;

/// Slot sizes in words, header included. A block goes to the first class that fits it.
const CLASSES: &[usize] = &[
    2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160,
    192, 224, 257,
];
/// Largest block (header included, in words) that lives in pages.
const SMALL_MAX_WHSIZE: usize = 257;

struct Page {
    base: *mut u64,
    slot_words: usize,
    nslots: usize,
}

pub struct MajorHeap {
    pages: Vec<Page>,
    free: Vec<*mut u64>, // per class: head of the free list (header addresses)
    large: Vec<(*mut u64, usize)>,
    /// Words handed out since the last major collection.
    pub allocated_words: usize,
    /// Words live after the last major collection.
    pub live_words: usize,
    class_of: Vec<u8>,
}

fn page_layout() -> Layout {
    Layout::from_size_align(PAGE_BYTES, 4096).expect("page layout")
}

impl MajorHeap {
    pub fn new() -> MajorHeap {
        let mut class_of = vec![0u8; SMALL_MAX_WHSIZE + 1];
        let mut c = 0;
        for (w, slot) in class_of.iter_mut().enumerate() {
            while CLASSES[c] < w {
                c += 1;
            }
            *slot = c as u8;
        }
        MajorHeap {
            pages: Vec::new(),
            free: vec![std::ptr::null_mut(); CLASSES.len()],
            large: Vec::new(),
            allocated_words: 0,
            live_words: 0,
            class_of,
        }
    }

    /// Allocate a block of `wosize` fields; returns the pointer to its first field. The fields are
    /// not initialised.
    pub fn alloc(&mut self, wosize: usize, tag: u8) -> *mut u64 {
        let whsize = wosize + 1;
        self.allocated_words += whsize;
        let hp = if whsize <= SMALL_MAX_WHSIZE {
            let c = self.class_of[whsize] as usize;
            if self.free[c].is_null() {
                self.add_page(c);
            }
            let hp = self.free[c];
            // SAFETY: a free slot's first field holds the next free slot.
            self.free[c] = unsafe { *hp.add(1) } as *mut u64;
            hp
        } else {
            let layout = Layout::array::<u64>(whsize).expect("block too large");
            // SAFETY: layout is non-zero sized.
            let hp = unsafe { alloc(layout) } as *mut u64;
            if hp.is_null() {
                crate::fail::out_of_memory();
            }
            self.large.push((hp, whsize));
            hp
        };
        unsafe {
            *hp = make_header(wosize, tag, WHITE);
            hp.add(1)
        }
    }

    fn add_page(&mut self, class: usize) {
        let slot_words = CLASSES[class];
        let nslots = PAGE_BYTES / 8 / slot_words;
        // SAFETY: non-zero layout.
        let base = unsafe { alloc(page_layout()) } as *mut u64;
        if base.is_null() {
            crate::fail::out_of_memory();
        }
        let mut head = self.free[class];
        for i in (0..nslots).rev() {
            unsafe {
                let hp = base.add(i * slot_words);
                *hp = make_header(slot_words - 1, 0, BLUE);
                *hp.add(1) = head as u64;
                head = hp;
            }
        }
        self.free[class] = head;
        self.pages.push(Page { base, slot_words, nslots });
    }

    /// Free every WHITE block, whiten every BLACK one; rebuild the free lists.
    pub fn sweep(&mut self) {
        let mut live = 0;
        for f in self.free.iter_mut() {
            *f = std::ptr::null_mut();
        }
        for page in &self.pages {
            let class = self.class_of[page.slot_words.min(SMALL_MAX_WHSIZE)] as usize;
            for i in (0..page.nslots).rev() {
                unsafe {
                    let hp = page.base.add(i * page.slot_words);
                    let h = *hp;
                    match h & COLOR_MASK {
                        BLACK => {
                            *hp = h & !COLOR_MASK;
                            live += header_wosize(h) + 1;
                        }
                        _ => {
                            *hp = make_header(page.slot_words - 1, 0, BLUE);
                            *hp.add(1) = self.free[class] as u64;
                            self.free[class] = hp;
                        }
                    }
                }
            }
        }
        self.large.retain(|&(hp, whsize)| unsafe {
            let h = *hp;
            if h & COLOR_MASK == BLACK {
                *hp = h & !COLOR_MASK;
                live += whsize;
                true
            } else {
                dealloc(hp as *mut u8, Layout::array::<u64>(whsize).expect("layout"));
                false
            }
        });
        self.live_words = live;
        self.allocated_words = 0;
    }

    pub fn heap_words(&self) -> usize {
        self.pages.len() * PAGE_BYTES / 8 + self.large.iter().map(|l| l.1).sum::<usize>()
    }
}
