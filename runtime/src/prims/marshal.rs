//! `Marshal` / `output_value` / `input_value` in OCaml's own format (so data written by OCaml
//! programs reads back here and the other way round): a 20-byte header (magic, data length,
//! number of shareable objects, sizes in words for 32- and 64-bit heaps), then the value in
//! prefix order with back-references to shared objects. Closures are not supported (the flag
//! `Closures` is refused with OCaml's "functional value" error).

use super::boxed_ints::{box_int32, box_int64, box_nativeint};
use super::custom::ops_of;
use super::{prim, Error, PResult, Primitive};
use crate::alloc::{atom, copy_bytes};
use crate::gc::{self, LocalRoots};
use crate::value::*;
use std::collections::HashMap;

const MAGIC_SMALL: u32 = 0x8495A6BE;
const MAGIC_BIG: u32 = 0x8495A6BF;
pub const HEADER_SIZE: usize = 20;

const PREFIX_SMALL_BLOCK: u8 = 0x80;
const PREFIX_SMALL_INT: u8 = 0x40;
const PREFIX_SMALL_STRING: u8 = 0x20;
const CODE_INT8: u8 = 0x00;
const CODE_INT16: u8 = 0x01;
const CODE_INT32: u8 = 0x02;
const CODE_INT64: u8 = 0x03;
const CODE_SHARED8: u8 = 0x04;
const CODE_SHARED16: u8 = 0x05;
const CODE_SHARED32: u8 = 0x06;
const CODE_DOUBLE_ARRAY32_LITTLE: u8 = 0x07;
const CODE_BLOCK32: u8 = 0x08;
const CODE_STRING8: u8 = 0x09;
const CODE_STRING32: u8 = 0x0A;
const CODE_DOUBLE_BIG: u8 = 0x0B;
const CODE_DOUBLE_LITTLE: u8 = 0x0C;
const CODE_DOUBLE_ARRAY8_BIG: u8 = 0x0D;
const CODE_DOUBLE_ARRAY8_LITTLE: u8 = 0x0E;
const CODE_DOUBLE_ARRAY32_BIG: u8 = 0x0F;
const CODE_CODEPOINTER: u8 = 0x10;
const CODE_INFIXPOINTER: u8 = 0x11;
const CODE_CUSTOM: u8 = 0x12;
const CODE_BLOCK64: u8 = 0x13;
const CODE_SHARED64: u8 = 0x14;
const CODE_STRING64: u8 = 0x15;
const CODE_DOUBLE_ARRAY64_BIG: u8 = 0x16;
const CODE_DOUBLE_ARRAY64_LITTLE: u8 = 0x17;
const CODE_CUSTOM_LEN: u8 = 0x18;
const CODE_CUSTOM_FIXED: u8 = 0x19;

/// `Marshal.extern_flags`, as bits.
#[derive(Clone, Copy, Default)]
pub struct Flags {
    pub no_sharing: bool,
    pub closures: bool,
    pub compat_32: bool,
}

impl Flags {
    /// From an OCaml list of `No_sharing | Closures | Compat_32`.
    pub fn of_list(mut l: Value) -> Flags {
        let mut f = Flags::default();
        while l.is_block() {
            match unsafe { l.field(0) }.int() {
                0 => f.no_sharing = true,
                1 => f.closures = true,
                _ => f.compat_32 = true,
            }
            l = unsafe { l.field(1) };
        }
        f
    }
}

fn invalid(msg: &str) -> Error {
    Error::InvalidArgument(msg.into())
}

struct Writer {
    out: Vec<u8>,
    flags: Flags,
    /// Address of each object already written -> its number.
    seen: HashMap<u64, u64>,
    count: u64,
    size_32: u64,
    size_64: u64,
}

impl Writer {
    fn byte(&mut self, b: u8) {
        self.out.push(b)
    }
    fn code_u8(&mut self, c: u8, n: u8) {
        self.out.extend([c, n])
    }
    fn code_u16(&mut self, c: u8, n: u16) {
        self.out.push(c);
        self.out.extend(n.to_be_bytes())
    }
    fn code_u32(&mut self, c: u8, n: u32) {
        self.out.push(c);
        self.out.extend(n.to_be_bytes())
    }
    fn code_u64(&mut self, c: u8, n: u64) {
        self.out.push(c);
        self.out.extend(n.to_be_bytes())
    }

