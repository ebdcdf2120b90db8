//! Bigarrays: custom blocks laid out as OCaml's `struct caml_ba_array` (data pointer, number of
//! dimensions, flags = kind | layout << 8, proxy, dimensions), over memory outside the heap.
//! Sub-arrays, slices and layout changes share their parent's memory. Memory is never freed
//! (custom blocks have no finaliser yet), and marshalling bigarrays is not supported.

use super::boxed_ints::{box_int32, box_int64, box_nativeint, unbox_int32, unbox_int64};
use super::custom::{alloc_custom, CustomOperations};
use super::hash::{mix_double, mix_int64, mix_intnat, mix_u32};
use super::{prim, Error, PResult, Primitive};
use crate::alloc::copy_double;
use crate::gc::{self, LocalRoots};
use crate::value::*;

pub const MAX_NUM_DIMS: usize = 16;
const FORTRAN: u64 = 0x100;
const KIND_MASK: u64 = 0xFF;

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Kind {
    Float32,
    Float64,
    Sint8,
    Uint8,
    Sint16,
    Uint16,
    Int32,
    Int64,
    CamlInt,
    NativeInt,
    Complex32,
    Complex64,
    Char,
}

const KINDS: [Kind; 13] = [
    Kind::Float32,
    Kind::Float64,
    Kind::Sint8,
    Kind::Uint8,
    Kind::Sint16,
    Kind::Uint16,
    Kind::Int32,
    Kind::Int64,
    Kind::CamlInt,
    Kind::NativeInt,
    Kind::Complex32,
    Kind::Complex64,
    Kind::Char,
];

impl Kind {
    fn size(self) -> usize {
        match self {
            Kind::Sint8 | Kind::Uint8 | Kind::Char => 1,
            Kind::Sint16 | Kind::Uint16 => 2,
            Kind::Float32 | Kind::Int32 => 4,
            Kind::Float64 | Kind::Int64 | Kind::CamlInt | Kind::NativeInt | Kind::Complex32 => 8,
            Kind::Complex64 => 16,
        }
    }
}

/// The descriptor words of a bigarray block.
struct Ba {
    data: *mut u8,
    flags: u64,
    dims: Vec<usize>,
}

impl Ba {
    fn of(v: Value) -> Ba {
        unsafe {
            let n = (v.field(2).0 as usize).min(MAX_NUM_DIMS);
            Ba {
                data: v.field(1).0 as *mut u8,
                flags: v.field(3).0,
                dims: (0..n).map(|i| v.field(5 + i).0 as usize).collect(),
            }
        }
    }
    fn kind(&self) -> Kind {
        KINDS[((self.flags & KIND_MASK) as usize).min(12)]
    }
    fn fortran(&self) -> bool {
        self.flags & FORTRAN != 0
    }
    fn num_elts(&self) -> usize {
        self.dims.iter().product()
    }
    /// Element offset of an index list, checked against the dimensions.
    fn offset(&self, idx: &[i64]) -> PResult<usize> {
        let bound = || Error::InvalidArgument("index out of bounds".into());
        let mut ofs = 0usize;
        if self.fortran() {
            for i in (0..self.dims.len()).rev() {
                let k = idx[i];
                if k < 1 || k as u64 > self.dims[i] as u64 {
                    return Err(bound());
                }
                ofs = ofs * self.dims[i] + (k - 1) as usize;
            }
        } else {
            for i in 0..self.dims.len() {
                let k = idx[i];
                if k < 0 || k as u64 >= self.dims[i] as u64 {
                    return Err(bound());
                }
                ofs = ofs * self.dims[i] + k as usize;
            }
        }
        Ok(ofs)
    }
    unsafe fn at(&self, ofs: usize) -> *mut u8 {
        self.data.add(ofs * self.kind().size())
    }
}

