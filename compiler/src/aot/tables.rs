//! The data an AOT object carries for the runtime: frame tables, unit descriptors and the startup
//! table. Their layout is a contract with `runtime/src/startup.rs`, which reads them at startup
//! (or when a plugin is loaded). Every word is 64-bit little-endian unless said otherwise.
//!
//! Frame table (`caml<Unit>__frametable`):
//!   count: u64, then `count` entries, each 8-aligned:
//!   function address (relocated) u64, return offset u32, frame span u32, slot count u32,
//!   slot offsets u32 * n, zero padding to 8 bytes.
//!
//! Debug table (`caml<Unit>__debuginfo`), the call and raise sites with a source location:
//!   function count u64; per function: address u64 (relocated), code size u32, site count u32,
//!   then per site nine u32: return offset, is_raise, scope (offset, length), file (offset,
//!   length), line, start, end; the strings follow the functions, offsets counted from the
//!   table's start (read by `runtime/src/debuginfo.rs`).
//!
//! Unit descriptor (`caml<Unit>__unit`):
//!   version, entry code (0: none), code begin, code end (0, 0: no OCaml code range),
//!   frame table address, debug table address, global block count, then (block address, field
//!   count) pairs; a block address points at the block's header, the fields follow it.
//!
//! Startup table (`caml_startup_info` in executables, `caml_plugin_info` in plugins):
//!   version, entry trampoline address, unit count, unit descriptor addresses in run order.

use crate::codegen::{Backend, CompiledFunction};
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module};

use super::AotError;

/// Bumped whenever the layout above changes; the runtime refuses other versions.
pub const TABLES_VERSION: u64 = 2;

fn define_data<M: Module>(
    be: &mut Backend<M>,
    name: &str,
    linkage: Linkage,
    bytes: Vec<u8>,
    func_relocs: &[(u32, FuncId)],
    data_relocs: &[(u32, DataId)],
) -> Result<DataId, AotError> {
    let id = be.module.declare_data(name, linkage, false, false)?;
    let mut desc = DataDescription::new();
    desc.define(bytes.into_boxed_slice());
    desc.set_align(8);
    for &(off, f) in func_relocs {
        let r = be.module.declare_func_in_data(f, &mut desc);
        desc.write_function_addr(off, r);
    }
    for &(off, d) in data_relocs {
        let gv = be.module.declare_data_in_data(d, &mut desc);
        desc.write_data_addr(off, gv, 0);
    }
    be.module.define_data(id, &desc)?;
    Ok(id)
}

fn push_u64(b: &mut Vec<u8>, v: u64) {
    b.extend_from_slice(&v.to_le_bytes());
}

fn push_u32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_le_bytes());
}

/// The frame table of every safepoint of `functions`.
pub fn define_frametable<'a, M: Module>(
    be: &mut Backend<M>,
    name: &str,
    functions: impl Iterator<Item = &'a CompiledFunction>,
) -> Result<DataId, AotError> {
    let mut bytes = Vec::new();
    let mut relocs = Vec::new();
    push_u64(&mut bytes, 0);
    let mut count: u64 = 0;
    for f in functions {
        for sp in &f.safepoints {
            let slots = u32::try_from(sp.slots.len()).map_err(|_| AotError("too many stack slots".into()))?;
            relocs.push((bytes.len() as u32, f.id));
            push_u64(&mut bytes, 0);
            push_u32(&mut bytes, sp.ret_offset);
            push_u32(&mut bytes, sp.span);
            push_u32(&mut bytes, slots);
            for &s in &sp.slots {
                push_u32(&mut bytes, s);
            }
            while bytes.len() % 8 != 0 {
                bytes.push(0);
            }
            count += 1;
        }
    }
    bytes[0..8].copy_from_slice(&count.to_le_bytes());
    define_data(be, name, Linkage::Local, bytes, &relocs, &[])
}