    fn int(&mut self, n: i64) -> PResult<()> {
        if (0..0x40).contains(&n) {
            self.byte(PREFIX_SMALL_INT + n as u8);
        } else if (-128..128).contains(&n) {
            self.code_u8(CODE_INT8, n as u8);
        } else if (-32768..32768).contains(&n) {
            self.code_u16(CODE_INT16, n as u16);
        } else if (i32::MIN as i64..=i32::MAX as i64).contains(&n) {
            self.code_u32(CODE_INT32, n as u32);
        } else {
            if self.flags.compat_32 {
                return Err(invalid("output_value: integer cannot be read back on 32-bit platform"));
            }
            self.code_u64(CODE_INT64, n as u64);
        }
        Ok(())
    }

    /// A back-reference if `v` was written before; otherwise records it.
    fn shared(&mut self, v: Value) -> bool {
        if self.flags.no_sharing {
            return false;
        }
        if let Some(&k) = self.seen.get(&v.0) {
            let d = self.count - k;
            if d < 0x100 {
                self.code_u8(CODE_SHARED8, d as u8);
            } else if d < 0x10000 {
                self.code_u16(CODE_SHARED16, d as u16);
            } else if d < 1 << 32 {
                self.code_u32(CODE_SHARED32, d as u32);
            } else {
                self.code_u64(CODE_SHARED64, d);
            }
            return true;
        }
        self.seen.insert(v.0, self.count);
        self.count += 1;
        false
    }

    fn block_header(&mut self, tag: u8, size: usize) {
        if tag < 16 && size < 8 {
            self.byte(PREFIX_SMALL_BLOCK + tag + ((size as u8) << 4));
        } else if size < 1 << 22 {
            self.code_u32(CODE_BLOCK32, make_header(size, tag, WHITE) as u32);
        } else {
            self.code_u64(CODE_BLOCK64, make_header(size, tag, WHITE));
        }
    }

    fn custom(&mut self, v: Value) -> PResult<()> {
        let ops = unsafe { ops_of(v) };
        let id = ops.identifier();
        let data = unsafe { v.field(1).0 };
        let (bytes, sz32, sz64): (Vec<u8>, u64, u64) = match id {
            b"_j" => (data.to_be_bytes().to_vec(), 8, 8),
            b"_i" => ((data as u32).to_be_bytes().to_vec(), 4, 4),
            b"_n" => {
                let n = data as i64;
                let mut b = Vec::new();
                if n as i32 as i64 == n {
                    b.push(1);
                    b.extend((n as i32).to_be_bytes());
                } else {
                    b.push(2);
                    b.extend(n.to_be_bytes());
                }
                (b, 4, 8)
            }
            _ => return Err(invalid("output_value: abstract value (Custom)")),
        };
        self.byte(CODE_CUSTOM_FIXED);
        self.out.extend_from_slice(id);
        self.byte(0);
        self.out.extend(bytes);
        self.size_32 += 2 + ((sz32 + 3) >> 2);
        self.size_64 += 2 + ((sz64 + 7) >> 3);
        Ok(())
    }

    /// Write `v` and everything it reaches, depth first, fields in order.
    fn value(&mut self, v: Value) -> PResult<()> {
        // Pending fields: (block, next index).
        let mut stack: Vec<(Value, usize)> = Vec::new();
        let mut v = v;
        loop {
            self.one(&mut v, &mut stack)?;
            // Next field to write.
            loop {
                let Some(top) = stack.last_mut() else { return Ok(()) };
                let size = unsafe { top.0.wosize() };
                if top.1 < size {
                    v = unsafe { top.0.field(top.1) };
                    top.1 += 1;
                    break;
                }
                stack.pop();
            }
        }
    }

