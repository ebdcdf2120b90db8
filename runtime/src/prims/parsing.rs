//! The LALR automaton behind `ocamlyacc` parsers (`Parsing.yyparse` drives it): a resumable
//! state machine that returns to OCaml whenever it needs a token, a semantic action, bigger
//! stacks or the error function. Tables are strings of little-endian 16-bit numbers.

use super::{prim, Primitive};
use crate::value::*;

// Fields of `Parsing.parse_tables`.
const TRANSL_CONST: usize = 1;
const TRANSL_BLOCK: usize = 2;
const LHS: usize = 3;
const LEN: usize = 4;
const DEFRED: usize = 5;
const DGOTO: usize = 6;
const SINDEX: usize = 7;
const RINDEX: usize = 8;
const GINDEX: usize = 9;
const TABLESIZE: usize = 10;
const TABLE: usize = 11;
const CHECK: usize = 12;

// Fields of `Parsing.parser_env`.
const S_STACK: usize = 0;
const V_STACK: usize = 1;
const SYMB_START_STACK: usize = 2;
const SYMB_END_STACK: usize = 3;
const STACKSIZE: usize = 4;
const STACKBASE: usize = 5;
const CURR_CHAR: usize = 6;
const LVAL: usize = 7;
const SYMB_START: usize = 8;
const SYMB_END: usize = 9;
const ASP: usize = 10;
const RULE_LEN: usize = 11;
const RULE_NUMBER: usize = 12;
const SP: usize = 13;
const STATE: usize = 14;
const ERRFLAG: usize = 15;

// Commands from OCaml (`parser_input`) and answers (`parser_output`).
pub const START: i64 = 0;
pub const TOKEN_READ: i64 = 1;
pub const STACKS_GROWN_1: i64 = 2;
pub const STACKS_GROWN_2: i64 = 3;
pub const SEMANTIC_ACTION_COMPUTED: i64 = 4;
pub const ERROR_DETECTED: i64 = 5;
pub const READ_TOKEN: i64 = 0;
pub const RAISE_PARSE_ERROR: i64 = 1;
pub const GROW_STACKS_1: i64 = 2;
pub const GROW_STACKS_2: i64 = 3;
pub const COMPUTE_SEMANTIC_ACTION: i64 = 4;
pub const CALL_ERROR_FUNCTION: i64 = 5;

/// The token number of the `error` pseudo-token.
const ERRCODE: i64 = 256;

static mut TRACE: bool = false;

/// Where the automaton continues (the labels of a goto-based machine).
enum Step {
    Loop,
    TestShift,
    Recover,
    Shift(i64),
    ShiftRecover(i64),
    Push,
    Reduce(i64),
    SemanticAction,
}

struct Machine {
    tables: Value,
    env: Value,
    state: i64,
    sp: i64,
    errflag: i64,
}

impl Machine {
    fn short(&self, t: usize, n: i64) -> i64 {
        let s = unsafe { self.tables.field(t).bytes() };
        let i = n as usize * 2;
        if n < 0 || i + 1 >= s.len() {
            return 0;
        }
        i16::from_le_bytes([s[i], s[i + 1]]) as i64
    }
    fn env_int(&self, f: usize) -> i64 {
        unsafe { self.env.field(f).int() }
    }
    fn set_env_int(&self, f: usize, n: i64) {
        unsafe { self.env.init_field(f, Value::of_int(n)) }
    }
    fn env_field(&self, f: usize) -> Value {
        unsafe { self.env.field(f) }
    }
    fn stack_get(&self, f: usize, i: i64) -> Value {
        let a = self.env_field(f);
        if i < 0 || i as usize >= unsafe { a.wosize() } {
            return Value::of_int(0);
        }
        unsafe { a.field(i as usize) }
    }
    fn stack_set(&self, f: usize, i: i64, v: Value) {
        let a = self.env_field(f);
        if i >= 0 && (i as usize) < unsafe { a.wosize() } {
            unsafe { a.set_field(i as usize, v) }
        }
    }
    fn save(&self) {
        self.set_env_int(SP, self.sp);
        self.set_env_int(STATE, self.state);
        self.set_env_int(ERRFLAG, self.errflag);
    }
    /// The entry `n2` of `table` when `check` confirms it belongs to `key`.
    fn lookup(&self, index_table: usize, row: i64, key: i64) -> Option<i64> {
        let n1 = self.short(index_table, row);
        let n2 = n1 + key;
        let ok = n1 != 0
            && n2 >= 0
            && n2 <= self.tables_int(TABLESIZE)
            && self.short(CHECK, n2) == key;
        ok.then_some(n2)
    }
    fn tables_int(&self, f: usize) -> i64 {
        unsafe { self.tables.field(f).int() }
    }