extern "C" fn ba_compare(v1: Value, v2: Value) -> i32 {
    let (a, b) = (Ba::of(v1), Ba::of(v2));
    let mask = KIND_MASK | FORTRAN;
    let (f1, f2) = ((a.flags & mask) as i64, (b.flags & mask) as i64);
    if f1 != f2 {
        return (f2 - f1).signum() as i32;
    }
    if a.dims.len() != b.dims.len() {
        return (b.dims.len() as i64 - a.dims.len() as i64).signum() as i32;
    }
    for (d1, d2) in a.dims.iter().zip(&b.dims) {
        if d1 != d2 {
            return if d1 < d2 { -1 } else { 1 };
        }
    }
    let n = a.num_elts();
    unsafe {
        macro_rules! ints {
            ($t:ty, $n:expr) => {{
                let (p, q) = (a.data as *const $t, b.data as *const $t);
                for i in 0..$n {
                    let (x, y) = (*p.add(i), *q.add(i));
                    if x != y {
                        return if x < y { -1 } else { 1 };
                    }
                }
                0
            }};
        }
        macro_rules! floats {
            ($t:ty, $n:expr) => {{
                let (p, q) = (a.data as *const $t, b.data as *const $t);
                for i in 0..$n {
                    let (x, y) = (*p.add(i), *q.add(i));
                    if x < y {
                        return -1;
                    }
                    if x > y {
                        return 1;
                    }
                    if x != y {
                        super::compare::set_custom_unordered();
                        if x == x {
                            return 1;
                        }
                        if y == y {
                            return -1;
                        }
                    }
                }
                0
            }};
        }
        match a.kind() {
            Kind::Float32 => floats!(f32, n),
            Kind::Complex32 => floats!(f32, 2 * n),
            Kind::Float64 => floats!(f64, n),
            Kind::Complex64 => floats!(f64, 2 * n),
            Kind::Char | Kind::Uint8 => ints!(u8, n),
            Kind::Sint8 => ints!(i8, n),
            Kind::Sint16 => ints!(i16, n),
            Kind::Uint16 => ints!(u16, n),
            Kind::Int32 => ints!(i32, n),
            Kind::Int64 | Kind::CamlInt | Kind::NativeInt => ints!(i64, n),
        }
    }
}

fn mix_float32(h: u32, f: f32) -> u32 {
    let mut bits = f.to_bits();
    if bits & 0x7F80_0000 == 0x7F80_0000 && bits & 0x007F_FFFF != 0 {
        bits = 0x7F80_0001; // all nans alike
    } else if bits == 0x8000_0000 {
        bits = 0; // -0 as 0
    }
    mix_u32(h, bits)
}

