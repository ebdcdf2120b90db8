//! Buffered channels, as OCaml's runtime keeps them: a file descriptor, a 64 KiB buffer, and the
//! file offset the buffer corresponds to. OCaml code sees a channel as a custom block (see
//! `prims::channels`); this module is the Rust side, also used by the toplevel to flush.
//!
//! Output: bytes `buf[..curr]` are pending, `offset` is the file position of `buf[0]`.
//! Input: bytes `buf[curr..max]` are unread, `offset` is the file position of `buf[max]`.
//! A closed channel has fd -1 and `curr = max = BUF_SIZE`, so the next write or read reaches the
//! descriptor and fails with EBADF as in OCaml.

use crate::prims::{errno_message, Error, PResult};
use std::sync::Mutex;

pub const BUF_SIZE: usize = 65536;

pub struct Channel {
    pub fd: i32,
    pub offset: i64,
    buf: Vec<u8>,
    curr: usize,
    max: usize,
    pub is_out: bool,
    pub name: Option<String>,
}

/// Every channel ever opened (closed ones included), for `out_channels_list` and `flush_all`.
/// Channels are never freed: their custom blocks have no finaliser yet.
static ALL: Mutex<Vec<usize>> = Mutex::new(Vec::new());

fn all() -> Vec<*mut Channel> {
    let l = ALL.lock().unwrap_or_else(|e| e.into_inner());
    l.iter().map(|&p| p as *mut Channel).collect()
}

fn io_error(code: i32) -> Error {
    Error::SysError(errno_message(code))
}

fn errno() -> i32 {
    crate::prims::last_errno()
}

/// Open a channel on a descriptor; it lives for the rest of the process.
pub fn open_descriptor(fd: i32, is_out: bool) -> *mut Channel {
    // The file position, when the descriptor has one, so pos_in/pos_out are right.
    let pos = unsafe { libc::lseek(fd, 0, libc::SEEK_CUR) };
    let ch = Box::new(Channel {
        fd,
        offset: if pos < 0 { 0 } else { pos },
        buf: vec![0; BUF_SIZE],
        curr: 0,
        max: if is_out { BUF_SIZE } else { 0 },
        is_out,
        name: None,
    });
    let p = Box::into_raw(ch);
    ALL.lock().unwrap_or_else(|e| e.into_inner()).push(p as usize);
    p
}

impl Channel {
    fn write_fd(&self, data: &[u8]) -> PResult<usize> {
        loop {
            let n = unsafe { libc::write(self.fd, data.as_ptr() as *const libc::c_void, data.len()) };
            if n >= 0 {
                return Ok(n as usize);
            }
            let e = errno();
            if e != libc::EINTR {
                return Err(io_error(e));
            }
        }
    }

    fn read_fd(&mut self, start: usize) -> PResult<usize> {
        loop {
            let room = &mut self.buf[start..];
            let n = unsafe { libc::read(self.fd, room.as_mut_ptr() as *mut libc::c_void, room.len()) };
            if n >= 0 {
                return Ok(n as usize);
            }
            let e = errno();
            if e != libc::EINTR {
                return Err(io_error(e));
            }
        }
    }

    fn is_closed(&self) -> bool {
        self.fd == -1
    }

    /// Write out part of the buffer; true when it is empty afterwards.
    pub fn flush_partial(&mut self) -> PResult<bool> {
        if self.is_closed() {
            return Ok(true);
        }
        if self.curr > 0 {
            let n = self.write_fd(&self.buf[..self.curr])?;
            self.offset += n as i64;
            self.buf.copy_within(n..self.curr, 0);
            self.curr -= n;
        }
        Ok(self.curr == 0)
    }

    pub fn flush(&mut self) -> PResult<()> {
        while !self.flush_partial()? {}
        Ok(())
    }

    /// Buffer `data`, writing the buffer out whenever it fills.
    pub fn write(&mut self, mut data: &[u8]) -> PResult<()> {
        while !data.is_empty() {
            if self.curr >= self.max {
                if self.is_closed() {
                    return Err(io_error(libc::EBADF));
                }
                self.flush_partial()?;
                continue;
            }
            let k = data.len().min(self.max - self.curr);
            self.buf[self.curr..self.curr + k].copy_from_slice(&data[..k]);
            self.curr += k;
            data = &data[k..];
        }
        Ok(())
    }

    /// Refill an empty input buffer; the number of bytes now available (0 at end of file).
    fn refill(&mut self) -> PResult<usize> {
        if self.is_closed() {
            return Err(io_error(libc::EBADF));
        }
        let n = self.read_fd(0)?;
        self.offset += n as i64;
        self.curr = 0;
        self.max = n;
        Ok(n)
    }

    /// Read up to `dst.len()` bytes: what the buffer holds, or else one read's worth.
    pub fn read(&mut self, dst: &mut [u8]) -> PResult<usize> {
        let mut avail = self.max - self.curr;
        if avail == 0 {
            avail = self.refill()?;
        }
        let k = dst.len().min(avail);
        dst[..k].copy_from_slice(&self.buf[self.curr..self.curr + k]);
        self.curr += k;
        Ok(k)
    }

