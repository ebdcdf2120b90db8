//! Startup of ahead-of-time compiled programs and plugins.
//!
//! The compiler (`compiler::aot`) emits, per unit, a descriptor (entry code, code range, frame
//! table, global blocks) and, per executable or plugin, a startup table listing the entry
//! trampoline and the unit descriptors in run order. Their layout is documented in
//! `compiler/src/aot/tables.rs`; the reader here must stay in step with it.
//!
//! An executable's `main` (emitted by the compiler) calls `caml_main`, so the runtime library
//! itself defines no `main` and links into the `ocaml-jit` binary unchanged.

use crate::value::{Value, UNIT};
use std::ffi::{c_char, c_int, CStr};

/// Must equal `compiler::aot::TABLES_VERSION`.
pub const TABLES_VERSION: u64 = 2;

#[repr(C)]
pub struct StartupInfo {
    pub version: u64,
    pub start_program: crate::callback::StartProgram,
    pub nunits: u64,
    /// `nunits` unit descriptor addresses follow.
    pub units: [*const UnitDescr; 0],
}

#[repr(C)]
pub struct UnitDescr {
    pub version: u64,
    /// Code of the unit's top-level function (0 for the startup object's own pseudo-unit).
    pub entry: usize,
    pub code_begin: usize,
    pub code_end: usize,
    pub frametable: *const u8,
    /// Call and raise sites with source locations (`debuginfo::register_table`).
    pub debuginfo: *const u8,
    pub nglobals: u64,
    /// `nglobals` entries follow.
    pub globals: [GlobalBlock; 0],
}

#[repr(C)]
pub struct GlobalBlock {
    /// Address of the block's header.
    pub header: usize,
    pub nfields: u64,
}

#[derive(Debug)]
pub enum StartupError {
    /// The tables were written by an incompatible compiler.
    BadTables(String),
    /// A unit's top-level code raised this exception.
    Exception(Value),
}

unsafe fn read_u32(p: *const u8) -> u32 {
    (p as *const u32).read_unaligned()
}

unsafe fn read_u64(p: *const u8) -> u64 {
    (p as *const u64).read_unaligned()
}

/// Register every safepoint of a frame table with the GC.
unsafe fn register_frametable(mut p: *const u8) {
    let count = read_u64(p);
    p = p.add(8);
    for _ in 0..count {
        let func = read_u64(p) as usize;
        let ret_offset = read_u32(p.add(8)) as usize;
        let span = read_u32(p.add(12));
        let nslots = read_u32(p.add(16)) as usize;
        let slots: Box<[u32]> = (0..nslots).map(|i| read_u32(p.add(20 + 4 * i))).collect();
        crate::gc::register_frame(func + ret_offset, span, slots);
        p = p.add((20 + 4 * nslots).next_multiple_of(8));
    }
}

/// Register one unit's frames, global roots and code range; returns its entry code (0: none).
/// The toplevel calls it for each precompiled Stdlib unit it initialises.
pub unsafe fn register_unit(u: &UnitDescr) -> Result<usize, StartupError> {
    if u.version != TABLES_VERSION {
        return Err(StartupError::BadTables(format!("unit descriptor version {} (expected {})", u.version, TABLES_VERSION)));
    }
    register_frametable(u.frametable);
    crate::debuginfo::register_table(u.debuginfo);
    let globals = std::slice::from_raw_parts(u.globals.as_ptr(), u.nglobals as usize);
    for g in globals {
        crate::gc::register_global_roots((g.header + 8) as *mut Value, g.nfields as usize);
    }
    if u.code_begin < u.code_end {
        crate::stack_overflow::register_code_range(u.code_begin, u.code_end);
        crate::gc::register_code_range(u.code_begin, u.code_end);
    }
    Ok(u.entry)
}

/// Register every unit of a startup table and install its trampoline; returns the units' entry
/// code in run order. For plugins the loader calls this (then `run_entries`) with the address
/// of the plugin's `caml_plugin_info`.
pub unsafe fn register_units(info: *const StartupInfo) -> Result<Vec<usize>, StartupError> {
    let info = &*info;
    if info.version != TABLES_VERSION {
        return Err(StartupError::BadTables(format!("startup table version {} (expected {})", info.version, TABLES_VERSION)));
    }
    crate::callback::set_start_program(info.start_program);
    let units = std::slice::from_raw_parts(info.units.as_ptr(), info.nunits as usize);
    let mut entries = Vec::new();
    for &u in units {
        let entry = register_unit(&*u)?;
        if entry != 0 {
            entries.push(entry);
        }
    }
    Ok(entries)
}

/// Run the units' top-level code in order; stops at the first uncaught exception.
pub fn run_entries(entries: &[usize]) -> Result<(), StartupError> {
    for &e in entries {
        crate::callback::call_code(e, UNIT, UNIT).map_err(StartupError::Exception)?;
    }
    Ok(())
}

/// Register and run the units of a startup table (a program's, or a loaded plugin's).
pub unsafe fn load_and_run(info: *const StartupInfo) -> Result<(), StartupError> {
    let entries = register_units(info)?;
    run_entries(&entries)
}

unsafe fn args_of(argc: c_int, argv: *const *const c_char) -> Vec<String> {
    (0..argc.max(0) as usize)
        .map(|i| *argv.add(i))
        .take_while(|p| !p.is_null())
        .map(|p| CStr::from_ptr(p).to_string_lossy().into_owned())
        .collect()
}

/// The end of a program runs the functions registered with `at_exit` (Format's final flush
/// among them), as OCaml's last linked unit does; an exception escaping them is uncaught.
fn run_at_exit() -> Result<(), StartupError> {
    match crate::prims::misc::named_value("Pervasives.do_at_exit") {
        Some(f) => crate::callback::callback(f, crate::value::UNIT).map(|_| ()).map_err(StartupError::Exception),
        None => Ok(()),
    }
}

/// The body of an AOT program's `main`: initialise the runtime, set `Sys.argv`, run the units,
/// and report an uncaught exception as OCaml does (`Fatal error: exception ...`, exit code 2).
/// Output channels are flushed at exit.
#[no_mangle]
pub unsafe extern "C" fn caml_main(argc: c_int, argv: *const *const c_char, info: *const StartupInfo) -> c_int {
    crate::prims::sys::set_argv(args_of(argc, argv));
    crate::init();
    crate::stack_overflow::install_stack_overflow_handler();
    // Keeps every primitive linked into the program, so plugins can resolve against them.
    std::hint::black_box(crate::prims::table().len());
    match load_and_run(info).and_then(|()| run_at_exit()) {
        Ok(()) => {
            crate::io::flush_all();
            0
        }
        Err(StartupError::Exception(exn)) => crate::fail::caml_fatal_uncaught_exception(exn),
        Err(StartupError::BadTables(msg)) => {
            eprintln!("Fatal error: {}", msg);
            2
        }
    }
}
