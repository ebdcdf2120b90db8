//! Stack overflow in OCaml code becomes the exception `Stack_overflow`.
//!
//! A SIGSEGV handler running on an alternate signal stack looks at the fault: if the faulting
//! address is next to the stack pointer (the guard region was hit), the program counter is in
//! OCaml code and an OCaml handler record exists, it rewrites the signal context so that the
//! thread resumes in `caml_raise_exn` with `Stack_overflow` as its argument; the raise then
//! resets the stack pointer to the handler's frame, far above the guard. Any other fault is
//! handed back to the previous disposition (Rust's own overflow report, or the default crash).
//!
//! "In OCaml code" means: inside a code range registered by AOT units (`register_code_range`),
//! or outside every executable segment of the loaded ELF objects (JIT code lives in anonymous
//! memory). Faults in Rust code of the runtime are not turned into exceptions: Rust frames
//! would be skipped in the middle of their work.

use crate::state::state;
use std::sync::atomic::{AtomicUsize, Ordering};

const MAX_RANGES: usize = 4096;

/// A fixed table of address ranges, readable from a signal handler without locks.
struct Ranges {
    begin: [AtomicUsize; MAX_RANGES],
    end: [AtomicUsize; MAX_RANGES],
    len: AtomicUsize,
}

impl Ranges {
    const fn new() -> Ranges {
        Ranges {
            begin: [const { AtomicUsize::new(0) }; MAX_RANGES],
            end: [const { AtomicUsize::new(0) }; MAX_RANGES],
            len: AtomicUsize::new(0),
        }
    }

    fn push(&self, begin: usize, end: usize) -> bool {
        let i = self.len.load(Ordering::Acquire);
        if i >= MAX_RANGES {
            return false;
        }
        self.begin[i].store(begin, Ordering::Relaxed);
        self.end[i].store(end, Ordering::Relaxed);
        self.len.store(i + 1, Ordering::Release);
        true
    }

    fn contains(&self, pc: usize) -> bool {
        let n = self.len.load(Ordering::Acquire);
        (0..n).any(|i| self.begin[i].load(Ordering::Relaxed) <= pc && pc < self.end[i].load(Ordering::Relaxed))
    }
}

static OCAML_CODE: Ranges = Ranges::new();
static NATIVE_CODE: Ranges = Ranges::new();

/// Declare `[begin, end)` as OCaml code (AOT units and plugins). Returns false when the table is
/// full (faults there then end the process as an ordinary crash would).
pub fn register_code_range(begin: usize, end: usize) -> bool {
    OCAML_CODE.push(begin, end)
}

fn is_ocaml_code(pc: usize) -> bool {
    OCAML_CODE.contains(pc) || !NATIVE_CODE.contains(pc)
}

/// Record the executable segments of every ELF object loaded now.
fn collect_native_code() {
    unsafe extern "C" fn each(info: *mut libc::dl_phdr_info, _size: libc::size_t, _data: *mut libc::c_void) -> libc::c_int {
        let info = &*info;
        for i in 0..info.dlpi_phnum as usize {
            let ph = &*info.dlpi_phdr.add(i);
            if ph.p_type == libc::PT_LOAD && ph.p_flags & libc::PF_X != 0 {
                let begin = info.dlpi_addr as usize + ph.p_vaddr as usize;
                NATIVE_CODE.push(begin, begin + ph.p_memsz as usize);
            }
        }
        0
    }
    unsafe {
        libc::dl_iterate_phdr(Some(each), std::ptr::null_mut());
    }
}

/// How far from the stack pointer a fault still counts as hitting the stack's guard region.
const NEAR_SP: usize = 64 * 1024;

static mut PREVIOUS: Option<libc::sigaction> = None;

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
unsafe fn pc_sp(uc: &libc::ucontext_t) -> (usize, usize) {
    let g = &uc.uc_mcontext.gregs;
    (g[libc::REG_RIP as usize] as usize, g[libc::REG_RSP as usize] as usize)
}

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
unsafe fn resume_in(uc: &mut libc::ucontext_t, target: usize, arg: u64) {
    let g = &mut uc.uc_mcontext.gregs;
    g[libc::REG_RIP as usize] = target as i64;
    g[libc::REG_RDI as usize] = arg as i64;
}

// Not yet exercised on an aarch64 machine.
#[cfg(all(target_os = "linux", target_arch = "aarch64"))]
unsafe fn pc_sp(uc: &libc::ucontext_t) -> (usize, usize) {
    (uc.uc_mcontext.pc as usize, uc.uc_mcontext.sp as usize)
}

#[cfg(all(target_os = "linux", target_arch = "aarch64"))]
unsafe fn resume_in(uc: &mut libc::ucontext_t, target: usize, arg: u64) {
    uc.uc_mcontext.pc = target as u64;
    uc.uc_mcontext.regs[0] = arg;
}

extern "C" fn on_segv(_sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    unsafe {
        let fault = (*info).si_addr() as usize;
        let uc = &mut *(ctx as *mut libc::ucontext_t);
        let (pc, sp) = pc_sp(uc);
        let near_sp = fault < sp.wrapping_add(NEAR_SP) && fault >= sp.wrapping_sub(NEAR_SP);
        if near_sp && !state().exn_handler.is_null() && is_ocaml_code(pc) {
            let exn = *std::ptr::addr_of!(crate::fail::caml_exn_Stack_overflow);
            resume_in(uc, crate::fail::caml_raise_exn_notrace as *const () as usize, exn.0);
            return;
        }
        // Not an overflow of OCaml code: restore the previous disposition; the faulting
        // instruction runs again and gets it.
        match *std::ptr::addr_of!(PREVIOUS) {
            Some(prev) => libc::sigaction(libc::SIGSEGV, &prev, std::ptr::null_mut()),
            None => libc::signal(libc::SIGSEGV, libc::SIG_DFL) as libc::c_int,
        };
    }
}

/// Give the calling thread an alternate signal stack if it has none (the handler cannot run on
/// the stack that overflowed).
pub fn ensure_alt_stack() {
    unsafe {
        let mut current: libc::stack_t = std::mem::zeroed();
        if libc::sigaltstack(std::ptr::null(), &mut current) != 0 {
            return;
        }
        if current.ss_flags & libc::SS_DISABLE == 0 {
            return;
        }
        let size = (64 * 1024).max(libc::SIGSTKSZ);
        // Kept for the life of the thread (threads running OCaml live as long as the process).
        let mem = Box::leak(vec![0u8; size].into_boxed_slice());
        let st = libc::stack_t { ss_sp: mem.as_mut_ptr() as *mut libc::c_void, ss_flags: 0, ss_size: size };
        libc::sigaltstack(&st, std::ptr::null_mut());
    }
}

/// Install the handler (once per process) and an alternate signal stack for the calling thread.
/// Every thread that runs OCaml code needs the alternate stack: call this on each.
pub fn install_stack_overflow_handler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ensure_alt_stack();
    ONCE.call_once(|| unsafe {
        collect_native_code();
        let mut act: libc::sigaction = std::mem::zeroed();
        act.sa_sigaction = on_segv as *const () as libc::sighandler_t;
        act.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
        libc::sigemptyset(&mut act.sa_mask);
        let mut prev: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGSEGV, &act, &mut prev) == 0 {
            PREVIOUS = Some(prev);
        }
    });
}