    pub fn read_byte(&mut self) -> PResult<Option<u8>> {
        if self.curr >= self.max && self.refill()? == 0 {
            return Ok(None);
        }
        let c = self.buf[self.curr];
        self.curr += 1;
        Ok(Some(c))
    }

    /// Read exactly `dst.len()` bytes, or fail with End_of_file.
    pub fn really_read(&mut self, dst: &mut [u8]) -> PResult<()> {
        let mut done = 0;
        while done < dst.len() {
            let n = self.read(&mut dst[done..])?;
            if n == 0 {
                return Err(Error::EndOfFile);
            }
            done += n;
        }
        Ok(())
    }

    /// Look for a newline: its distance + 1 from the read position when found; otherwise minus
    /// the number of bytes available (when the buffer is full or at end of file), 0 if none.
    pub fn scan_line(&mut self) -> PResult<i64> {
        loop {
            if let Some(i) = self.buf[self.curr..self.max].iter().position(|&c| c == b'\n') {
                return Ok(i as i64 + 1);
            }
            if self.curr == 0 && self.max == BUF_SIZE {
                return Ok(-(BUF_SIZE as i64));
            }
            // Make room at the end of the buffer and read more.
            if self.curr > 0 {
                self.buf.copy_within(self.curr..self.max, 0);
                self.max -= self.curr;
                self.curr = 0;
            }
            if self.is_closed() {
                return Err(io_error(libc::EBADF));
            }
            let n = self.read_fd(self.max)?;
            self.offset += n as i64;
            if n == 0 {
                return Ok(-((self.max - self.curr) as i64));
            }
            self.max += n;
        }
    }

    /// Take `n` bytes from the buffer (after `scan_line` said they are there).
    pub fn take_buffered(&mut self, n: usize) -> &[u8] {
        let n = n.min(self.max - self.curr);
        let s = &self.buf[self.curr..self.curr + n];
        self.curr += n;
        s
    }

    pub fn pos_in(&self) -> i64 {
        self.offset - (self.max - self.curr) as i64
    }

    pub fn pos_out(&self) -> i64 {
        self.offset + self.curr as i64
    }

    pub fn seek_in(&mut self, dest: i64) -> PResult<()> {
        let buffered_start = self.offset - self.max as i64;
        if dest >= buffered_start && dest <= self.offset && !self.is_closed() {
            self.curr = (dest - buffered_start) as usize;
            return Ok(());
        }
        let r = unsafe { libc::lseek(self.fd, dest, libc::SEEK_SET) };
        // As OCaml: an error is when lseek does not answer `dest` (so -1 to -1 passes).
        if r != dest {
            return Err(io_error(errno()));
        }
        self.offset = dest;
        self.curr = 0;
        self.max = 0;
        Ok(())
    }

    pub fn seek_out(&mut self, dest: i64) -> PResult<()> {
        self.flush()?;
        let r = unsafe { libc::lseek(self.fd, dest, libc::SEEK_SET) };
        if r != dest {
            return Err(io_error(errno()));
        }
        self.offset = dest;
        Ok(())
    }

    /// Size of the underlying file, leaving the descriptor's position where it was.
    pub fn size(&mut self) -> PResult<i64> {
        let here = self.offset;
        let end = unsafe { libc::lseek(self.fd, 0, libc::SEEK_END) };
        if end == -1 {
            return Err(io_error(errno()));
        }
        if unsafe { libc::lseek(self.fd, here, libc::SEEK_SET) } != here {
            return Err(io_error(errno()));
        }
        Ok(end)
    }

    pub fn close(&mut self) -> PResult<()> {
        let fd = self.fd;
        self.fd = -1;
        self.curr = BUF_SIZE;
        self.max = BUF_SIZE;
        if fd != -1 && unsafe { libc::close(fd) } == -1 {
            return Err(io_error(errno()));
        }
        Ok(())
    }

    /// Output channels still open (closed ones have `max` back at the buffer size too, so
    /// this looks at the descriptor).
    pub fn is_open_out(&self) -> bool {
        self.is_out && !self.is_closed()
    }
}

/// Every open output channel.
pub fn out_channels() -> Vec<*mut Channel> {
    all().into_iter().filter(|&c| unsafe { (*c).is_open_out() }).collect()
}

/// Flush every open output channel, ignoring errors (at exit, and before a fatal error).
pub fn flush_all() {
    for c in out_channels() {
        let _ = unsafe { (*c).flush() };
    }
}

/// Flush the channels on stdout and stderr, so output of OCaml code and the toplevel's own
/// printing appear in order.
pub fn flush_std() {
    flush_fds(&[1, 2]);
}

/// Flush the channels on stderr: the toplevel's messages are written after what OCaml code
/// left in stderr's buffer, as when OCaml prints them through that channel.
pub fn flush_stderr() {
    flush_fds(&[2]);
}

fn flush_fds(fds: &[i32]) {
    for c in out_channels() {
        unsafe {
            if fds.contains(&(*c).fd) {
                let _ = (*c).flush();
            }
        }
    }
}
