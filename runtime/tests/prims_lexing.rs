//! The ocamllex automaton against OCaml's own engine on the tables of data/lexer.mll
//! (data/lexing.expected from data/gen_lexing.sh).

mod common;
use common::*;
use runtime::alloc::{alloc_block, copy_bytes};
use runtime::gc::{self, LocalRoots};
use runtime::prims::{lexing, Error};
use runtime::value::*;

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect()
}

#[test]
fn lexing_engines_match_ocaml() {
    let _t = lock();
    let lines = data("lexing.expected");
    let mut r = LocalRoots::new();
    let tables: Vec<usize> =
        lines.iter().filter(|l| l[0] == "table").map(|l| r.add(copy_bytes(&unhex(&l[2])))).collect();
    assert_eq!(tables.len(), 11);
    let fields: Vec<Value> = tables.iter().map(|&k| r.get(k)).collect();
    let tbl = r.add(alloc_block(0, &fields));
    let mut m = Mismatches::default();
    for l in lines.iter().filter(|l| l[0] == "trace") {
        let with_mem = l[1] == "new_engine";
        let state: i64 = l[2].parse().unwrap();
        let memsize: usize = l[3].parse().unwrap();
        let input = unescape(&l[4]);
        let buf = r.add(copy_bytes(&input));
        // lexbuf: refill, buffer, len, abs_pos, start, curr, last, last_action, eof_reached,
        // mem, start_p, curr_p.
        let n = Value::of_int(input.len() as i64);
        let z = Value::of_int(0);
        let lb = r.add(alloc_block(0, &[UNIT, r.get(buf), n, z, z, z, z, z, TRUE, UNIT, UNIT, UNIT]));
        let mut steps = Vec::new();
        for _ in 0..50 {
            let mem = gc::alloc(memsize.max(1), 0);
            for i in 0..memsize.max(1) {
                unsafe { mem.init_field(i, Value::of_int(-1)) };
            }
            let mem = if memsize == 0 { runtime::alloc::atom(0) } else { mem };
            unsafe { r.get(lb).set_field(9, mem) };
            match lexing::lex_engine(r.get(tbl), state, r.get(lb), with_mem) {
                Ok(a) => {
                    let lbv = r.get(lb);
                    let f = |i| unsafe { lbv.field(i).int() };
                    let memv = unsafe { lbv.field(9) };
                    let cells: Vec<String> =
                        (0..memsize).map(|i| unsafe { memv.field(i).int() }.to_string()).collect();
                    steps.push(format!("{a}:{}:{}:{}", f(4), f(5), cells.join(",")));
                    if f(5) >= input.len() as i64 && !unsafe { lbv.field(8) }.bool() {
                        break;
                    }
                }
                Err(Error::Failure(msg)) => {
                    steps.push(format!("FAIL:{msg}"));
                    break;
                }
                Err(e) => panic!("{e:?}"),
            }
        }
        m.check(format!("{} {:?}", l[1], l[4]), &steps.join(" "), l.get(5).map(|s| s.as_str()).unwrap_or(""));
    }
    m.finish();
}
