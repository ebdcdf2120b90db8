//! The few pieces of assembly the runtime needs.
//!
//! - `caml_c_callN`: generated code calls a runtime function that may allocate or raise through
//!   these, passing the function's address as the argument after the N real ones. The stub
//!   records the caller's frame pointer and return address in the domain state (so the GC can
//!   walk the OCaml frames and find their stack maps) and jumps to the function.
//! - `caml_raise_exn`: pops the innermost handler record and resumes there (exception payload in
//!   the first return register, as Cranelift's `tail` convention expects on an exception edge).
//!   When backtraces are recorded it first calls `caml_stash_backtrace` with the raise's return
//!   address and frame, starting a new backtrace; `caml_reraise_exn` continues the backtrace of
//!   the exception it raises again; `caml_raise_exn_notrace` records nothing.
//! - `caml_alloc_slow`: the same frame recording in front of `gc::alloc_slow`.

use crate::state::{OFFSET_EXN_HANDLER, OFFSET_LAST_FP, OFFSET_LAST_RET};

#[cfg(target_arch = "x86_64")]
macro_rules! c_call_stub {
    ($name:literal, $target_reg:literal) => {
        concat!(
            ".globl ", $name, "\n",
            ".p2align 4\n",
            $name, ":\n",
            "  lea r11, [rip + {state}]\n",
            "  mov rax, [rsp]\n",
            "  mov [r11 + {last_ret}], rax\n",
            "  mov [r11 + {last_fp}], rbp\n",
            "  jmp ", $target_reg, "\n"
        )
    };
}

#[cfg(target_arch = "x86_64")]
std::arch::global_asm!(
    ".text",
    c_call_stub!("caml_c_call0", "rdi"),
    c_call_stub!("caml_c_call1", "rsi"),
    c_call_stub!("caml_c_call2", "rdx"),
    c_call_stub!("caml_c_call3", "rcx"),
    c_call_stub!("caml_c_call4", "r8"),
    c_call_stub!("caml_c_call5", "r9"),
    ".globl caml_alloc_slow",
    ".p2align 4",
    "caml_alloc_slow:",
    "  lea r11, [rip + {state}]",
    "  mov rax, [rsp]",
    "  mov [r11 + {last_ret}], rax",
    "  mov [r11 + {last_fp}], rbp",
    "  jmp {alloc_slow}",
    ".globl caml_raise_exn",
    ".p2align 4",
    "caml_raise_exn:",
    "  mov r8d, 1",
    "  jmp .Lcaml_raise_common",
    ".globl caml_reraise_exn",
    ".p2align 4",
    "caml_reraise_exn:",
    "  xor r8d, r8d",
    // Recording a backtrace: stash it (exception, raise pc, raising frame, handler, whether a
    // new backtrace starts), then raise. The handler clobbers every register, so rbx may hold
    // the exception across the call.
    ".Lcaml_raise_common:",
    "  cmp byte ptr [rip + {active}], 0",
    "  je caml_raise_exn_notrace",
    "  mov rbx, rdi",
    "  mov rsi, [rsp]",
    "  mov rdx, rbp",
    "  lea r11, [rip + {state}]",
    "  mov rcx, [r11 + {exn_handler}]",
    "  and rsp, -16",
    "  call {stash}",
    "  mov rdi, rbx",
    ".globl caml_raise_exn_notrace",
    "caml_raise_exn_notrace:",
    "  lea r11, [rip + {state}]",
    "  mov rcx, [r11 + {exn_handler}]",
    "  test rcx, rcx",
    "  jz {fatal}",
    "  mov rdx, [rcx]",
    "  mov [r11 + {exn_handler}], rdx",
    "  mov rsp, [rcx + 16]",
    "  mov rbp, [rcx + 24]",
    "  mov rax, rdi",
    "  xor edx, edx",
    "  jmp [rcx + 8]",
    state = sym crate::state::caml_state,
    last_ret = const OFFSET_LAST_RET,
    last_fp = const OFFSET_LAST_FP,
    exn_handler = const OFFSET_EXN_HANDLER,
    alloc_slow = sym crate::gc::alloc_slow,
    fatal = sym crate::fail::caml_fatal_uncaught_exception,
    active = sym crate::prims::backtrace::caml_backtrace_active,
    stash = sym crate::prims::backtrace::caml_stash_backtrace,
);

