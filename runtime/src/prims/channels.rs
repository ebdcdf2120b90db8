//! Channel primitives (`caml_ml_*`): channels are custom blocks ("_chan") whose data word points
//! to an `io::Channel`.

use super::custom::{alloc_custom, ops_of, CustomOperations};
use super::{prim, Error, PResult, Primitive};
use crate::alloc::{alloc_string, list_of};
use crate::io::{self, Channel};
use crate::value::*;

extern "C" fn channel_compare(a: Value, b: Value) -> i32 {
    let (x, y) = (channel_ptr(a) as usize, channel_ptr(b) as usize);
    (x > y) as i32 - (x < y) as i32
}
extern "C" fn channel_hash(v: Value) -> isize {
    channel_ptr(v) as isize
}

#[no_mangle]
pub static caml_channel_ops: CustomOperations = CustomOperations {
    identifier: b"_chan\0".as_ptr(),
    finalize: None,
    compare: Some(channel_compare),
    hash: Some(channel_hash),
    serialize: 0,
    deserialize: 0,
    compare_ext: None,
    fixed_length: 0,
};

fn channel_ptr(v: Value) -> *mut Channel {
    unsafe { v.field(1).0 as *mut Channel }
}

/// The channel inside a channel value.
pub fn channel<'a>(v: Value) -> &'a mut Channel {
    unsafe { &mut *channel_ptr(v) }
}

pub fn alloc_channel(ch: *mut Channel) -> Value {
    let v = alloc_custom(&caml_channel_ops, 1);
    unsafe { v.init_field(1, Value(ch as u64)) };
    v
}

pub fn is_channel(v: Value) -> bool {
    unsafe { v.is_block() && v.tag() == CUSTOM_TAG && std::ptr::eq(ops_of(v), &caml_channel_ops) }
}

#[no_mangle]
pub extern "C" fn caml_ml_open_descriptor_in(fd: Value) -> Value {
    alloc_channel(io::open_descriptor(fd.int() as i32, false))
}
#[no_mangle]
pub extern "C" fn caml_ml_open_descriptor_out(fd: Value) -> Value {
    alloc_channel(io::open_descriptor(fd.int() as i32, true))
}

#[no_mangle]
pub extern "C" fn caml_ml_out_channels_list(_unit: Value) -> Value {
    let chans = io::out_channels();
    let mut r = crate::gc::LocalRoots::new();
    let idx: Vec<usize> = chans.into_iter().map(|c| r.add(alloc_channel(c))).collect();
    let vals: Vec<Value> = idx.iter().map(|&i| r.get(i)).collect();
    list_of(&vals)
}

#[no_mangle]
pub extern "C" fn caml_channel_descriptor(ch: Value) -> Value {
    let fd = channel(ch).fd;
    if fd == -1 {
        super::raise_error(Error::SysError(super::errno_message(libc::EBADF)));
    }
    Value::of_int(fd as i64)
}

fn unit(r: PResult<()>) -> Value {
    super::ret(r.map(|()| UNIT))
}

#[no_mangle]
pub extern "C" fn caml_ml_flush(ch: Value) -> Value {
    unit(channel(ch).flush())
}
#[no_mangle]
pub extern "C" fn caml_ml_flush_partial(ch: Value) -> Value {
    super::ret(channel(ch).flush_partial().map(Value::of_bool))
}

pub fn output_part(ch: Value, s: Value, ofs: i64, len: i64) -> PResult<()> {
    let bytes = unsafe { s.bytes() };
    let (o, l) = (ofs.max(0) as usize, len.max(0) as usize);
    let part = bytes.get(o..o.saturating_add(l)).ok_or(Error::InvalidArgument("output".into()))?;
    channel(ch).write(part)
}

#[no_mangle]
pub extern "C" fn caml_ml_output(ch: Value, s: Value, ofs: Value, len: Value) -> Value {
    unit(output_part(ch, s, ofs.int(), len.int()))
}
#[no_mangle]
pub extern "C" fn caml_ml_output_bytes(ch: Value, s: Value, ofs: Value, len: Value) -> Value {
    unit(output_part(ch, s, ofs.int(), len.int()))
}
#[no_mangle]
pub extern "C" fn caml_ml_output_char(ch: Value, c: Value) -> Value {
    unit(channel(ch).write(&[c.int() as u8]))
}
/// 32 bits, big-endian.
#[no_mangle]
pub extern "C" fn caml_ml_output_int(ch: Value, n: Value) -> Value {
    unit(channel(ch).write(&(n.int() as u32).to_be_bytes()))
}

pub fn input_part(ch: Value, buf: Value, ofs: i64, len: i64) -> PResult<i64> {
    let bytes = unsafe { buf.bytes_mut() };
    let (o, l) = (ofs.max(0) as usize, len.max(0) as usize);
    let part = bytes.get_mut(o..o.saturating_add(l)).ok_or(Error::InvalidArgument("input".into()))?;
    Ok(channel(ch).read(part)? as i64)
}

