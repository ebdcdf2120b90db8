//! The table-driven automaton behind `ocamllex` lexers (`Lexing.engine`, `Lexing.new_engine`).
//! Tables are strings of little-endian signed 16-bit numbers; the lexbuf's positions are OCaml
//! integers stored in its fields.

use super::{prim, Error, PResult, Primitive};
use crate::value::*;

// Fields of `Lexing.lexbuf`.
const LEX_BUFFER: usize = 1;
const LEX_BUFFER_LEN: usize = 2;
const LEX_START_POS: usize = 4;
const LEX_CURR_POS: usize = 5;
const LEX_LAST_POS: usize = 6;
const LEX_LAST_ACTION: usize = 7;
const LEX_EOF_REACHED: usize = 8;
const LEX_MEM: usize = 9;

// Fields of `Lexing.lex_tables`.
const BASE: usize = 0;
const BACKTRK: usize = 1;
const DEFAULT: usize = 2;
const TRANS: usize = 3;
const CHECK: usize = 4;
const BASE_CODE: usize = 5;
const BACKTRK_CODE: usize = 6;
const DEFAULT_CODE: usize = 7;
const TRANS_CODE: usize = 8;
const CHECK_CODE: usize = 9;
const CODE: usize = 10;

/// The `n`-th entry of table `t`; out-of-range reads give -1 (no transition) instead of UB.
fn entry(tbl: Value, t: usize, n: i64) -> i64 {
    let s = unsafe { tbl.field(t).bytes() };
    let i = n as usize * 2;
    if n < 0 || i + 1 >= s.len() {
        return -1;
    }
    i16::from_le_bytes([s[i], s[i + 1]]) as i64
}

fn get(lb: Value, f: usize) -> i64 {
    unsafe { lb.field(f).int() }
}
fn set(lb: Value, f: usize, n: i64) {
    // Integers only: no write barrier needed.
    unsafe { lb.init_field(f, Value::of_int(n)) }
}

/// Memory-cell moves of `new_engine`: pairs (dst, src) ending at 0xff; src 0xff means "the
/// current position" (`value_for_ff`).
fn run_moves(tbl: Value, pc: i64, mem: Value, value_for_ff: Value) {
    let code = unsafe { tbl.field(CODE).bytes() };
    let mut pc = pc.max(0) as usize;
    while pc < code.len() {
        let dst = code[pc] as usize;
        if dst == 0xff || pc + 1 >= code.len() {
            return;
        }
        let src = code[pc + 1] as usize;
        pc += 2;
        let size = unsafe { mem.wosize() };
        if dst >= size {
            return;
        }
        let v = if src == 0xff {
            value_for_ff
        } else if src < size {
            unsafe { mem.field(src) }
        } else {
            return;
        };
        unsafe { mem.init_field(dst, v) };
    }
}

/// Run the automaton from `start_state` (negative: resuming after a refill). Returns the action
/// number, or a negative state asking for a refill.
pub fn lex_engine(tbl: Value, start_state: i64, lb: Value, with_mem: bool) -> PResult<i64> {
    let mut state = start_state;
    if state >= 0 {
        let curr = get(lb, LEX_CURR_POS);
        set(lb, LEX_START_POS, curr);
        set(lb, LEX_LAST_POS, curr);
        set(lb, LEX_LAST_ACTION, -1);
    } else {
        state = -state - 1;
    }
    let mem = unsafe { lb.field(LEX_MEM) };
    loop {
        let base = entry(tbl, BASE, state);
        if base < 0 {
            if with_mem {
                run_moves(tbl, entry(tbl, BASE_CODE, state), mem, Value::of_int(-1));
            }
            return Ok(-base - 1);
        }
        let backtrk = entry(tbl, BACKTRK, state);
        if backtrk >= 0 {
            if with_mem {
                run_moves(tbl, entry(tbl, BACKTRK_CODE, state), mem, Value::of_int(-1));
            }
            set(lb, LEX_LAST_POS, get(lb, LEX_CURR_POS));
            set(lb, LEX_LAST_ACTION, backtrk);
        }
        let curr = get(lb, LEX_CURR_POS);
        let c = if curr >= get(lb, LEX_BUFFER_LEN) {
            if !unsafe { lb.field(LEX_EOF_REACHED) }.bool() {
                return Ok(-state - 1);
            }
            256 // the end-of-input pseudo character
        } else {
            let buf = unsafe { lb.field(LEX_BUFFER).bytes() };
            let c = *buf.get(curr as usize).ok_or_else(|| Error::Failure("lexing: bad position".into()))?;
            set(lb, LEX_CURR_POS, curr + 1);
            c as i64
        };
        let prev = state;
        state = if entry(tbl, CHECK, base + c) == state {
            entry(tbl, TRANS, base + c)
        } else {
            entry(tbl, DEFAULT, state)
        };
        if state < 0 {
            set(lb, LEX_CURR_POS, get(lb, LEX_LAST_POS));
            let action = get(lb, LEX_LAST_ACTION);
            if action == -1 {
                return Err(Error::Failure("lexing: empty token".into()));
            }
            return Ok(action);
        }
        if with_mem {
            let base_code = entry(tbl, BASE_CODE, prev);
            let pc = if entry(tbl, CHECK_CODE, base_code + c) == prev {
                entry(tbl, TRANS_CODE, base_code + c)
            } else {
                entry(tbl, DEFAULT_CODE, prev)
            };
            if pc > 0 {
                run_moves(tbl, pc, mem, unsafe { lb.field(LEX_CURR_POS) });
            }
        }
        // The automaton consumed the end of input: it is no longer "reached" for the next token.
        if c == 256 {
            unsafe { lb.init_field(LEX_EOF_REACHED, FALSE) };
        }
    }
}

#[no_mangle]
pub extern "C" fn caml_lex_engine(tbl: Value, state: Value, lb: Value) -> Value {
    super::ret(lex_engine(tbl, state.int(), lb, false).map(Value::of_int))
}
#[no_mangle]
pub extern "C" fn caml_new_lex_engine(tbl: Value, state: Value, lb: Value) -> Value {
    super::ret(lex_engine(tbl, state.int(), lb, true).map(Value::of_int))
}

pub fn prims() -> Vec<Primitive> {
    vec![prim!(3, caml_lex_engine, true), prim!(3, caml_new_lex_engine, true)]
}