    fn one(&mut self, v: &mut Value, stack: &mut Vec<(Value, usize)>) -> PResult<()> {
        loop {
            let x = *v;
            if x.is_int() {
                return self.int(x.int());
            }
            let (tag, size) = unsafe { (x.tag(), x.wosize()) };
            if tag == FORWARD_TAG {
                let f = unsafe { x.field(0) };
                let keep = f.is_block() && matches!(unsafe { f.tag() }, FORWARD_TAG | LAZY_TAG | DOUBLE_TAG);
                if !keep {
                    *v = f; // short-circuit the indirection
                    continue;
                }
            }
            if size == 0 {
                self.block_header(tag, 0);
                return Ok(());
            }
            if self.shared(x) {
                return Ok(());
            }
            match tag {
                STRING_TAG => {
                    let s = unsafe { x.bytes() };
                    let len = s.len();
                    if len < 0x20 {
                        self.byte(PREFIX_SMALL_STRING + len as u8);
                    } else if len < 0x100 {
                        self.code_u8(CODE_STRING8, len as u8);
                    } else if len < 1 << 32 {
                        self.code_u32(CODE_STRING32, len as u32);
                    } else {
                        self.code_u64(CODE_STRING64, len as u64);
                    }
                    self.out.extend_from_slice(s);
                    self.size_32 += 1 + (len as u64 + 4) / 4;
                    self.size_64 += 1 + (len as u64 + 8) / 8;
                }
                DOUBLE_TAG => {
                    self.byte(CODE_DOUBLE_LITTLE);
                    self.out.extend(unsafe { x.double() }.to_le_bytes());
                    self.size_32 += 3;
                    self.size_64 += 2;
                }
                DOUBLE_ARRAY_TAG => {
                    if size < 0x100 {
                        self.code_u8(CODE_DOUBLE_ARRAY8_LITTLE, size as u8);
                    } else if size < 1 << 32 {
                        self.code_u32(CODE_DOUBLE_ARRAY32_LITTLE, size as u32);
                    } else {
                        self.code_u64(CODE_DOUBLE_ARRAY64_LITTLE, size as u64);
                    }
                    for i in 0..size {
                        self.out.extend(unsafe { x.double_field(i) }.to_le_bytes());
                    }
                    self.size_32 += 1 + 2 * size as u64;
                    self.size_64 += 1 + size as u64;
                }
                ABSTRACT_TAG => return Err(invalid("output_value: abstract value (Abstract)")),
                CLOSURE_TAG | INFIX_TAG => return Err(invalid("output_value: functional value")),
                CUSTOM_TAG => self.custom(x)?,
                _ => {
                    self.block_header(tag, size);
                    self.size_32 += 1 + size as u64;
                    self.size_64 += 1 + size as u64;
                    stack.push((x, 0));
                }
            }
            return Ok(());
        }
    }
}

/// The marshalled bytes of `v`, header included.
pub fn to_bytes(v: Value, flags: Flags) -> PResult<Vec<u8>> {
    if flags.closures {
        return Err(invalid("output_value: functional value"));
    }
    let mut w = Writer { out: Vec::new(), flags, seen: HashMap::new(), count: 0, size_32: 0, size_64: 0 };
    w.value(v)?;
    let data_len = w.out.len() as u64;
    if data_len >= 1 << 32 || w.size_64 >= 1 << 32 {
        return Err(Error::Failure("output_value: object too big".into()));
    }
    let mut out = Vec::with_capacity(HEADER_SIZE + w.out.len());
    for n in [MAGIC_SMALL, data_len as u32, w.count as u32, w.size_32 as u32, w.size_64 as u32] {
        out.extend(n.to_be_bytes());
    }
    out.extend(w.out);
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Reading.

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

fn bad() -> Error {
    Error::Failure("input_value: bad object".into())
}

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> PResult<&[u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len()).ok_or_else(bad)?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> PResult<u8> {
        Ok(self.bytes(1)?[0])
    }
    fn be<const N: usize>(&mut self) -> PResult<[u8; N]> {
        let mut b = [0u8; N];
        b.copy_from_slice(self.bytes(N)?);
        Ok(b)
    }
    fn u16(&mut self) -> PResult<u64> {
        Ok(u16::from_be_bytes(self.be()?) as u64)
    }
    fn u32(&mut self) -> PResult<u64> {
        Ok(u32::from_be_bytes(self.be()?) as u64)
    }
    fn u64(&mut self) -> PResult<u64> {
        Ok(u64::from_be_bytes(self.be()?))
    }
}

/// What one code of the input produced.
enum Item {
    Imm(Value),
    /// A new object (rooted at this index) whose fields follow when `fields > 0`.
    Obj(usize, usize),
    Shared(u64),
}

