//! Where the GC finds roots: OCaml stack frames (through the stack maps Cranelift produced for
//! each call site), global roots of loaded code, and values held by Rust code of the runtime.

use crate::value::Value;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Hashes a return address with one multiplication: every minor collection looks up each frame
/// of the stack, and the default SipHash cost more than the rest of the walk.
#[derive(Default)]
pub struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        // The high bits pick hashbrown's control byte, the low bits its bucket: spread both.
        let h = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 29);
    }
}

pub type FrameTable = HashMap<usize, FrameDescr, BuildHasherDefault<AddressHasher>>;

/// The GC-visible part of one OCaml frame at one call site: the frame size (FP minus SP at the
/// call) and the SP-relative offsets of the slots that hold live values.
pub struct FrameDescr {
    pub span: u32,
    pub slots: Box<[u32]>,
}

pub struct Roots {
    /// Return address -> frame description.
    pub frametable: FrameTable,
    /// Ranges of values (module globals, static blocks' fields) scanned at every collection.
    pub globals: Vec<(*mut Value, usize)>,
    /// Values held by Rust code across allocations (see `LocalRoots`).
    pub locals: Vec<Value>,
    /// (last_fp, last_ret) of the OCaml stretches suspended by a callback from Rust into OCaml.
    pub stretches: Vec<(usize, usize)>,
    /// Address ranges of generated code, sorted by start: a frame whose return address lies in
    /// one is an OCaml frame even when its call site has no live values (and so no stack map).
    pub code_ranges: Vec<(usize, usize)>,
}

impl Roots {
    pub fn new() -> Roots {
        Roots {
            frametable: FrameTable::default(),
            globals: Vec::new(),
            locals: Vec::new(),
            stretches: Vec::new(),
            code_ranges: Vec::new(),
        }
    }

    /// Call `f` on every stack slot holding a live value, walking each OCaml stretch of the stack
    /// from its innermost frame through the frame-pointer chain.
    pub unsafe fn scan_stack(&self, last_fp: usize, last_ret: usize, f: &mut dyn FnMut(*mut Value)) {
        let current = std::iter::once((last_fp, last_ret));
        for (mut fp, mut ret) in current.chain(self.stretches.iter().rev().copied()) {
            while fp != 0 {
                match self.frametable.get(&ret) {
                    Some(d) => {
                        let sp = fp - d.span as usize;
                        for &off in d.slots.iter() {
                            f((sp + off as usize) as *mut Value);
                        }
                    }
                    // A call with nothing live: keep walking while still in generated code.
                    None if self.in_code(ret) => {}
                    None => break,
                }
                ret = *((fp + 8) as *const usize);
                fp = *(fp as *const usize);
            }
        }
    }

    pub fn in_code(&self, pc: usize) -> bool {
        let i = self.code_ranges.partition_point(|&(start, _)| start <= pc);
        i > 0 && pc < self.code_ranges[i - 1].1
    }

    pub unsafe fn scan_globals(&self, f: &mut dyn FnMut(*mut Value)) {
        for &(p, n) in &self.globals {
            for i in 0..n {
                f(p.add(i));
            }
        }
        for v in self.locals.iter() {
            f(v as *const Value as *mut Value);
        }
    }
}