#[no_mangle]
pub extern "C" fn caml_ml_input(ch: Value, buf: Value, ofs: Value, len: Value) -> Value {
    super::ret(input_part(ch, buf, ofs.int(), len.int()).map(Value::of_int))
}
#[no_mangle]
pub extern "C" fn caml_ml_input_char(ch: Value) -> Value {
    let r = channel(ch).read_byte().and_then(|c| c.ok_or(Error::EndOfFile));
    super::ret(r.map(|c| Value::of_int(c as i64)))
}
#[no_mangle]
pub extern "C" fn caml_ml_input_int(ch: Value) -> Value {
    let mut b = [0u8; 4];
    let r = channel(ch).really_read(&mut b);
    super::ret(r.map(|()| Value::of_int(i32::from_be_bytes(b) as i64)))
}
#[no_mangle]
pub extern "C" fn caml_ml_input_scan_line(ch: Value) -> Value {
    super::ret(channel(ch).scan_line().map(Value::of_int))
}

/// Read a line without its newline, or None at end of file (for the runtime's own use).
pub fn input_line(ch: &mut Channel) -> PResult<Option<Vec<u8>>> {
    let mut line = Vec::new();
    loop {
        let n = ch.scan_line()?;
        if n == 0 {
            return Ok(if line.is_empty() { None } else { Some(line) });
        }
        if n > 0 {
            let s = ch.take_buffered(n as usize);
            line.extend_from_slice(&s[..s.len() - 1]);
            return Ok(Some(line));
        }
        line.extend_from_slice(ch.take_buffered((-n) as usize));
    }
}

#[no_mangle]
pub extern "C" fn caml_ml_close_channel(ch: Value) -> Value {
    unit(channel(ch).close())
}
#[no_mangle]
pub extern "C" fn caml_ml_set_binary_mode(_ch: Value, _b: Value) -> Value {
    UNIT
}
#[no_mangle]
pub extern "C" fn caml_ml_set_channel_name(ch: Value, name: Value) -> Value {
    channel(ch).name = Some(unsafe { name.to_rust_string() });
    UNIT
}

fn int64_result(r: PResult<i64>) -> Value {
    super::ret(r.map(super::boxed_ints::box_int64))
}

#[no_mangle]
pub extern "C" fn caml_ml_pos_in(ch: Value) -> Value {
    Value::of_int(channel(ch).pos_in())
}
#[no_mangle]
pub extern "C" fn caml_ml_pos_out(ch: Value) -> Value {
    Value::of_int(channel(ch).pos_out())
}
#[no_mangle]
pub extern "C" fn caml_ml_pos_in_64(ch: Value) -> Value {
    int64_result(Ok(channel(ch).pos_in()))
}
#[no_mangle]
pub extern "C" fn caml_ml_pos_out_64(ch: Value) -> Value {
    int64_result(Ok(channel(ch).pos_out()))
}
#[no_mangle]
pub extern "C" fn caml_ml_seek_in(ch: Value, pos: Value) -> Value {
    unit(channel(ch).seek_in(pos.int()))
}
#[no_mangle]
pub extern "C" fn caml_ml_seek_out(ch: Value, pos: Value) -> Value {
    unit(channel(ch).seek_out(pos.int()))
}
#[no_mangle]
pub extern "C" fn caml_ml_seek_in_64(ch: Value, pos: Value) -> Value {
    unit(channel(ch).seek_in(super::boxed_ints::unbox_int64(pos)))
}
#[no_mangle]
pub extern "C" fn caml_ml_seek_out_64(ch: Value, pos: Value) -> Value {
    unit(channel(ch).seek_out(super::boxed_ints::unbox_int64(pos)))
}
#[no_mangle]
pub extern "C" fn caml_ml_channel_size(ch: Value) -> Value {
    super::ret(channel(ch).size().map(Value::of_int))
}
#[no_mangle]
pub extern "C" fn caml_ml_channel_size_64(ch: Value) -> Value {
    int64_result(channel(ch).size())
}

/// A fresh string holding `b` (for primitives returning data read from a channel).
pub fn bytes_value(b: &[u8]) -> Value {
    let v = alloc_string(b.len());
    unsafe { v.bytes_mut().copy_from_slice(b) };
    v
}

pub fn prims() -> Vec<Primitive> {
    vec![
        prim!(1, caml_ml_open_descriptor_in, true),
        prim!(1, caml_ml_open_descriptor_out, true),
        prim!(1, caml_ml_out_channels_list, true),
        prim!(1, caml_channel_descriptor, true),
        prim!(1, caml_ml_flush, true),
        prim!(1, caml_ml_flush_partial, true),
        prim!(4, caml_ml_output, true),
        prim!(4, caml_ml_output_bytes, true),
        prim!(2, caml_ml_output_char, true),
        prim!(2, caml_ml_output_int, true),
        prim!(4, caml_ml_input, true),
        prim!(1, caml_ml_input_char, true),
        prim!(1, caml_ml_input_int, true),
        prim!(1, caml_ml_input_scan_line, true),
        prim!(1, caml_ml_close_channel, true),
        prim!(2, caml_ml_set_binary_mode, false),
        prim!(2, caml_ml_set_channel_name, false),
        prim!(1, caml_ml_pos_in, false),
        prim!(1, caml_ml_pos_out, false),
        prim!(1, caml_ml_pos_in_64, true),
        prim!(1, caml_ml_pos_out_64, true),
        prim!(2, caml_ml_seek_in, true),
        prim!(2, caml_ml_seek_out, true),
        prim!(2, caml_ml_seek_in_64, true),
        prim!(2, caml_ml_seek_out_64, true),
        prim!(1, caml_ml_channel_size, true),
        prim!(1, caml_ml_channel_size_64, true),
    ]
}