/// Hash of the first elements (at most 256 bytes' worth for small kinds).
extern "C" fn ba_hash(v: Value) -> isize {
    let b = Ba::of(v);
    let n = b.num_elts();
    let mut h = 0u32;
    unsafe {
        match b.kind() {
            Kind::Char | Kind::Sint8 | Kind::Uint8 => {
                let s = std::slice::from_raw_parts(b.data, n.min(256));
                let mut chunks = s.chunks_exact(4);
                for c in &mut chunks {
                    h = mix_u32(h, u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
                }
                let rest = chunks.remainder();
                if !rest.is_empty() {
                    let w = rest.iter().enumerate().fold(0u32, |w, (i, &x)| w | (x as u32) << (8 * i));
                    h = mix_u32(h, w);
                }
            }
            Kind::Sint16 | Kind::Uint16 => {
                let s = std::slice::from_raw_parts(b.data as *const u16, n.min(128));
                let mut chunks = s.chunks_exact(2);
                for c in &mut chunks {
                    h = mix_u32(h, c[0] as u32 | (c[1] as u32) << 16);
                }
                if let [x] = chunks.remainder() {
                    h = mix_u32(h, *x as u32);
                }
            }
            Kind::Int32 => {
                for &x in std::slice::from_raw_parts(b.data as *const u32, n.min(64)) {
                    h = mix_u32(h, x);
                }
            }
            Kind::CamlInt | Kind::NativeInt => {
                for &x in std::slice::from_raw_parts(b.data as *const i64, n.min(64)) {
                    h = mix_intnat(h, x);
                }
            }
            Kind::Int64 => {
                for &x in std::slice::from_raw_parts(b.data as *const i64, n.min(32)) {
                    h = mix_int64(h, x);
                }
            }
            Kind::Float32 | Kind::Complex32 => {
                let m = if b.kind() == Kind::Complex32 { 2 * n } else { n };
                for &x in std::slice::from_raw_parts(b.data as *const f32, m.min(64)) {
                    h = mix_float32(h, x);
                }
            }
            Kind::Float64 | Kind::Complex64 => {
                let m = if b.kind() == Kind::Complex64 { 2 * n } else { n };
                for &x in std::slice::from_raw_parts(b.data as *const f64, m.min(32)) {
                    h = mix_double(h, x);
                }
            }
        }
    }
    h as isize
}

#[no_mangle]
pub static caml_ba_ops: CustomOperations = CustomOperations {
    identifier: b"_bigarr02\0".as_ptr(),
    finalize: None,
    compare: Some(ba_compare),
    hash: Some(ba_hash),
    serialize: 0,
    deserialize: 0,
    compare_ext: None,
    fixed_length: 0,
};

/// A bigarray block over `data`.
fn alloc_ba(data: *mut u8, flags: u64, dims: &[usize]) -> Value {
    let v = alloc_custom(&caml_ba_ops, 4 + dims.len());
    unsafe {
        v.init_field(1, Value(data as u64));
        v.init_field(2, Value(dims.len() as u64));
        v.init_field(3, Value(flags));
        v.init_field(4, Value(0));
        for (i, &d) in dims.iter().enumerate() {
            v.init_field(5 + i, Value(d as u64));
        }
    }
    v
}

/// Zeroed memory for `n` elements of `kind`, kept for the rest of the process.
fn new_data(kind: Kind, n: usize) -> PResult<*mut u8> {
    let bytes = n.checked_mul(kind.size()).ok_or(Error::InvalidArgument("Bigarray.create: too big".into()))?;
    let words = vec![0u64; bytes.div_ceil(8).max(1)];
    Ok(Box::leak(words.into_boxed_slice()).as_mut_ptr() as *mut u8)
}

fn int_list(a: Value) -> Vec<i64> {
    unsafe { (0..a.wosize()).map(|i| a.field(i).int()).collect() }
}

fn check_dims(dims: &[i64], who: &str) -> PResult<Vec<usize>> {
    if dims.len() > MAX_NUM_DIMS {
        return Err(Error::InvalidArgument(format!("Bigarray.{who}: bad number of dimensions")));
    }
    if dims.iter().any(|&d| d < 0) {
        return Err(Error::InvalidArgument(format!("Bigarray.{who}: negative dimension")));
    }
    Ok(dims.iter().map(|&d| d as usize).collect())
}

pub fn create(kind: i64, layout: i64, dims: &[i64]) -> PResult {
    let dims = check_dims(dims, "create")?;
    let k = *KINDS.get(kind as usize).ok_or(Error::InvalidArgument("Bigarray.create".into()))?;
    let n = dims.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
    let n = n.ok_or(Error::InvalidArgument("Bigarray.create: too big".into()))?;
    let data = new_data(k, n)?;
    Ok(alloc_ba(data, kind as u64 | if layout != 0 { FORTRAN } else { 0 }, &dims))
}

#[no_mangle]
pub extern "C" fn caml_ba_create(kind: Value, layout: Value, dims: Value) -> Value {
    super::ret(create(kind.int(), layout.int(), &int_list(dims)))
}

/// Read the element at `ofs` as an OCaml value.
fn get_at(b: &Ba, ofs: usize) -> Value {
    unsafe {
        let p = b.at(ofs);
        match b.kind() {
            Kind::Float32 => copy_double(*(p as *const f32) as f64),
            Kind::Float64 => copy_double(*(p as *const f64)),
            Kind::Sint8 => Value::of_int(*(p as *const i8) as i64),
            Kind::Uint8 | Kind::Char => Value::of_int(*p as i64),
            Kind::Sint16 => Value::of_int(*(p as *const i16) as i64),
            Kind::Uint16 => Value::of_int(*(p as *const u16) as i64),
            Kind::Int32 => box_int32(*(p as *const i32)),
            Kind::Int64 => box_int64(*(p as *const i64)),
            Kind::CamlInt => Value::of_int(*(p as *const i64)),
            Kind::NativeInt => box_nativeint(*(p as *const i64)),
            Kind::Complex32 | Kind::Complex64 => {
                let (re, im) = if b.kind() == Kind::Complex32 {
                    (*(p as *const f32) as f64, *(p as *const f32).add(1) as f64)
                } else {
                    (*(p as *const f64), *(p as *const f64).add(1))
                };
                let c = gc::alloc(2, DOUBLE_ARRAY_TAG);
                c.set_double_field(0, re);
                c.set_double_field(1, im);
                c
            }
        }
    }
}

fn set_at(b: &Ba, ofs: usize, v: Value) {
    unsafe {
        let p = b.at(ofs);
        match b.kind() {
            Kind::Float32 => *(p as *mut f32) = v.double() as f32,
            Kind::Float64 => *(p as *mut f64) = v.double(),
            Kind::Sint8 | Kind::Uint8 | Kind::Char => *p = v.int() as u8,
            Kind::Sint16 | Kind::Uint16 => *(p as *mut u16) = v.int() as u16,
            Kind::Int32 => *(p as *mut i32) = unbox_int32(v),
            Kind::Int64 | Kind::NativeInt => *(p as *mut i64) = unbox_int64(v),
            Kind::CamlInt => *(p as *mut i64) = v.int(),
            Kind::Complex32 => {
                *(p as *mut f32) = v.double_field(0) as f32;
                *(p as *mut f32).add(1) = v.double_field(1) as f32;
            }
            Kind::Complex64 => {
                *(p as *mut f64) = v.double_field(0);
                *(p as *mut f64).add(1) = v.double_field(1);
            }
        }
    }
}

pub fn get(ba: Value, idx: &[i64]) -> PResult {
    let b = Ba::of(ba);
    if idx.len() != b.dims.len() {
        return Err(Error::InvalidArgument("Bigarray.get: wrong number of indices".into()));
    }
    let ofs = b.offset(idx)?;
    Ok(get_at(&b, ofs))
}

pub fn set(ba: Value, idx: &[i64], v: Value) -> PResult<()> {
    let b = Ba::of(ba);
    if idx.len() != b.dims.len() {
        return Err(Error::InvalidArgument("Bigarray.set: wrong number of indices".into()));
    }
    let ofs = b.offset(idx)?;
    set_at(&b, ofs, v);
    Ok(())
}

fn unit(r: PResult<()>) -> Value {
    super::ret(r.map(|()| UNIT))
}

#[no_mangle]
pub extern "C" fn caml_ba_get_generic(ba: Value, idx: Value) -> Value {
    super::ret(get(ba, &int_list(idx)))
}
#[no_mangle]
pub extern "C" fn caml_ba_get_1(ba: Value, i: Value) -> Value {
    super::ret(get(ba, &[i.int()]))
}
#[no_mangle]
pub extern "C" fn caml_ba_get_2(ba: Value, i: Value, j: Value) -> Value {
    super::ret(get(ba, &[i.int(), j.int()]))
}
#[no_mangle]
pub extern "C" fn caml_ba_get_3(ba: Value, i: Value, j: Value, k: Value) -> Value {
    super::ret(get(ba, &[i.int(), j.int(), k.int()]))
}
#[no_mangle]
pub extern "C" fn caml_ba_set_generic(ba: Value, idx: Value, v: Value) -> Value {
    unit(set(ba, &int_list(idx), v))
}
#[no_mangle]
pub extern "C" fn caml_ba_set_1(ba: Value, i: Value, v: Value) -> Value {
    unit(set(ba, &[i.int()], v))
}
#[no_mangle]
pub extern "C" fn caml_ba_set_2(ba: Value, i: Value, j: Value, v: Value) -> Value {
    unit(set(ba, &[i.int(), j.int()], v))
}
#[no_mangle]
pub extern "C" fn caml_ba_set_3(ba: Value, i: Value, j: Value, k: Value, v: Value) -> Value {
    unit(set(ba, &[i.int(), j.int(), k.int()], v))
}

#[no_mangle]
pub extern "C" fn caml_ba_num_dims(ba: Value) -> Value {
    Value::of_int(Ba::of(ba).dims.len() as i64)
}
pub fn dim(ba: Value, i: i64) -> PResult<i64> {
    let b = Ba::of(ba);
    if i < 0 || i as usize >= b.dims.len() {
        return Err(Error::InvalidArgument("Bigarray.dim".into()));
    }
    Ok(b.dims[i as usize] as i64)
}
#[no_mangle]
pub extern "C" fn caml_ba_dim(ba: Value, i: Value) -> Value {
    super::ret(dim(ba, i.int()).map(Value::of_int))
}
#[no_mangle]
pub extern "C" fn caml_ba_dim_1(ba: Value) -> Value {
    super::ret(dim(ba, 0).map(Value::of_int))
}
#[no_mangle]
pub extern "C" fn caml_ba_dim_2(ba: Value) -> Value {
    super::ret(dim(ba, 1).map(Value::of_int))
}
#[no_mangle]
pub extern "C" fn caml_ba_dim_3(ba: Value) -> Value {
    super::ret(dim(ba, 2).map(Value::of_int))
}
#[no_mangle]
pub extern "C" fn caml_ba_kind(ba: Value) -> Value {
    Value::of_int((Ba::of(ba).flags & KIND_MASK) as i64)
}
#[no_mangle]
pub extern "C" fn caml_ba_layout(ba: Value) -> Value {
    Value::of_int(Ba::of(ba).fortran() as i64)
}

/// A view of the same memory with other flags and dimensions.
fn view(ba: Value, data: *mut u8, flags: u64, dims: &[usize]) -> Value {
    let _ = ba;
    alloc_ba(data, flags, dims)
}

#[no_mangle]
pub extern "C" fn caml_ba_change_layout(ba: Value, layout: Value) -> Value {
    let b = Ba::of(ba);
    let fortran = layout.int() != 0;
    if fortran == b.fortran() {
        return ba;
    }
    let dims: Vec<usize> = b.dims.iter().rev().copied().collect();
    let flags = (b.flags & !FORTRAN) | if fortran { FORTRAN } else { 0 };
    view(ba, b.data, flags, &dims)
}

pub fn sub(ba: Value, ofs: i64, len: i64) -> PResult {
    let b = Ba::of(ba);
    let bad = || Error::InvalidArgument("Bigarray.sub: bad sub-array".into());
    if b.dims.is_empty() {
        return Err(bad());
    }
    let (changed, ofs, mul) = if b.fortran() {
        let last = b.dims.len() - 1;
        (last, ofs - 1, b.dims[..last].iter().product::<usize>())
    } else {
        (0, ofs, b.dims[1..].iter().product::<usize>())
    };
    if ofs < 0 || len < 0 || (ofs + len) as u64 > b.dims[changed] as u64 {
        return Err(bad());
    }
    let mut dims = b.dims.clone();
    dims[changed] = len as usize;
    let data = unsafe { b.at(ofs as usize * mul) };
    Ok(view(ba, data, b.flags, &dims))
}

#[no_mangle]
pub extern "C" fn caml_ba_sub(ba: Value, ofs: Value, len: Value) -> Value {
    super::ret(sub(ba, ofs.int(), len.int()))
}

pub fn slice(ba: Value, idx: &[i64]) -> PResult {
    let b = Ba::of(ba);
    let n = b.dims.len();
    if idx.len() > n {
        return Err(Error::InvalidArgument("Bigarray.slice: too many indices".into()));
    }
    let (full, dims): (Vec<i64>, Vec<usize>) = if b.fortran() {
        let mut full = vec![1; n - idx.len()];
        full.extend_from_slice(idx);
        (full, b.dims[..n - idx.len()].to_vec())
    } else {
        let mut full = idx.to_vec();
        full.resize(n, 0);
        (full, b.dims[idx.len()..].to_vec())
    };
    let ofs = b.offset(&full)?;
    let data = unsafe { b.at(ofs) };
    Ok(view(ba, data, b.flags, &dims))
}

#[no_mangle]
pub extern "C" fn caml_ba_slice(ba: Value, idx: Value) -> Value {
    super::ret(slice(ba, &int_list(idx)))
}

pub fn blit(src: Value, dst: Value) -> PResult<()> {
    let (a, b) = (Ba::of(src), Ba::of(dst));
    if a.dims != b.dims {
        return Err(Error::InvalidArgument("Bigarray.blit: dimension mismatch".into()));
    }
    unsafe { std::ptr::copy(a.data, b.data, a.num_elts() * a.kind().size()) };
    Ok(())
}

#[no_mangle]
pub extern "C" fn caml_ba_blit(src: Value, dst: Value) -> Value {
    unit(blit(src, dst))
}

#[no_mangle]
pub extern "C" fn caml_ba_fill(ba: Value, v: Value) -> Value {
    let b = Ba::of(ba);
    for i in 0..b.num_elts() {
        set_at(&b, i, v);
    }
    UNIT
}

pub fn reshape(ba: Value, dims: &[i64]) -> PResult {
    let b = Ba::of(ba);
    let dims = check_dims(dims, "reshape")?;
    let n = dims.iter().try_fold(1usize, |a, &d| a.checked_mul(d));
    if n != Some(b.num_elts()) {
        return Err(Error::InvalidArgument("Bigarray.reshape: size mismatch".into()));
    }
    Ok(view(ba, b.data, b.flags, &dims))
}

#[no_mangle]
pub extern "C" fn caml_ba_reshape(ba: Value, dims: Value) -> Value {
    let d = int_list(dims);
    let mut r = LocalRoots::new();
    let k = r.add(ba);
    let res = reshape(r.get(k), &d);
    drop(r);
    super::ret(res)
}

/// Bytes `i .. i+N` of a one-dimensional array of bytes (`Bigstring`-style access).
fn uint8_range<const N: usize>(ba: Value, i: i64) -> PResult<*mut u8> {
    let b = Ba::of(ba);
    let len = b.dims.first().copied().unwrap_or(0) as i64;
    if i < 0 || i > len - N as i64 {
        return Err(Error::InvalidArgument("index out of bounds".into()));
    }
    Ok(unsafe { b.data.add(i as usize) })
}
fn read<const N: usize>(ba: Value, i: Value) -> PResult<[u8; N]> {
    let p = uint8_range::<N>(ba, i.int())?;
    let mut out = [0u8; N];
    unsafe { std::ptr::copy_nonoverlapping(p, out.as_mut_ptr(), N) };
    Ok(out)
}
fn write<const N: usize>(ba: Value, i: Value, b: [u8; N]) -> Value {
    let r = uint8_range::<N>(ba, i.int()).map(|p| unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), p, N) });
    unit(r)
}
#[no_mangle]
pub extern "C" fn caml_ba_uint8_get16(ba: Value, i: Value) -> Value {
    super::ret(read::<2>(ba, i).map(|b| Value::of_int(u16::from_le_bytes(b) as i64)))
}
#[no_mangle]
pub extern "C" fn caml_ba_uint8_get32(ba: Value, i: Value) -> Value {
    super::ret(read::<4>(ba, i).map(|b| box_int32(i32::from_le_bytes(b))))
}
#[no_mangle]
pub extern "C" fn caml_ba_uint8_get64(ba: Value, i: Value) -> Value {
    super::ret(read::<8>(ba, i).map(|b| box_int64(i64::from_le_bytes(b))))
}
#[no_mangle]
pub extern "C" fn caml_ba_uint8_set16(ba: Value, i: Value, v: Value) -> Value {
    write(ba, i, (v.int() as u16).to_le_bytes())
}
#[no_mangle]
pub extern "C" fn caml_ba_uint8_set32(ba: Value, i: Value, v: Value) -> Value {
    write(ba, i, unbox_int32(v).to_le_bytes())
}
#[no_mangle]
pub extern "C" fn caml_ba_uint8_set64(ba: Value, i: Value, v: Value) -> Value {
    write(ba, i, unbox_int64(v).to_le_bytes())
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(3, caml_ba_create, true),
        prim!(2, caml_ba_get_generic, true),
        prim!(2, caml_ba_get_1, true),
        prim!(3, caml_ba_get_2, true),
        prim!(4, caml_ba_get_3, true),
        prim!(3, caml_ba_set_generic, true),
        prim!(3, caml_ba_set_1, true),
        prim!(4, caml_ba_set_2, true),
        prim!(5, caml_ba_set_3, true),
        prim!(1, caml_ba_num_dims, false),
        prim!(2, caml_ba_dim, true),
        prim!(1, caml_ba_dim_1, true),
        prim!(1, caml_ba_dim_2, true),
        prim!(1, caml_ba_dim_3, true),
        prim!(1, caml_ba_kind, false),
        prim!(1, caml_ba_layout, false),
        prim!(2, caml_ba_change_layout, true),
        prim!(3, caml_ba_sub, true),
        prim!(2, caml_ba_slice, true),
        prim!(2, caml_ba_blit, true),
        prim!(2, caml_ba_fill, false),
        prim!(2, caml_ba_reshape, true),
        prim!(2, caml_ba_uint8_get16, true),
        prim!(2, caml_ba_uint8_get32, true),
        prim!(2, caml_ba_uint8_get64, true),
        prim!(3, caml_ba_uint8_set16, true),
        prim!(3, caml_ba_uint8_set32, true),
        prim!(3, caml_ba_uint8_set64, true),
    ]
}
