//! What OCaml code prints goes to descriptors 1 and 2 (through the runtime's channels). The
//! kernel points both at pipes for its whole life; a reader thread turns what arrives into
//! `stream` messages while a cell runs, and [`Capture::sync`] publishes the rest at the end
//! of each phrase, so the streams come before the toplevel's answer to it.

use super::output::CellOutput;
use std::os::fd::RawFd;
use std::sync::{Arc, Mutex};

/// One captured descriptor: the read end of its pipe and the bytes of an unfinished UTF-8
/// sequence at the end of the last read.
struct Stream {
    name: &'static str,
    read_fd: RawFd,
    partial: Vec<u8>,
}

pub struct Capture {
    streams: Mutex<Vec<Stream>>,
    output: Arc<Mutex<CellOutput>>,
}

fn os_error(what: &str) -> String {
    format!("{}: {}", what, std::io::Error::last_os_error())
}

/// A pipe whose write end replaces `fd`; returns the read end (non-blocking).
fn redirect(fd: RawFd) -> Result<RawFd, String> {
    let mut ends = [0; 2];
    unsafe {
        if libc::pipe2(ends.as_mut_ptr(), libc::O_CLOEXEC) != 0 {
            return Err(os_error("pipe"));
        }
        if libc::dup2(ends[1], fd) < 0 {
            return Err(os_error("dup2"));
        }
        libc::close(ends[1]);
        let flags = libc::fcntl(ends[0], libc::F_GETFL);
        libc::fcntl(ends[0], libc::F_SETFL, flags | libc::O_NONBLOCK);
    }
    Ok(ends[0])
}

impl Capture {
    /// Redirects stdout and stderr, returning a descriptor of the original stderr (for the
    /// log), and starts the reader thread. Standard input becomes `/dev/null`: the kernel
    /// does not forward input requests, so reading gives end of file instead of hanging.
    pub fn install(output: Arc<Mutex<CellOutput>>) -> Result<(Arc<Capture>, RawFd), String> {
        let log_fd = unsafe { libc::fcntl(2, libc::F_DUPFD_CLOEXEC, 3) };
        if log_fd < 0 {
            return Err(os_error("dup"));
        }
        unsafe {
            let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDONLY);
            if null >= 0 {
                libc::dup2(null, 0);
                libc::close(null);
            }
        }
        let streams = vec![
            Stream { name: "stdout", read_fd: redirect(1)?, partial: Vec::new() },
            Stream { name: "stderr", read_fd: redirect(2)?, partial: Vec::new() },
        ];
        let fds: Vec<RawFd> = streams.iter().map(|s| s.read_fd).collect();
        let capture = Arc::new(Capture { streams: Mutex::new(streams), output });
        let reader = capture.clone();
        std::thread::Builder::new()
            .name("jupyter-capture".into())
            .spawn(move || reader.read_forever(&fds))
            .map_err(|e| format!("cannot start the output thread: {}", e))?;
        Ok((capture, log_fd))
    }

    fn read_forever(&self, fds: &[RawFd]) {
        let mut polls: Vec<libc::pollfd> = fds.iter().map(|&fd| libc::pollfd { fd, events: libc::POLLIN, revents: 0 }).collect();
        loop {
            let n = unsafe { libc::poll(polls.as_mut_ptr(), polls.len() as libc::nfds_t, -1) };
            if n < 0 {
                // EINTR (an interrupt) or a transient error: poll again.
                std::thread::sleep(std::time::Duration::from_millis(10));
                continue;
            }
            self.drain();
        }
    }

    /// Publishes everything written so far. OCaml's buffered channels on descriptors 1 and 2
    /// are flushed first.
    pub fn sync(&self) {
        runtime::io::flush_std();
        use std::io::Write;
        let _ = std::io::stdout().flush();
        self.drain();
    }

    fn drain(&self) {
        // Lock order: streams, then output (the same everywhere).
        let Ok(mut streams) = self.streams.lock() else { return };
        let Ok(mut out) = self.output.lock() else { return };
        for s in streams.iter_mut() {
            let mut buf = [0u8; 8192];
            loop {
                let n = unsafe { libc::read(s.read_fd, buf.as_mut_ptr().cast(), buf.len()) };
                if n <= 0 {
                    break;
                }
                s.partial.extend_from_slice(&buf[..n as usize]);
            }
            let text = take_text(&mut s.partial);
            out.stream(s.name, &text);
        }
    }
}

/// The text of `bytes` up to an unfinished UTF-8 sequence at its end, which stays for the
/// next read; invalid bytes become U+FFFD.
fn take_text(bytes: &mut Vec<u8>) -> String {
    let keep = match std::str::from_utf8(bytes) {
        Ok(_) => 0,
        Err(e) if e.error_len().is_none() => bytes.len() - e.valid_up_to(),
        Err(_) => {
            // Invalid in the middle; an unfinished sequence may still end it.
            let tail_start = bytes.len().saturating_sub(3);
            (tail_start..bytes.len())
                .find(|&i| matches!(std::str::from_utf8(&bytes[i..]), Err(e) if e.error_len().is_none() && e.valid_up_to() == 0))
                .map(|i| bytes.len() - i)
                .unwrap_or(0)
        }
    };
    let rest = bytes.split_off(bytes.len() - keep);
    let text = String::from_utf8_lossy(bytes).into_owned();
    *bytes = rest;
    text
}

#[cfg(test)]
mod tests {
    use super::take_text;

    #[test]
    fn unfinished_utf8_waits_for_the_next_read() {
        let mut b = "aé".as_bytes().to_vec();
        b.pop();
        assert_eq!(take_text(&mut b), "a");
        assert_eq!(b, vec![0xc3]);
        b.push(0xa9);
        assert_eq!(take_text(&mut b), "é");
        assert!(b.is_empty());
        let mut bad = vec![b'x', 0xff, b'y', 0xe2, 0x82];
        assert_eq!(take_text(&mut bad), "x\u{FFFD}y");
        assert_eq!(bad, vec![0xe2, 0x82]);
    }
}
