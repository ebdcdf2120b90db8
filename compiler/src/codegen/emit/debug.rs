//! Source locations of calls and raises, for backtraces.
//!
//! A `CExpr::Loc` sets the Cranelift source location of the instructions emitted inside it to
//! an index into the function's table of debug events (location + whether the site is a raise).
//! After compilation, `sites_of` maps each call's return offset to its event through the
//! machine-code ranges Cranelift reports (`get_srclocs_sorted`). Calls without a location (the
//! `try` body call, compiler-made re-raises, code compiled without debug information) get no
//! site, and the runtime leaves their frames out of backtraces.

use super::Emitter;
use crate::lambda::DebugLoc;
use cranelift_codegen::ir::SourceLoc;
use cranelift_codegen::MachSrcLoc;
use cranelift_codegen::Final;
use cranelift_module::Module;
use std::rc::Rc;

/// A call site with a location: its return offset in the function, whether it raises.
#[derive(Clone, Debug)]
pub struct DebugSite {
    pub ret_offset: u32,
    pub is_raise: bool,
    pub loc: Rc<DebugLoc>,
}

/// The debug events of the function being emitted (indexed by `SourceLoc` bits).
#[derive(Default)]
pub struct DebugEvents {
    pub events: Vec<(bool, Rc<DebugLoc>)>,
    /// (location's address, is_raise) -> index, so a big function stays linear.
    known: std::collections::HashMap<(*const DebugLoc, bool), u32>,
}

impl DebugEvents {
    fn index(&mut self, is_raise: bool, loc: &Rc<DebugLoc>) -> SourceLoc {
        let events = &mut self.events;
        let i = *self.known.entry((Rc::as_ptr(loc), is_raise)).or_insert_with(|| {
            events.push((is_raise, loc.clone()));
            (events.len() - 1) as u32
        });
        SourceLoc::new(i)
    }
}

/// What `enter_loc` replaced, for `leave_loc`.
pub struct SavedLoc(Option<Rc<DebugLoc>>, SourceLoc);

impl<'a, 'b, M: Module> Emitter<'a, 'b, M> {
    pub(super) fn enter_loc(&mut self, d: &Rc<DebugLoc>) -> SavedLoc {
        if d.is_hidden() {
            let saved = SavedLoc(self.cur_loc.take(), self.b.srcloc());
            self.b.set_srcloc(SourceLoc::default());
            return saved;
        }
        let saved = SavedLoc(self.cur_loc.replace(d.clone()), self.b.srcloc());
        let s = self.debug.index(false, d);
        self.b.set_srcloc(s);
        saved
    }

    pub(super) fn leave_loc(&mut self, saved: SavedLoc) {
        self.cur_loc = saved.0;
        self.b.set_srcloc(saved.1);
    }

    /// Mark the next instructions as a raise at the current location (or as having no
    /// location when `visible` is false); returns what to restore afterwards.
    pub(super) fn raise_srcloc(&mut self, visible: bool) -> SourceLoc {
        let saved = self.b.srcloc();
        let s = match (&self.cur_loc, visible) {
            (Some(d), true) => {
                let d = d.clone();
                self.debug.index(true, &d)
            }
            _ => SourceLoc::default(),
        };
        self.b.set_srcloc(s);
        saved
    }
}

/// The call sites with a location, from the compiled code's call return offsets and source
/// location ranges.
pub fn sites_of(events: &DebugEvents, call_returns: &[u32], srclocs: &[MachSrcLoc<Final>]) -> Vec<DebugSite> {
    if events.events.is_empty() {
        return Vec::new();
    }
    let mut sites = Vec::new();
    for &ret in call_returns {
        let pc = ret.saturating_sub(1);
        let i = srclocs.partition_point(|r| r.start <= pc);
        if i == 0 {
            continue;
        }
        let r = &srclocs[i - 1];
        if pc >= r.end || r.loc.is_default() {
            continue;
        }
        if let Some((is_raise, loc)) = events.events.get(r.loc.bits() as usize) {
            sites.push(DebugSite { ret_offset: ret, is_raise: *is_raise, loc: loc.clone() });
        }
    }
    sites.sort_by_key(|s| s.ret_offset);
    sites
}
