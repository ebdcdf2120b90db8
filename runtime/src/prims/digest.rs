//! `Digest`: MD5 of strings and of channel contents.

use super::channels::channel;
use super::{prim, Error, PResult, Primitive};
use crate::alloc::copy_bytes;
use crate::value::Value;
use md5::{Digest, Md5};

pub fn md5_string(s: &[u8], ofs: i64, len: i64) -> PResult<[u8; 16]> {
    let part = usize::try_from(ofs)
        .ok()
        .zip(usize::try_from(len).ok())
        .and_then(|(o, l)| s.get(o..o.checked_add(l)?))
        .ok_or_else(|| Error::InvalidArgument("Digest.substring".into()))?;
    Ok(Md5::digest(part).into())
}

#[no_mangle]
pub extern "C" fn caml_md5_string(s: Value, ofs: Value, len: Value) -> Value {
    let r = md5_string(unsafe { s.bytes() }, ofs.int(), len.int());
    super::ret(r.map(|d| copy_bytes(&d)))
}

/// MD5 of the next `len` bytes of a channel (End_of_file if fewer), or of all that is left when
/// `len` is negative.
pub fn md5_chan(ch: &mut crate::io::Channel, len: i64) -> PResult<[u8; 16]> {
    let mut h = Md5::new();
    let mut buf = vec![0u8; 4096];
    let mut left = len;
    loop {
        let want = if len < 0 { buf.len() } else { (left as usize).min(buf.len()) };
        if want == 0 {
            break;
        }
        let n = ch.read(&mut buf[..want])?;
        if n == 0 {
            if len < 0 {
                break;
            }
            return Err(Error::EndOfFile);
        }
        h.update(&buf[..n]);
        left -= n as i64;
    }
    Ok(h.finalize().into())
}

#[no_mangle]
pub extern "C" fn caml_md5_chan(ch: Value, len: Value) -> Value {
    let r = md5_chan(channel(ch), len.int());
    super::ret(r.map(|d| copy_bytes(&d)))
}

pub fn prims() -> Vec<Primitive> {
    vec![prim!(3, caml_md5_string, true), prim!(2, caml_md5_chan, true)]
}