/// Rebuild the value from marshalled data (without the header). Every object is rooted while
/// the rest is read, since reading allocates.
pub fn intern(data: &[u8], num_objects: u64) -> PResult<Value> {
    let mut r = LocalRoots::new();
    let result = r.add(UNIT);
    let mut objects: Vec<usize> = Vec::with_capacity(num_objects.min(1 << 20) as usize);
    // Blocks being filled: (root index, next field, size).
    let mut stack: Vec<(usize, usize, usize)> = Vec::new();
    let mut rd = Reader { data, pos: 0 };
    loop {
        let item = read_item(&mut rd, &mut r)?;
        let (v, fill) = match item {
            Item::Imm(v) => (v, None),
            Item::Shared(d) => {
                let k = (objects.len() as u64).checked_sub(d).ok_or_else(bad)?;
                (r.get(*objects.get(k as usize).ok_or_else(bad)?), None)
            }
            Item::Obj(k, fields) => {
                objects.push(k);
                (r.get(k), (fields > 0).then_some((k, fields)))
            }
        };
        match stack.last_mut() {
            None => r.set(result, v),
            Some(top) => {
                let parent = r.get(top.0);
                unsafe { parent.set_field(top.1, v) };
                top.1 += 1;
            }
        }
        if let Some((k, n)) = fill {
            stack.push((k, 0, n));
        }
        while let Some(&(k, next, size)) = stack.last() {
            if next < size {
                break;
            }
            stack.pop();
            let b = r.get(k);
            // Objects get a fresh identity, as OCaml gives them when reading.
            if unsafe { b.tag() } == OBJECT_TAG && unsafe { b.field(1) }.int() >= 0 {
                super::obj::caml_set_oo_id(b);
            }
        }
        if stack.is_empty() {
            return Ok(r.get(result));
        }
    }
}

fn new_block(r: &mut LocalRoots, tag: u8, size: usize, remaining: usize) -> PResult<Item> {
    if size == 0 {
        return Ok(Item::Imm(atom(tag)));
    }
    // Every field takes at least one byte of input: this bounds what malformed data can allocate.
    if size > MAX_WOSIZE || size > remaining {
        return Err(bad());
    }
    let b = gc::alloc(size, tag);
    Ok(Item::Obj(r.add(b), size))
}

fn new_leaf(r: &mut LocalRoots, v: Value) -> Item {
    Item::Obj(r.add(v), 0)
}

fn read_string(rd: &mut Reader, r: &mut LocalRoots, len: u64) -> PResult<Item> {
    let s = rd.bytes(usize::try_from(len).map_err(|_| bad())?)?;
    let v = copy_bytes(s);
    Ok(new_leaf(r, v))
}

fn read_double_array(rd: &mut Reader, r: &mut LocalRoots, n: u64, little: bool) -> PResult<Item> {
    let n = usize::try_from(n).map_err(|_| bad())?;
    if n == 0 {
        return Ok(Item::Imm(atom(0)));
    }
    let raw = rd.bytes(n.checked_mul(8).ok_or_else(bad)?)?.to_vec();
    let a = gc::alloc(n, DOUBLE_ARRAY_TAG);
    for (i, c) in raw.chunks_exact(8).enumerate() {
        let b: [u8; 8] = c.try_into().map_err(|_| bad())?;
        let f = if little { f64::from_le_bytes(b) } else { f64::from_be_bytes(b) };
        unsafe { a.set_double_field(i, f) };
    }
    Ok(new_leaf(r, a))
}

fn read_custom(rd: &mut Reader, r: &mut LocalRoots, code: u8) -> PResult<Item> {
    let start = rd.pos;
    let nul = rd.data[start..].iter().position(|&c| c == 0).ok_or_else(bad)?;
    let id = rd.bytes(nul + 1)?[..nul].to_vec();
    if code == CODE_CUSTOM_LEN {
        rd.bytes(12)?; // sizes of the data for 32- and 64-bit
    }
    let v = match &id[..] {
        b"_j" => box_int64(rd.u64()? as i64),
        b"_i" => box_int32(rd.u32()? as u32 as i32),
        b"_n" => match rd.u8()? {
            1 => box_nativeint(rd.u32()? as u32 as i32 as i64),
            2 => box_nativeint(rd.u64()? as i64),
            _ => return Err(Error::Failure("input_value: ill-formed native integer".into())),
        },
        _ => return Err(Error::Failure("input_value: unknown custom block identifier".into())),
    };
    Ok(new_leaf(r, v))
}

