//! Structural hashing, bit-compatible with OCaml's `Hashtbl.hash` family: MurmurHash3-style
//! mixing of 32-bit words over a breadth-first walk of the value, bounded by `count` meaningful
//! values and a queue of at most `limit` (<= 256) values.

use super::custom::ops_of;
use super::{prim, Primitive};
use crate::value::*;

const QUEUE_MAX: usize = 256;
/// Chains of Forward blocks longer than this are given up (they may loop).
const MAX_FORWARD_CHAIN: usize = 1000;

#[inline]
pub fn mix_u32(h: u32, d: u32) -> u32 {
    let mut d = d.wrapping_mul(0xcc9e2d51);
    d = d.rotate_left(15);
    d = d.wrapping_mul(0x1b873593);
    let mut h = h ^ d;
    h = h.rotate_left(13);
    h.wrapping_mul(5).wrapping_add(0xe6546b64)
}

#[inline]
pub fn final_mix(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x85ebca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2ae35);
    h ^= h >> 16;
    h
}

/// Mix a native integer so that small values hash as their 32-bit counterparts would.
#[inline]
pub fn mix_intnat(h: u32, d: i64) -> u32 {
    let n = ((d >> 32) ^ (d >> 63) ^ d) as u32;
    mix_u32(h, n)
}

#[inline]
pub fn mix_int64(h: u32, d: i64) -> u32 {
    let h = mix_u32(h, d as u32);
    mix_u32(h, (d >> 32) as u32)
}

/// Mix a float with all nans hashing alike and -0. hashing as 0.
pub fn mix_double(h: u32, d: f64) -> u32 {
    let bits = d.to_bits();
    let (mut hi, mut lo) = ((bits >> 32) as u32, bits as u32);
    if hi & 0x7FF00000 == 0x7FF00000 && (lo | (hi & 0xFFFFF)) != 0 {
        hi = 0x7FF00000;
        lo = 1;
    } else if hi == 0x80000000 && lo == 0 {
        hi = 0;
    }
    mix_u32(mix_u32(h, lo), hi)
}

pub fn mix_bytes(mut h: u32, s: &[u8]) -> u32 {
    let mut chunks = s.chunks_exact(4);
    for c in &mut chunks {
        h = mix_u32(h, u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = 0u32;
        for (i, &b) in rest.iter().enumerate() {
            w |= (b as u32) << (8 * i);
        }
        h = mix_u32(h, w);
    }
    h ^ s.len() as u32
}

/// `Hashtbl.seeded_hash_param count limit seed v`.
pub fn hash(count: i64, limit: i64, seed: i64, v: Value) -> i64 {
    let size = if limit < 0 || limit as usize > QUEUE_MAX { QUEUE_MAX } else { limit as usize };
    let mut num = count;
    let mut h = seed as u32;
    // Integers and strings, the usual keys, need no queue.
    if num > 0 && v.is_int() {
        return (final_mix(mix_intnat(h, v.0 as i64)) & 0x3FFF_FFFF) as i64;
    }
    if num > 0 && unsafe { v.tag() } == STRING_TAG {
        return (final_mix(mix_bytes(h, unsafe { v.bytes() })) & 0x3FFF_FFFF) as i64;
    }
    // The breadth-first queue lives on the stack: `len` values pushed, `rd` of them read.
    let mut queue = [Value(0); QUEUE_MAX];
    queue[0] = v;
    let mut len = 1;
    let mut rd = 0;
    while rd < len && num > 0 {
        let mut v = queue[rd];
        rd += 1;
        // `again`: re-examine `v` after following an Infix or Forward link.
        'again: loop {
            if v.is_int() {
                h = mix_intnat(h, v.0 as i64);
                num -= 1;
                break;
            }
            unsafe {
                match v.tag() {
                    STRING_TAG => {
                        h = mix_bytes(h, v.bytes());
                        num -= 1;
                    }
                    DOUBLE_TAG => {
                        h = mix_double(h, v.double());
                        num -= 1;
                    }
                    DOUBLE_ARRAY_TAG => {
                        for i in 0..v.wosize() {
                            h = mix_double(h, v.double_field(i));
                            num -= 1;
                            if num <= 0 {
                                break;
                            }
                        }
                    }
                    ABSTRACT_TAG => {}
                    INFIX_TAG => {
                        let offset = v.wosize() * 8;
                        h = mix_u32(h, offset as u32);
                        v = Value(v.0 - offset as u64);
                        continue 'again;
                    }
                    FORWARD_TAG => {
                        for _ in 0..MAX_FORWARD_CHAIN {
                            v = v.field(0);
                            if v.is_int() || v.tag() != FORWARD_TAG {
                                continue 'again;
                            }
                        }
                    }
                    OBJECT_TAG => {
                        h = mix_intnat(h, v.field(1).int());
                        num -= 1;
                    }
                    CUSTOM_TAG => {
                        if let Some(f) = ops_of(v).hash {
                            h = mix_u32(h, f(v) as u32);
                            num -= 1;
                        }
                    }
                    CLOSURE_TAG => {
                        // Code pointers and arity words are mixed as integers; the environment
                        // is walked like ordinary fields.
                        let wosize = v.wosize();
                        let info = v.field(1).0;
                        let start_env = (((info << 8) >> 9) as usize).min(wosize);
                        h = mix_u32(h, (v.header() & !COLOR_MASK) as u32);
                        for i in 0..start_env {
                            h = mix_intnat(h, v.field(i).0 as i64);
                            num -= 1;
                        }
                        for i in start_env..wosize {
                            if len >= size {
                                break;
                            }
                            queue[len] = v.field(i);
                            len += 1;
                        }
                    }
                    _ => {
                        // Tag and size count for the hash but not towards `count`.
                        h = mix_u32(h, (v.header() & !COLOR_MASK) as u32);
                        for i in 0..v.wosize() {
                            if len >= size {
                                break;
                            }
                            queue[len] = v.field(i);
                            len += 1;
                        }
                    }
                }
            }
            break;
        }
    }
    (final_mix(h) & 0x3FFF_FFFF) as i64
}

#[no_mangle]
pub extern "C" fn caml_hash(count: Value, limit: Value, seed: Value, v: Value) -> Value {
    Value::of_int(hash(count.int(), limit.int(), seed.int(), v))
}

/// Hash a string as `Hashtbl.hash` would (used by the runtime's own tables).
pub fn string_hash(seed: u32, s: &[u8]) -> u32 {
    final_mix(mix_bytes(seed, s)) & 0x3FFF_FFFF
}

pub fn prims() -> Vec<Primitive> {
    vec![prim!(4, caml_hash, false)]
}