#[cfg(target_arch = "aarch64")]
macro_rules! c_call_stub {
    ($name:literal, $target_reg:literal) => {
        concat!(
            ".globl ", $name, "\n",
            ".p2align 4\n",
            $name, ":\n",
            "  adrp x16, {state}\n",
            "  add x16, x16, :lo12:{state}\n",
            "  str x30, [x16, #{last_ret}]\n",
            "  str x29, [x16, #{last_fp}]\n",
            "  br ", $target_reg, "\n"
        )
    };
}

// Not yet exercised on an aarch64 machine; kept in step with the x86_64 version.
#[cfg(target_arch = "aarch64")]
std::arch::global_asm!(
    ".text",
    c_call_stub!("caml_c_call0", "x0"),
    c_call_stub!("caml_c_call1", "x1"),
    c_call_stub!("caml_c_call2", "x2"),
    c_call_stub!("caml_c_call3", "x3"),
    c_call_stub!("caml_c_call4", "x4"),
    c_call_stub!("caml_c_call5", "x5"),
    ".globl caml_alloc_slow",
    ".p2align 4",
    "caml_alloc_slow:",
    "  adrp x16, {state}",
    "  add x16, x16, :lo12:{state}",
    "  str x30, [x16, #{last_ret}]",
    "  str x29, [x16, #{last_fp}]",
    "  b {alloc_slow}",
    ".globl caml_raise_exn",
    ".p2align 4",
    "caml_raise_exn:",
    "  mov x4, #1",
    "  b .Lcaml_raise_common",
    ".globl caml_reraise_exn",
    ".p2align 4",
    "caml_reraise_exn:",
    "  mov x4, xzr",
    ".Lcaml_raise_common:",
    "  adrp x16, {active}",
    "  ldrb w16, [x16, :lo12:{active}]",
    "  cbz w16, caml_raise_exn_notrace",
    "  mov x19, x0",
    "  mov x1, x30",
    "  mov x2, x29",
    "  adrp x16, {state}",
    "  add x16, x16, :lo12:{state}",
    "  ldr x3, [x16, #{exn_handler}]",
    "  mov x9, sp",
    "  and x9, x9, #-16",
    "  mov sp, x9",
    "  bl {stash}",
    "  mov x0, x19",
    ".globl caml_raise_exn_notrace",
    "caml_raise_exn_notrace:",
    "  adrp x16, {state}",
    "  add x16, x16, :lo12:{state}",
    "  ldr x17, [x16, #{exn_handler}]",
    "  cbz x17, {fatal}",
    "  ldr x9, [x17]",
    "  str x9, [x16, #{exn_handler}]",
    "  ldr x9, [x17, #16]",
    "  mov sp, x9",
    "  ldr x29, [x17, #24]",
    "  ldr x9, [x17, #8]",
    "  mov x1, xzr",
    "  br x9",
    state = sym crate::state::caml_state,
    last_ret = const OFFSET_LAST_RET,
    last_fp = const OFFSET_LAST_FP,
    exn_handler = const OFFSET_EXN_HANDLER,
    alloc_slow = sym crate::gc::alloc_slow,
    fatal = sym crate::fail::caml_fatal_uncaught_exception,
    active = sym crate::prims::backtrace::caml_backtrace_active,
    stash = sym crate::prims::backtrace::caml_stash_backtrace,
);

extern "C" {
    pub fn caml_c_call0();
    pub fn caml_c_call1();
    pub fn caml_c_call2();
    pub fn caml_c_call3();
    pub fn caml_c_call4();
    pub fn caml_c_call5();
    pub fn caml_alloc_slow();
}

/// The stub for a call with `n` arguments, if there is one.
pub fn c_call_stub(n: usize) -> Option<(&'static str, *const u8)> {
    let table: [(&'static str, unsafe extern "C" fn()); 6] = [
        ("caml_c_call0", caml_c_call0),
        ("caml_c_call1", caml_c_call1),
        ("caml_c_call2", caml_c_call2),
        ("caml_c_call3", caml_c_call3),
        ("caml_c_call4", caml_c_call4),
        ("caml_c_call5", caml_c_call5),
    ];
    table.get(n).map(|&(name, f)| (name, f as *const u8))
}