fn read_item(rd: &mut Reader, r: &mut LocalRoots) -> PResult<Item> {
    let code = rd.u8()?;
    if code >= PREFIX_SMALL_BLOCK {
        let remaining = rd.data.len() - rd.pos;
        return new_block(r, code & 0xF, ((code >> 4) & 0x7) as usize, remaining);
    }
    if code >= PREFIX_SMALL_INT {
        return Ok(Item::Imm(Value::of_int((code & 0x3F) as i64)));
    }
    if code >= PREFIX_SMALL_STRING {
        return read_string(rd, r, (code & 0x1F) as u64);
    }
    Ok(match code {
        CODE_INT8 => Item::Imm(Value::of_int(rd.u8()? as i8 as i64)),
        CODE_INT16 => Item::Imm(Value::of_int(rd.u16()? as u16 as i16 as i64)),
        CODE_INT32 => Item::Imm(Value::of_int(rd.u32()? as u32 as i32 as i64)),
        CODE_INT64 => Item::Imm(Value::of_int(rd.u64()? as i64)),
        CODE_SHARED8 => Item::Shared(rd.u8()? as u64),
        CODE_SHARED16 => Item::Shared(rd.u16()?),
        CODE_SHARED32 => Item::Shared(rd.u32()?),
        CODE_SHARED64 => Item::Shared(rd.u64()?),
        CODE_BLOCK32 => {
            let h = rd.u32()?;
            return new_block(r, header_tag(h), header_wosize(h), rd.data.len() - rd.pos);
        }
        CODE_BLOCK64 => {
            let h = rd.u64()?;
            return new_block(r, header_tag(h), header_wosize(h), rd.data.len() - rd.pos);
        }
        CODE_STRING8 => {
            let n = rd.u8()? as u64;
            return read_string(rd, r, n);
        }
        CODE_STRING32 => {
            let n = rd.u32()?;
            return read_string(rd, r, n);
        }
        CODE_STRING64 => {
            let n = rd.u64()?;
            return read_string(rd, r, n);
        }
        CODE_DOUBLE_LITTLE | CODE_DOUBLE_BIG => {
            let b: [u8; 8] = rd.be()?;
            let f = if code == CODE_DOUBLE_LITTLE { f64::from_le_bytes(b) } else { f64::from_be_bytes(b) };
            let v = crate::alloc::copy_double(f);
            new_leaf(r, v)
        }
        CODE_DOUBLE_ARRAY8_LITTLE | CODE_DOUBLE_ARRAY8_BIG => {
            let n = rd.u8()? as u64;
            return read_double_array(rd, r, n, code == CODE_DOUBLE_ARRAY8_LITTLE);
        }
        CODE_DOUBLE_ARRAY32_LITTLE | CODE_DOUBLE_ARRAY32_BIG => {
            let n = rd.u32()?;
            return read_double_array(rd, r, n, code == CODE_DOUBLE_ARRAY32_LITTLE);
        }
        CODE_DOUBLE_ARRAY64_LITTLE | CODE_DOUBLE_ARRAY64_BIG => {
            let n = rd.u64()?;
            return read_double_array(rd, r, n, code == CODE_DOUBLE_ARRAY64_LITTLE);
        }
        CODE_CUSTOM | CODE_CUSTOM_LEN | CODE_CUSTOM_FIXED => return read_custom(rd, r, code),
        CODE_CODEPOINTER | CODE_INFIXPOINTER => {
            return Err(Error::Failure("input_value: functional value".into()))
        }
        _ => return Err(bad()),
    })
}

/// Header fields: (header length, data length, number of objects).
pub fn parse_header(h: &[u8], who: &str) -> PResult<(usize, u64, u64)> {
    let bad = || Error::Failure(format!("{who}: bad object"));
    let word = |i: usize| -> PResult<u64> {
        let b = h.get(i..i + 4).ok_or_else(bad)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as u64)
    };
    let dword = |i: usize| -> PResult<u64> {
        let b = h.get(i..i + 8).ok_or_else(bad)?;
        Ok(u64::from_be_bytes(b.try_into().map_err(|_| bad())?))
    };
    match word(0)? as u32 {
        MAGIC_SMALL => Ok((HEADER_SIZE, word(4)?, word(8)?)),
        MAGIC_BIG => Ok((32, dword(8)?, dword(16)?)),
        _ => Err(bad()),
    }
}

/// Read a value from `b` starting at `ofs` (header included).
pub fn from_bytes(b: &[u8], ofs: usize, who: &str) -> PResult<Value> {
    let rest = b.get(ofs..).ok_or_else(|| Error::Failure(format!("{who}: bad object")))?;
    let (hlen, len, nobj) = parse_header(rest, who)?;
    let end = (hlen as u64).checked_add(len).filter(|&e| e <= rest.len() as u64);
    let end = end.ok_or_else(|| Error::Failure(format!("{who}: bad length")))? as usize;
    intern(&rest[hlen..end], nobj)
}