    fn run(&mut self, mut step: Step) -> i64 {
        loop {
            step = match step {
                Step::Loop => {
                    let n = self.short(DEFRED, self.state);
                    if n != 0 {
                        Step::Reduce(n)
                    } else if self.env_int(CURR_CHAR) >= 0 {
                        Step::TestShift
                    } else {
                        self.save();
                        return READ_TOKEN;
                    }
                }
                Step::TestShift => {
                    let c = self.env_int(CURR_CHAR);
                    if let Some(n2) = self.lookup(SINDEX, self.state, c) {
                        Step::Shift(n2)
                    } else if let Some(n2) = self.lookup(RINDEX, self.state, c) {
                        Step::Reduce(self.short(TABLE, n2))
                    } else if self.errflag > 0 {
                        Step::Recover
                    } else {
                        self.save();
                        return CALL_ERROR_FUNCTION;
                    }
                }
                Step::Recover => {
                    if self.errflag < 3 {
                        self.errflag = 3;
                        loop {
                            let state1 = self.stack_get(S_STACK, self.sp).int();
                            if let Some(n2) = self.lookup(SINDEX, state1, ERRCODE) {
                                break Step::ShiftRecover(n2);
                            }
                            if self.sp <= self.env_int(STACKBASE) {
                                return RAISE_PARSE_ERROR;
                            }
                            self.sp -= 1;
                        }
                    } else {
                        if self.env_int(CURR_CHAR) == 0 {
                            return RAISE_PARSE_ERROR;
                        }
                        self.set_env_int(CURR_CHAR, -1); // discard the token
                        Step::Loop
                    }
                }
                Step::Shift(n2) => {
                    self.set_env_int(CURR_CHAR, -1);
                    if self.errflag > 0 {
                        self.errflag -= 1;
                    }
                    Step::ShiftRecover(n2)
                }
                Step::ShiftRecover(n2) => {
                    self.state = self.short(TABLE, n2);
                    self.sp += 1;
                    if self.sp < self.env_int(STACKSIZE) {
                        Step::Push
                    } else {
                        self.save();
                        return GROW_STACKS_1;
                    }
                }
                Step::Push => {
                    self.stack_set(S_STACK, self.sp, Value::of_int(self.state));
                    self.stack_set(V_STACK, self.sp, self.env_field(LVAL));
                    self.stack_set(SYMB_START_STACK, self.sp, self.env_field(SYMB_START));
                    self.stack_set(SYMB_END_STACK, self.sp, self.env_field(SYMB_END));
                    Step::Loop
                }
                Step::Reduce(n) => {
                    let m = self.short(LEN, n);
                    self.set_env_int(ASP, self.sp);
                    self.set_env_int(RULE_NUMBER, n);
                    self.set_env_int(RULE_LEN, m);
                    self.sp = self.sp - m + 1;
                    let lhs = self.short(LHS, n);
                    let state1 = self.stack_get(S_STACK, self.sp - 1).int();
                    self.state = match self.lookup(GINDEX, lhs, state1) {
                        Some(n2) => self.short(TABLE, n2),
                        None => self.short(DGOTO, lhs),
                    };
                    if self.sp < self.env_int(STACKSIZE) {
                        Step::SemanticAction
                    } else {
                        self.save();
                        return GROW_STACKS_2;
                    }
                }
                Step::SemanticAction => {
                    self.save();
                    return COMPUTE_SEMANTIC_ACTION;
                }
            };
        }
    }

    fn restore(&mut self) {
        self.sp = self.env_int(SP);
        self.state = self.env_int(STATE);
        self.errflag = self.env_int(ERRFLAG);
    }
}

/// One run of the automaton for command `cmd` with argument `arg`; returns its answer.
pub fn parse_engine(tables: Value, env: Value, cmd: i64, arg: Value) -> i64 {
    let mut m = Machine { tables, env, state: 0, sp: 0, errflag: 0 };
    let step = match cmd {
        START => {
            m.sp = m.env_int(SP);
            Step::Loop
        }
        TOKEN_READ => {
            m.restore();
            let (c, lval) = if arg.is_block() {
                let t = unsafe { tables.field(TRANSL_BLOCK) };
                let k = unsafe { arg.tag() } as usize;
                (if k < unsafe { t.wosize() } { unsafe { t.field(k) } } else { Value::of_int(0) }, unsafe { arg.field(0) })
            } else {
                let t = unsafe { tables.field(TRANSL_CONST) };
                let k = arg.int().max(0) as usize;
                (if k < unsafe { t.wosize() } { unsafe { t.field(k) } } else { Value::of_int(0) }, Value::of_int(0))
            };
            unsafe {
                env.init_field(CURR_CHAR, c);
                env.set_field(LVAL, lval);
            }
            Step::TestShift
        }
        ERROR_DETECTED => {
            m.restore();
            Step::Recover
        }
        STACKS_GROWN_1 => {
            m.restore();
            Step::Push
        }
        STACKS_GROWN_2 => {
            m.restore();
            Step::SemanticAction
        }
        SEMANTIC_ACTION_COMPUTED => {
            m.restore();
            m.stack_set(S_STACK, m.sp, Value::of_int(m.state));
            m.stack_set(V_STACK, m.sp, arg);
            let asp = m.env_int(ASP);
            let end = m.stack_get(SYMB_END_STACK, asp);
            m.stack_set(SYMB_END_STACK, m.sp, end);
            if m.sp > asp {
                // An empty production: it starts where it ends.
                m.stack_set(SYMB_START_STACK, m.sp, end);
            }
            Step::Loop
        }
        _ => return RAISE_PARSE_ERROR,
    };
    m.run(step)
}

#[no_mangle]
pub extern "C" fn caml_parse_engine(tables: Value, env: Value, cmd: Value, arg: Value) -> Value {
    Value::of_int(parse_engine(tables, env, cmd.int(), arg))
}

/// `Parsing.set_trace`: returns the previous setting. (Tracing output itself is not printed.)
#[no_mangle]
pub extern "C" fn caml_set_parser_trace(flag: Value) -> Value {
    let old = unsafe { TRACE };
    unsafe { TRACE = flag.bool() };
    Value::of_bool(old)
}

pub fn prims() -> Vec<Primitive> {
    vec![prim!(4, caml_parse_engine, false), prim!(1, caml_set_parser_trace, false)]
}
