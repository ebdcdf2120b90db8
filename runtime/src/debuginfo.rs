//! Debug information of generated code, for backtraces: for each function compiled with it,
//! the call and raise sites that have a source location, by return address.
//!
//! The JIT registers a function's sites when it defines the function; an AOT unit carries them
//! in a table (`compiler/src/aot/tables.rs`) registered at start-up. Nothing is looked up
//! unless a backtrace is converted to text or slots.

use std::sync::Arc;

/// A source location as backtraces print it.
#[derive(Debug, PartialEq, Eq)]
pub struct Location {
    /// `Foo.f.inner`, `Foo.(fun)`...
    pub scope: String,
    pub file: String,
    pub line: u32,
    pub start: u32,
    pub end: u32,
}

/// One call site (its return address, relative to the function start) with a location.
#[derive(Clone, Debug)]
pub struct Site {
    pub ret_offset: u32,
    pub is_raise: bool,
    pub loc: Arc<Location>,
}

struct Function {
    start: usize,
    end: usize,
    /// Sorted by `ret_offset`.
    sites: Box<[Site]>,
}

/// Functions sorted by start address.
static mut FUNCTIONS: Vec<Function> = Vec::new();

#[allow(static_mut_refs)]
fn functions() -> &'static mut Vec<Function> {
    // Single-domain runtime: only the thread running OCaml touches this.
    unsafe { &mut *std::ptr::addr_of_mut!(FUNCTIONS) }
}

/// Register the sites of the function whose code is `[start, start + size)`.
pub fn register_function(start: usize, size: usize, mut sites: Vec<Site>) {
    if sites.is_empty() {
        return;
    }
    sites.sort_by_key(|s| s.ret_offset);
    let fs = functions();
    let i = fs.partition_point(|f| f.start < start);
    fs.insert(i, Function { start, end: start + size, sites: sites.into_boxed_slice() });
}

/// The site whose return address is `pc`, if its function has debug information there.
pub fn lookup(pc: usize) -> Option<&'static Site> {
    let fs = functions();
    let i = fs.partition_point(|f| f.start <= pc);
    let f = fs.get(i.checked_sub(1)?)?;
    if pc >= f.end {
        return None;
    }
    let off = (pc - f.start) as u32;
    let j = f.sites.binary_search_by_key(&off, |s| s.ret_offset).ok()?;
    Some(&f.sites[j])
}

/// Whether any code with debug information is registered.
pub fn any() -> bool {
    !functions().is_empty()
}

/// The line `Raised at Foo.f in file "foo.ml", line 3, characters 4-9` for the `pos`-th entry.
pub fn format_site(pos: usize, site: &Site) -> String {
    let what = match (site.is_raise, pos == 0) {
        (true, true) => "Raised at",
        (true, false) => "Re-raised at",
        (false, true) => "Raised by primitive operation at",
        (false, false) => "Called from",
    };
    let l = &site.loc;
    format!(
        "{} {} in file \"{}\", line {}, characters {}-{}",
        what, l.scope, l.file, l.line, l.start, l.end
    )
}

// ---- The AOT table format (see `compiler/src/aot/tables.rs`) --------------------------------

unsafe fn read_u32(p: *const u8) -> u32 {
    (p as *const u32).read_unaligned()
}

unsafe fn read_u64(p: *const u8) -> u64 {
    (p as *const u64).read_unaligned()
}

unsafe fn read_str(base: *const u8, off: u32, len: u32) -> String {
    let b = std::slice::from_raw_parts(base.add(off as usize), len as usize);
    String::from_utf8_lossy(b).into_owned()
}

/// Register a unit's debug table:
///   function count u64; per function: address u64 (relocated), code size u32, site count u32,
///   then per site: ret_offset u32, is_raise u32, scope (offset u32, length u32), file
///   (offset u32, length u32), line u32, start u32, end u32; strings after all functions,
///   offsets counted from the table's start.
pub unsafe fn register_table(table: *const u8) {
    if table.is_null() {
        return;
    }
    let count = read_u64(table);
    let mut p = table.add(8);
    for _ in 0..count {
        let start = read_u64(p) as usize;
        let size = read_u32(p.add(8)) as usize;
        let nsites = read_u32(p.add(12)) as usize;
        p = p.add(16);
        let mut sites = Vec::with_capacity(nsites);
        // Sites of one function often share a location: share it too.
        let mut last: Option<([u32; 7], Arc<Location>)> = None;
        for _ in 0..nsites {
            let w: Vec<u32> = (0..9).map(|i| read_u32(p.add(4 * i))).collect();
            p = p.add(36);
            let key = [w[2], w[3], w[4], w[5], w[6], w[7], w[8]];
            let loc = match &last {
                Some((k, l)) if *k == key => l.clone(),
                _ => {
                    let l = Arc::new(Location {
                        scope: read_str(table, w[2], w[3]),
                        file: read_str(table, w[4], w[5]),
                        line: w[6],
                        start: w[7],
                        end: w[8],
                    });
                    last = Some((key, l.clone()));
                    l
                }
            };
            sites.push(Site { ret_offset: w[0], is_raise: w[1] != 0, loc });
        }
        register_function(start, size, sites);
    }
}
