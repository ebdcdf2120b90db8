//! The kernel's own messages. Descriptors 1 and 2 carry what OCaml code prints to the
//! notebook, so the log goes to a copy of the original stderr (Jupyter's server log).

use std::sync::atomic::{AtomicI32, Ordering};

static LOG_FD: AtomicI32 = AtomicI32::new(2);

/// Sends the log to `fd` from now on.
pub fn set_fd(fd: i32) {
    LOG_FD.store(fd, Ordering::Relaxed);
}

pub fn log(msg: &str) {
    let line = format!("[ocaml-jit kernel] {}\n", msg);
    let fd = LOG_FD.load(Ordering::Relaxed);
    // A failed log write has nowhere else to go.
    unsafe { libc::write(fd, line.as_ptr().cast(), line.len()) };
}
