//! Transparent huge pages off while the session starts.
//!
//! The allocator asks the kernel for huge pages (2 MiB) on its arenas, and the first touch of
//! each one makes the kernel clear all of it. Building the initial environment and the JIT
//! touches a few MiB spread over several of them: clearing them (and, on a busy machine,
//! compacting memory to find them) took most of the CPU time of a toplevel answering `1+1;;`.
//! Programs that then run for long still get huge pages for the memory they touch later
//! (the GC's heaps), where they pay off.

/// Huge pages stay off for new memory until this is dropped (unless they already were).
pub struct SmallPages {
    #[cfg(target_os = "linux")]
    turned_off: bool,
}

impl SmallPages {
    pub fn new() -> SmallPages {
        #[cfg(target_os = "linux")]
        {
            // SAFETY: prctl with these options only reads/sets a flag of this process.
            let already = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) } == 1;
            let turned_off = !already && unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) } == 0;
            SmallPages { turned_off }
        }
        #[cfg(not(target_os = "linux"))]
        SmallPages {}
    }
}

impl Drop for SmallPages {
    fn drop(&mut self) {
        #[cfg(target_os = "linux")]
        if self.turned_off {
            // SAFETY: as above.
            unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 0, 0, 0, 0) };
        }
    }
}