fn bytes_value(b: &[u8]) -> Value {
    copy_bytes(b)
}

#[no_mangle]
pub extern "C" fn caml_output_value_to_bytes(v: Value, flags: Value) -> Value {
    let r = to_bytes(v, Flags::of_list(flags));
    super::ret(r.map(|b| bytes_value(&b)))
}
#[no_mangle]
pub extern "C" fn caml_output_value_to_string(v: Value, flags: Value) -> Value {
    caml_output_value_to_bytes(v, flags)
}

#[no_mangle]
pub extern "C" fn caml_output_value_to_buffer(buf: Value, ofs: Value, len: Value, v: Value, flags: Value) -> Value {
    let r = to_bytes(v, Flags::of_list(flags)).and_then(|b| {
        let (o, l) = (ofs.int().max(0) as usize, len.int().max(0) as usize);
        if b.len() > l {
            return Err(Error::Failure("Marshal.to_buffer: buffer overflow".into()));
        }
        let dst = unsafe { buf.bytes_mut() };
        dst.get_mut(o..o + b.len()).ok_or_else(|| invalid("Marshal.to_buffer"))?.copy_from_slice(&b);
        Ok(Value::of_int(b.len() as i64))
    });
    super::ret(r)
}

#[no_mangle]
pub extern "C" fn caml_output_value(ch: Value, v: Value, flags: Value) -> Value {
    let r = to_bytes(v, Flags::of_list(flags)).and_then(|b| super::channels::channel(ch).write(&b));
    super::ret(r.map(|()| UNIT))
}

/// `input_value`: End_of_file at a clean end, Failure on a short or malformed object.
pub fn input_value(ch: &mut crate::io::Channel) -> PResult<Value> {
    let mut header = [0u8; HEADER_SIZE];
    let first = ch.read(&mut header)?;
    if first == 0 {
        return Err(Error::EndOfFile);
    }
    ch.really_read(&mut header[first..])
        .map_err(|_| Error::Failure("input_value: truncated object".into()))?;
    let (hlen, len, nobj) = parse_header(&header, "input_value")?;
    let mut rest = vec![0u8; hlen - HEADER_SIZE];
    ch.really_read(&mut rest).map_err(|_| Error::Failure("input_value: truncated object".into()))?;
    let mut data = vec![0u8; usize::try_from(len).map_err(|_| bad())?];
    ch.really_read(&mut data).map_err(|_| Error::Failure("input_value: truncated object".into()))?;
    intern(&data, nobj)
}

#[no_mangle]
pub extern "C" fn caml_input_value(ch: Value) -> Value {
    super::ret(input_value(super::channels::channel(ch)))
}

#[no_mangle]
pub extern "C" fn caml_input_value_from_bytes(b: Value, ofs: Value) -> Value {
    let data = unsafe { b.bytes() }.to_vec();
    let r = from_bytes(&data, ofs.int().max(0) as usize, "input_value_from_string");
    drop(data);
    super::ret(r)
}
#[no_mangle]
pub extern "C" fn caml_input_value_from_string(b: Value, ofs: Value) -> Value {
    caml_input_value_from_bytes(b, ofs)
}

/// Length of the data after the header, plus any header bytes beyond the first 20.
#[no_mangle]
pub extern "C" fn caml_marshal_data_size(b: Value, ofs: Value) -> Value {
    let s = unsafe { b.bytes() };
    let r = s
        .get(ofs.int().max(0) as usize..)
        .ok_or_else(|| Error::Failure("Marshal.data_size: bad object".into()))
        .and_then(|h| parse_header(h, "Marshal.data_size"))
        .map(|(hlen, len, _)| Value::of_int((hlen - HEADER_SIZE) as i64 + len as i64));
    super::ret(r)
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(2, caml_output_value_to_bytes, true),
        prim!(2, caml_output_value_to_string, true),
        prim!(5, caml_output_value_to_buffer, true),
        prim!(3, caml_output_value, true),
        prim!(1, caml_input_value, true),
        prim!(2, caml_input_value_from_bytes, true),
        prim!(2, caml_input_value_from_string, true),
        prim!(2, caml_marshal_data_size, true),
    ]
}