/// The debug table of `functions` (see the layout above).
pub fn define_debug_table<'a, M: Module>(
    be: &mut Backend<M>,
    name: &str,
    functions: impl Iterator<Item = &'a CompiledFunction>,
) -> Result<DataId, AotError> {
    let with_sites: Vec<&CompiledFunction> = functions.filter(|f| !f.debug.is_empty()).collect();
    let mut bytes = Vec::new();
    let mut relocs = Vec::new();
    push_u64(&mut bytes, with_sites.len() as u64);
    // Strings are written after the functions; fix their offsets once the size is known.
    let mut strings: Vec<u8> = Vec::new();
    let mut interned: std::collections::HashMap<std::rc::Rc<str>, (u32, u32)> = Default::default();
    let mut string_refs: Vec<(usize, u32)> = Vec::new();
    let mut intern = |s: &std::rc::Rc<str>, strings: &mut Vec<u8>| -> (u32, u32) {
        *interned.entry(s.clone()).or_insert_with(|| {
            let off = strings.len() as u32;
            strings.extend_from_slice(s.as_bytes());
            (off, s.len() as u32)
        })
    };
    for f in with_sites {
        relocs.push((bytes.len() as u32, f.id));
        push_u64(&mut bytes, 0);
        push_u32(&mut bytes, f.size);
        push_u32(&mut bytes, f.debug.len() as u32);
        for site in &f.debug {
            push_u32(&mut bytes, site.ret_offset);
            push_u32(&mut bytes, site.is_raise as u32);
            for s in [&site.loc.scope, &site.loc.file] {
                let (off, len) = intern(s, &mut strings);
                string_refs.push((bytes.len(), off));
                push_u32(&mut bytes, 0);
                push_u32(&mut bytes, len);
            }
            push_u32(&mut bytes, site.loc.line);
            push_u32(&mut bytes, site.loc.start);
            push_u32(&mut bytes, site.loc.end);
        }
    }
    let base = bytes.len() as u32;
    for (at, off) in string_refs {
        bytes[at..at + 4].copy_from_slice(&(base + off).to_le_bytes());
    }
    bytes.extend_from_slice(&strings);
    while bytes.len() % 8 != 0 {
        bytes.push(0);
    }
    define_data(be, name, Linkage::Local, bytes, &relocs, &[])
}

/// What a unit descriptor points at.
pub struct UnitParts {
    pub entry: Option<FuncId>,
    /// First and last (marker) functions of the unit's code.
    pub code_range: Option<(FuncId, FuncId)>,
    pub frametable: DataId,
    pub debuginfo: DataId,
    pub globals: Vec<(DataId, usize)>,
}

pub fn define_unit_descr<M: Module>(be: &mut Backend<M>, name: &str, parts: &UnitParts) -> Result<DataId, AotError> {
    let mut bytes = Vec::new();
    let mut frelocs = Vec::new();
    let mut drelocs = Vec::new();
    push_u64(&mut bytes, TABLES_VERSION);
    if let Some(e) = parts.entry {
        frelocs.push((bytes.len() as u32, e));
    }
    push_u64(&mut bytes, 0);
    if let Some((b, e)) = parts.code_range {
        frelocs.push((bytes.len() as u32, b));
        frelocs.push((bytes.len() as u32 + 8, e));
    }
    push_u64(&mut bytes, 0);
    push_u64(&mut bytes, 0);
    drelocs.push((bytes.len() as u32, parts.frametable));
    push_u64(&mut bytes, 0);
    drelocs.push((bytes.len() as u32, parts.debuginfo));
    push_u64(&mut bytes, 0);
    push_u64(&mut bytes, parts.globals.len() as u64);
    for &(g, n) in &parts.globals {
        drelocs.push((bytes.len() as u32, g));
        push_u64(&mut bytes, 0);
        push_u64(&mut bytes, n as u64);
    }
    define_data(be, name, Linkage::Export, bytes, &frelocs, &drelocs)
}

/// The startup table: the trampoline and the unit descriptors in run order.
pub fn define_startup_table<M: Module>(
    be: &mut Backend<M>,
    name: &str,
    start_program: FuncId,
    units: &[DataId],
) -> Result<DataId, AotError> {
    let mut bytes = Vec::new();
    let mut drelocs = Vec::new();
    push_u64(&mut bytes, TABLES_VERSION);
    push_u64(&mut bytes, 0);
    push_u64(&mut bytes, units.len() as u64);
    for &u in units {
        drelocs.push((bytes.len() as u32, u));
        push_u64(&mut bytes, 0);
    }
    define_data(be, name, Linkage::Export, bytes, &[(8, start_program)], &drelocs)
}
